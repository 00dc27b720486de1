// A value imported from a *.server module is an empty stub in the browser bundle. Using one in a
// page component renders on the server and then breaks hydration (a bug we had: the queue page).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// components live in sub-folders (ui/, staff/, public/…): read them all
const files = ['app/routes', 'app/components'].flatMap((dir) =>
  fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => path.join(dir, f)),
);

function serverValueImports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s*(type\s*)?\{([^}]*)\}\s*from\s*'[^']+\.server'/g)) {
    if (m[1]) continue;
    for (const part of (m[2] ?? '').split(',')) {
      const name = part.trim();
      if (!name || name.startsWith('type ')) continue;
      names.push(name.split(' as ').pop()!.trim());
    }
  }
  return names;
}

describe('browser bundles', () => {
  it.each(files)('%s uses no server-only value in its components', (file) => {
    const source = fs.readFileSync(file, 'utf8');
    const start = source.indexOf('export default function');
    if (start < 0) return;
    const component = source.slice(start);
    const used = serverValueImports(source).filter((n) => new RegExp(`\\b${n}\\b`).test(component));
    expect(used).toEqual([]);
  });
});
