// The route matcher of @remix-run/router, patched (patches/, ADR 0023) to keep compiled paths and ranked branches:
// the patch is applied, and matching answers as before for the kinds of paths the portal's routes use. Also the
// two patches that keep a build's routes from one render to the next (@remix-run/react, react-router-dom).
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

// the CommonJS build, which the server loads (Vite would give this file the ES module build)
const require = createRequire(import.meta.url);
const { matchPath, matchRoutes }: typeof import('@remix-run/router') = require('@remix-run/router');
const {
  createStaticHandler,
  createStaticRouter,
}: typeof import('react-router-dom/server') = require('react-router-dom/server');

const routes = [
  {
    id: 'root',
    path: '/',
    children: [
      { id: 'home', index: true },
      { id: 'pakn', path: 'pakn/:code' },
      { id: 'lang', path: ':lang?/tra-cuu' },
      { id: 'files', path: 'tep/*' },
      { id: 'staff', path: 'can-bo', children: [{ id: 'record', path: 'pakn/:id' }] },
    ],
  },
];
const ids = (path: string) => matchRoutes(routes, path)?.map((m) => [m.route.id, m.params]) ?? null;

describe('the patched route matcher', () => {
  it('is the patched file', () => {
    const file = require.resolve('@remix-run/router');
    expect(fs.readFileSync(file, 'utf8')).toContain('function compilePathOnce(');
    expect(fs.readFileSync(file, 'utf8')).toContain('function fixedHeadOf(');
  });

  it('matches as the router always has, call after call', () => {
    for (let round = 0; round < 3; round++) {
      expect(ids('/')).toEqual([
        ['root', {}],
        ['home', {}],
      ]);
      expect(ids('/PAKN/KHCN-2026-000001/')).toEqual([
        ['root', { code: 'KHCN-2026-000001' }],
        ['pakn', { code: 'KHCN-2026-000001' }],
      ]);
      expect(ids('/en/tra-cuu')?.at(-1)).toEqual(['lang', { lang: 'en' }]);
      expect(ids('/tra-cuu')?.at(-1)).toEqual(['lang', { lang: undefined }]);
      expect(ids('/tep/a/b.pdf')?.at(-1)).toEqual(['files', { '*': 'a/b.pdf' }]);
      expect(ids('/can-bo/pakn/7')?.at(-1)).toEqual(['record', { id: '7' }]);
      expect(ids('/khong-co')).toBeNull();
    }
    expect(matchPath({ path: '/a/:b', caseSensitive: true, end: true }, '/A/1')).toBeNull();
    expect(matchPath({ path: '/a/:b', caseSensitive: false, end: true }, '/A/1')?.params).toEqual({ b: '1' });
    expect(matchPath({ path: '/a', end: false }, '/a/b')?.pathnameBase).toBe('/a');
  });

  it('skips only the branches that cannot match: case, dots, optional and splat first segments', () => {
    const tree = [
      {
        id: 'root',
        path: '/',
        children: [
          { id: 'sitemap', path: 'sitemap.xml' },
          { id: 'staff', path: 'can-bo', children: [{ id: 'record', path: 'pakn/:id' }] },
          { id: 'exact', path: 'Hoa', caseSensitive: true },
          { id: 'lang', path: ':lang?/tra-cuu' },
          { id: 'rest', path: '*' },
        ],
      },
    ];
    const last = (path: string) => matchRoutes(tree, path)?.at(-1)?.route.id ?? null;
    expect(last('/SITEMAP.XML')).toBe('sitemap');
    expect(last('/Can-Bo/PAKN/3')).toBe('record');
    expect(last('/can-bo/')).toBe('staff');
    expect(last('/Hoa')).toBe('exact');
    expect(last('/hoa')).toBe('rest');
    expect(last('/vi/tra-cuu')).toBe('lang');
    expect(last('/tra-cuu')).toBe('lang');
    // what the fixed words do not match falls through to the splat, as before the patch
    expect(last('//can-bo')).toBe('rest');
    expect(last('/can-bo%20x')).toBe('rest');
    expect(last('/\u212Aan-bo')).toBe('rest');
    expect(last('/đường/1')).toBe('rest');
  });

  it('sees a new route tree as new', () => {
    const other = [{ id: 'only', path: '/khong-co' }];
    expect(matchRoutes(other, '/khong-co')?.map((m) => m.route.id)).toEqual(['only']);
    expect(ids('/khong-co')).toBeNull();
  });
});

describe('the routes kept from one render to the next', () => {
  it('are the patched files', () => {
    expect(fs.readFileSync(require.resolve('@remix-run/react/dist/server.js'), 'utf8')).toContain(
      'function serverRoutesOf(',
    );
    expect(fs.readFileSync(require.resolve('react-router-dom/server'), 'utf8')).toContain(
      'const dataRoutesOf = new WeakMap()',
    );
  });

  it('a static router made twice from the same routes shares them, and each renders its own location', async () => {
    const handler = createStaticHandler(routes);
    const contextOf = async (path: string) => {
      const context = await handler.query(new Request(`http://localhost${path}`));
      if (context instanceof Response) throw new Error(`${path}: a response`);
      return context;
    };
    const record = createStaticRouter(routes, await contextOf('/can-bo/pakn/7'));
    const home = createStaticRouter(routes, await contextOf('/'));
    expect(home.routes).toBe(record.routes);
    expect(record.state.matches.map((m) => [m.route.id, m.params])).toEqual([
      ['root', { id: '7' }],
      ['staff', { id: '7' }],
      ['record', { id: '7' }],
    ]);
    expect(home.state.matches.map((m) => m.route.id)).toEqual(['root', 'home']);
    // the matches carry the kept data routes, as they did the ones made for each render
    expect(record.state.matches.at(-1)?.route).toBe(record.routes[0]?.children?.[4]?.children?.[0]);
    // other routes: other data routes
    expect(createStaticRouter([...routes], await contextOf('/')).routes).not.toBe(home.routes);
  });
});
