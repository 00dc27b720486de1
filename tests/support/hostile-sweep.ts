// The hostile-input sweep (issue #6), shared by tests/integration/hostile-inputs*.test.ts: one in-process
// app per file, the bookkeeping of every answer (5xx, live markup, foreign redirects, partial writes), the
// form fuzzer, records in the state each workflow intent needs, and the checks every file ends with.
// Split out of hostile-inputs.test.ts so that its three parts (about 100 s of CPU together) run on
// separate forks.
import fs from 'node:fs';
import path from 'node:path';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import type { Status } from '~/domain/workflow';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from './app';
import {
  duplicatedFields,
  liveMarkup,
  malformedBodies,
  manyFields,
  multipartOf,
  ONE_MB,
  PAYLOADS,
  type ScrapedForm,
  scrapeForms,
} from './hostile-corpus';
import type { IntentSetting } from './intent-fields';
import { paknFixture, seedPakn } from './pakn';
import { sqlAll, sqlGet } from './sql';
import { cookiesFrom, createStaffUser, signIn } from './staff';

export const NONCE = 'test-nonce';
export const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
export const PNG = fs.readFileSync('tests/fixtures/pixel.png');
export const today = toLocalDate(new Date());

export let app: TestApp;
export let unitA: number;
export let unitB: number;
export const cookie: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------
// Bookkeeping

export type Problem = { kind: '5xx' | 'live' | 'partial' | 'redirect'; where: string; detail: string };
export const problems: Problem[] = [];
export const stats = {
  requests: 0,
  posts: 0,
  gets: 0,
  fiveXX: 0,
  forms: new Set<string>(),
  endpoints: new Set<string>(),
};

/**
 * Problems that are known bugs (reported to the lead with their fix): they are counted and printed but
 * do not fail the sweep; each one has its own reproduction below.
 */
const KNOWN: Array<{ bug: string; match: (p: Problem) => boolean }> = [
  {
    bug: 'BUG-redirect-ctl: safeRedirect lets control characters through (CR/LF → 500, TAB → open redirect)',
    match: (p) =>
      /\/(ngon-ngu|can-bo\/dang-nhap|can-bo\/xac-thuc|can-bo\?index)\b/.test(p.where) &&
      /redirect|crlf|control|tab/i.test(p.where + p.detail),
  },
];
export const isKnown = (p: Problem) => KNOWN.some((k) => k.match(p));

/** the rows a refused request must not have added or removed, counted in one statement */
const RECORD_COUNTS = `SELECT ${Object.entries({
  pakn: 'pakn',
  attachments: 'attachments WHERE pakn_id IS NOT NULL',
  events: 'events',
  outbox: 'outbox',
  answers: 'answers',
  documents: 'documents',
  ratings: 'feedback_ratings',
})
  .map(([k, from]) => `(SELECT count(*) FROM ${from}) AS ${k}`)
  .join(', ')}`;
export async function counts(): Promise<Record<string, number>> {
  return (await sqlGet<Record<string, number>>(app.db(), RECORD_COUNTS))!;
}

/** encodeURIComponent that survives lone surrogates (they are sent as U+FFFD, as a browser would). */
export const enc = (v: string) => encodeURIComponent(Buffer.from(v).toString());

let ipSeq = 0;
/** A fresh client address per request, so the rate limits never hide what the action itself does. */
export const nextIp = () => `10.66.${Math.floor(ipSeq / 250) % 250}.${(ipSeq++ % 250) + 1}`;

export function mergeCookies(a: string | undefined, res: Response): string | undefined {
  const jar: Record<string, string> = {};
  for (const pair of (a ?? '').split(/;\s*/).filter(Boolean)) {
    const i = pair.indexOf('=');
    jar[pair.slice(0, i)] = pair.slice(i + 1);
  }
  Object.assign(jar, cookiesFrom(res));
  const out = Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return out || undefined;
}

export async function readBody(res: Response): Promise<string> {
  const type = res.headers.get('Content-Type') ?? '';
  if (/html|xml|json|text|csv/.test(type)) return res.text();
  await res.arrayBuffer();
  return '';
}

/** `counts` before and after a refused request, which must have written nothing */
type Counts = { before: Record<string, number>; after: Record<string, number> };

export function check(
  where: string,
  res: Response,
  body: string,
  counted?: Counts,
  nonce = NONCE,
  base = BASE,
) {
  stats.requests += 1;
  if (res.status >= 500) {
    stats.fiveXX += 1;
    problems.push({ kind: '5xx', where, detail: `HTTP ${res.status}` });
  }
  if (/html|xml/.test(res.headers.get('Content-Type') ?? '')) {
    const live = liveMarkup(body, /html/.test(res.headers.get('Content-Type') ?? '') ? nonce : undefined);
    if (live.length) problems.push({ kind: 'live', where, detail: live.join('; ') });
  }
  const location = res.headers.get('Location');
  if (res.status >= 300 && res.status < 400 && location !== null) {
    if (new URL(location, base).origin !== new URL(base).origin)
      problems.push({ kind: 'redirect', where, detail: `Location ${JSON.stringify(location)}` });
  }
  if (counted) {
    const { before, after } = counted;
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length)
      problems.push({
        kind: 'partial',
        where,
        detail: `HTTP ${res.status} changed ${changed.map((k) => `${k} ${before[k]}→${after[k]}`).join(', ')}`,
      });
  }
}

type Send = {
  method?: 'GET' | 'POST';
  cookie?: string;
  /** null: no Origin header (a same-origin post carries Origin; the public suite also tries without) */
  origin?: string | null;
  contentType?: string | null;
  body?: BodyInit;
  /** follow one same-site redirect with GET, as a browser does, and check that page too */
  follow?: boolean;
};

/** Payloads worth following to the page that shows them (the markup ones); the rest are not re-rendered. */
export const FOLLOWED = new Set([
  'xss-script',
  'xss-img-attr-break',
  'xss-svg-single-quote',
  'js-url',
  'markdown-links',
  'entities',
  'crlf',
]);

/** One request, checked; returns the response and its body. */
export async function send(
  where: string,
  pathname: string,
  { method = 'POST', cookie: c, origin = BASE, contentType, body, follow = false }: Send = {},
): Promise<{ res: Response; body: string; cookie?: string }> {
  const headers = new Headers();
  if (c) headers.set('Cookie', c);
  if (method === 'POST' && origin !== null) headers.set('Origin', origin);
  if (contentType) headers.set('Content-Type', contentType);
  const before = method === 'POST' ? await counts() : undefined;
  let res: Response;
  try {
    res = await app.fetch(pathname, { method, headers, body, ip: nextIp() });
  } catch (error) {
    // the handler itself threw: as bad as a 500
    stats.requests += 1;
    stats.fiveXX += 1;
    problems.push({ kind: '5xx', where, detail: `threw ${(error as Error).message}` });
    return { res: new Response(null, { status: 599 }), body: '' };
  }
  if (method === 'POST') stats.posts += 1;
  else stats.gets += 1;
  const text = await readBody(res);
  const counted = before && res.status >= 400 ? { before, after: await counts() } : undefined;
  check(`${method} ${pathname} ${where}`, res, text, counted);
  const jar = mergeCookies(c, res);
  const location = res.headers.get('Location');
  if (follow && res.status >= 300 && res.status < 400 && location) {
    const target = new URL(location, BASE);
    if (target.origin === new URL(BASE).origin) {
      const next = await app.fetch(target.pathname + target.search, {
        headers: jar ? { Cookie: jar } : {},
        ip: nextIp(),
      });
      stats.gets += 1;
      check(`GET ${target.pathname}${target.search} (after ${where})`, next, await readBody(next));
    }
  }
  return { res, body: text, cookie: jar };
}

export function urlencoded(fields: Record<string, string> | URLSearchParams) {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: (fields instanceof URLSearchParams ? fields : new URLSearchParams(fields)).toString(),
  };
}

/**
 * The whole corpus against one form: each payload once, in the next field in turn; then the malformed
 * bodies, 5,000 fields, a 1 MB field and duplicated fields. `fresh` (optional) gives the form anew before
 * each request, for forms whose success changes what the next post may do.
 */
export async function fuzzForm(
  label: string,
  form: ScrapedForm,
  opts: {
    cookie?: string;
    fresh?: () => Promise<{ form: ScrapedForm; cookie?: string }>;
    files?: () => Array<{ field: string; name: string; data: Uint8Array; type?: string }>;
    extras?: boolean;
  } = {},
) {
  stats.forms.add(label);
  const started = Date.now();
  try {
    await fuzzFormInner(label, form, opts);
  } finally {
    timings.push([label, Date.now() - started]);
  }
}
export const timings: Array<[string, number]> = [];

async function fuzzFormInner(label: string, form: ScrapedForm, opts: Parameters<typeof fuzzForm>[2] = {}) {
  const names = form.names.length ? form.names : Object.keys(form.fields);
  const rounds = Math.max(PAYLOADS.length, names.length);
  for (let i = 0; i < rounds; i += 1) {
    const current = opts.fresh ? await opts.fresh() : { form, cookie: opts.cookie };
    const f = current.form;
    const fieldNames = f.names.length ? f.names : Object.keys(f.fields);
    const name = fieldNames[i % fieldNames.length]!;
    const payload = PAYLOADS[i % PAYLOADS.length]!;
    const fields = { ...f.fields, [name]: payload.value };
    const where = `${label} [${name}=${payload.name}]`;
    if (f.multipart) {
      const files = opts.files && i % 3 === 0 ? opts.files() : [];
      await send(where, f.action, {
        cookie: current.cookie,
        body: multipartOf(fields, files),
        follow: FOLLOWED.has(payload.name),
      });
    } else {
      await send(where, f.action, {
        cookie: current.cookie,
        ...urlencoded(fields),
        follow: FOLLOWED.has(payload.name),
      });
    }
  }
  if (opts.extras === false) return;
  const current = opts.fresh ? await opts.fresh() : { form, cookie: opts.cookie };
  const f = current.form;
  const first = (f.names[0] ?? Object.keys(f.fields)[0])!;
  for (const raw of malformedBodies(f.fields)) {
    await send(`${label} [${raw.name}]`, f.action, {
      cookie: current.cookie,
      contentType: raw.contentType,
      body: raw.body,
    });
  }
  await send(`${label} [5000 fields]`, f.action, {
    cookie: current.cookie,
    ...urlencoded(manyFields(f.fields)),
  });
  if (f.multipart) {
    const many = new FormData();
    for (const [k, v] of Object.entries(f.fields)) many.append(k, v);
    for (let i = 0; i < 5000; i += 1) many.append(`f${i}`, String(i));
    await send(`${label} [5000 multipart parts]`, f.action, { cookie: current.cookie, body: many });
    await send(`${label} [1 MB field, multipart]`, f.action, {
      cookie: current.cookie,
      body: multipartOf({ ...f.fields, [first]: ONE_MB }),
    });
  }
  await send(`${label} [1 MB field]`, f.action, {
    cookie: current.cookie,
    ...urlencoded({ ...f.fields, [first]: ONE_MB }),
  });
  await send(`${label} [duplicated fields]`, f.action, {
    cookie: current.cookie,
    ...urlencoded(duplicatedFields(f.fields, PAYLOADS[0]!.value)),
  });
  await send(`${label} [no fields]`, f.action, { cookie: current.cookie, ...urlencoded({}) });
}

export async function formsOf(page: string, c?: string): Promise<ScrapedForm[]> {
  const res = await app.fetch(page, { headers: c ? { Cookie: c } : {}, ip: nextIp() });
  const html = await res.text();
  check(`GET ${page} (form page)`, res, html);
  stats.gets += 1;
  if (res.status !== 200) throw new Error(`GET ${page}: HTTP ${res.status}`);
  return scrapeForms(html, page);
}

export function distinct(forms: ScrapedForm[]): ScrapedForm[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = `${f.action.split('?')[0]}|${f.fields.intent ?? ''}|${Object.keys(f.fields).sort().join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Records in the states each workflow intent needs

export const BASE_PAKN = paknFixture({
  fullName: 'Võ Thị Hạnh',
  address: 'Sông Cầu',
  phone: '0933444555',
  email: 'hanh.vo@example.vn',
  title: 'Thủ tục thẩm định công nghệ',
  content: 'Thời gian thẩm định kéo dài.',
  receivedAt: new Date(),
});

type Setup = { status: Status; unit: 'A' | null; answer?: boolean; pauseDaysAgo?: number };
export async function seed({ status, unit, answer, pauseDaysAgo }: Setup) {
  const db = app.db();
  const pakn = await seedPakn(db, BASE_PAKN, {
    status,
    unitId: unit === 'A' ? unitA : null,
    answeredAt: status === 'answered' ? new Date() : null,
  });
  if (answer)
    await db.insert(s.answers).values({
      paknId: pakn.id,
      body: 'Dự thảo trả lời.',
      outcome: 'stands',
      approvedAt: status === 'answered' ? new Date() : null,
    });
  if (pauseDaysAgo !== undefined)
    await db
      .insert(s.paknPauses)
      .values({ paknId: pakn.id, fromDate: addCalendarDays(today, -pauseDaysAgo) });
  return (await first(db.select().from(s.pakn).where(eq(s.pakn.id, pakn.id))))!;
}

/** Each intent in a state where it is legal, posted by a role that may do it. */
export const INTENTS: Array<[string, Setup, 'coordinator' | 'handler' | 'approver']> = [
  ['classify', { status: 'received', unit: null }, 'coordinator'],
  ['assign', { status: 'received', unit: null }, 'coordinator'],
  ['refuse', { status: 'received', unit: null }, 'coordinator'],
  ['transfer', { status: 'received', unit: null }, 'coordinator'],
  ['forward', { status: 'received', unit: null }, 'coordinator'],
  ['mark_duplicate', { status: 'received', unit: null }, 'coordinator'],
  ['reassign', { status: 'assigned', unit: 'A' }, 'coordinator'],
  ['take', { status: 'assigned', unit: 'A' }, 'handler'],
  ['note', { status: 'in_progress', unit: 'A' }, 'handler'],
  ['request_info', { status: 'in_progress', unit: 'A' }, 'handler'],
  ['receive_info', { status: 'awaiting_info', unit: 'A', pauseDaysAgo: 1 }, 'handler'],
  ['close_no_info', { status: 'awaiting_info', unit: 'A', pauseDaysAgo: 40 }, 'coordinator'],
  ['extend', { status: 'in_progress', unit: 'A' }, 'handler'],
  ['draft', { status: 'in_progress', unit: 'A' }, 'handler'],
  ['edit_draft', { status: 'drafted', unit: 'A', answer: true }, 'handler'],
  ['submit', { status: 'drafted', unit: 'A', answer: true }, 'handler'],
  ['approve', { status: 'awaiting_approval', unit: 'A', answer: true }, 'approver'],
  ['return', { status: 'awaiting_approval', unit: 'A', answer: true }, 'approver'],
  ['keep_studying', { status: 'in_progress', unit: 'A' }, 'approver'],
  ['resume_study', { status: 'keep_studying', unit: 'A' }, 'handler'],
  ['reopen', { status: 'answered', unit: 'A', answer: true }, 'coordinator'],
  ['group', { status: 'in_progress', unit: 'A' }, 'coordinator'],
  ['ungroup', { status: 'in_progress', unit: 'A' }, 'coordinator'],
];

/** The setting of intentFields (./intent-fields) here: a group partner is an open PAKN of unit A. */
export const intentSetting = (): IntentSetting => ({
  db: app.db(),
  units: { a: unitA, b: unitB },
  note: 'Ghi chú kiểm thử',
  partner: (unitId) => seedPakn(app.db(), BASE_PAKN, { status: 'in_progress', unitId }),
});

/** The follow-up cookie a submitter gets by looking the PAKN up with its code and contact. */
export async function followCookie(p: { code: string }): Promise<string> {
  const res = await app.fetch('/theo-doi', {
    method: 'POST',
    ip: nextIp(),
    headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: p.code, contact: BASE_PAKN.phone }),
  });
  const value = cookiesFrom(res).pakn_follow;
  if (res.status !== 302 || !value) throw new Error(`follow lookup failed: ${res.status}`);
  return `pakn_follow=${value}`;
}

// ---------------------------------------------------------------------------------------------

/** The in-process app and one signed-in cookie per role, for the file that calls it; prints the summary at the end. */
export function sweepHooks() {
  beforeAll(async () => {
    app = await startTestApp();
    const db = app.db();
    unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
    unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
    const specs = {
      admin: { role: 'admin' },
      coordinator: { role: 'coordinator' },
      handler: { role: 'handler', unitCode: 'QLKHCN' },
      approver: { role: 'approver', unitCode: 'QLKHCN' },
    } as const;
    for (const [who, spec] of Object.entries(specs)) {
      const u = await createStaffUser(db, spec);
      cookie[who] = await signIn(app, u.email, u.password, { ip: nextIp() });
    }
  }, 120_000);

  afterAll(async () => {
    const known = problems.filter(isKnown);
    const unknown = problems.filter((p) => !isKnown(p));
    console.log(
      [
        `hostile inputs: ${stats.requests} requests (${stats.posts} posts, ${stats.gets} gets), ` +
          `${PAYLOADS.length} payloads (+ ${malformedBodies({}).length} malformed bodies, 5,000 fields, 1 MB, duplicates), ` +
          `${stats.forms.size} forms (${new Set([...stats.forms].map((f) => f.split(' ')[0])).size} routes with an action), ` +
          `${stats.endpoints.size} GET endpoints`,
        `5xx seen: ${stats.fiveXX}; problems: ${unknown.length} unexplained, ${known.length} from known bugs`,
        ...(process.env.HOSTILE_TIMINGS
          ? timings
              .sort((a, b) => b[1] - a[1])
              .slice(0, 25)
              .map(([l, ms]) => `  ${ms} ms ${l}`)
          : []),
        ...known.slice(0, 12).map((p) => `  known ${p.kind}: ${p.where} → ${p.detail}`),
        ...unknown.slice(0, 40).map((p) => `  ${p.kind}: ${p.where} → ${p.detail}`),
      ].join('\n'),
    );
    await app?.stop();
  });
}

export function expectClean(prefix: RegExp) {
  const mine = problems.filter((p) => prefix.test(p.where) && !isKnown(p));
  expect(mine.map((p) => `${p.kind}: ${p.where} → ${p.detail}`)).toEqual([]);
}

/**
 * What the sweep of this file left behind: stored payloads shown escaped, no partial record, and the
 * sweep as a whole clean. Every file of the sweep ends with it, on its own database.
 */
export function leftBehindSuite() {
  describe('what is left behind', () => {
    it('stored payloads are shown escaped wherever they are listed (public pages, feed, queue, audit log)', async () => {
      // publish one record whose public text is hostile, so the public pages have something to show
      const p = await seed({ status: 'answered', unit: 'A', answer: true });
      await app
        .db()
        .update(s.pakn)
        .set({
          publication: 'published',
          publishedAt: new Date(),
          publicTitle: '<script>alert(1)</script> tiêu đề',
          publicSummary: '"><img src=x onerror=alert(1)>',
          publicAnswer: '[x](javascript:alert(1)) <a href="javascript:alert(1)">z</a>',
        })
        .where(eq(s.pakn.id, p.id));
      const published = await app
        .db()
        .select({ code: s.pakn.code })
        .from(s.pakn)
        .where(eq(s.pakn.publication, 'published'));
      const pages: Array<[string, string?]> = [
        ['/cong-khai'],
        ['/cong-khai.atom'],
        ['/sitemap.xml'],
        ['/so-cong-khai'],
        ['/du-lieu-mo'],
        ['/'],
        ...published.slice(0, 40).map(({ code }) => [`/cong-khai/${code}`] as [string]),
        ['/can-bo', 'coordinator'],
        ['/can-bo?tab=all', 'admin'],
        ['/can-bo?tab=all&q=script', 'coordinator'],
        ['/can-bo/quan-tri/nhat-ky', 'admin'],
        ['/can-bo/quan-tri/nguoi-dung', 'admin'],
        ['/can-bo/quan-tri/don-vi', 'admin'],
        ['/can-bo/quan-tri/linh-vuc', 'admin'],
        ['/can-bo/quan-tri/dinh-tuyen', 'admin'],
        ['/can-bo/quan-tri/co-quan-chuyen', 'admin'],
        ['/can-bo/quan-tri/lich', 'admin'],
        ['/noi-tiep-nhan'],
      ];
      for (const [page, who] of pages) {
        const r = await send(`stored values on ${page}`, page, {
          method: 'GET',
          cookie: who ? cookie[who] : undefined,
        });
        expect(r.res.status, page).toBe(200);
      }
      expectClean(/^GET .* stored values on/);
    });

    it('no partial record: every PAKN has its events, every attachment its PAKN and its file, no stray files', async () => {
      const orphans = [
        'SELECT id FROM pakn WHERE id NOT IN (SELECT pakn_id FROM events)',
        'SELECT id FROM attachments WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)',
        'SELECT id FROM attachments WHERE pakn_id IS NULL AND draft_token IS NULL',
        'SELECT id FROM events WHERE pakn_id NOT IN (SELECT id FROM pakn)',
        'SELECT pakn_id FROM answers WHERE pakn_id NOT IN (SELECT id FROM pakn)',
        'SELECT id FROM documents WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)',
        'SELECT id FROM outbox WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)',
      ];
      for (const text of orphans) expect(await sqlAll(app.db(), text), text).toEqual([]);
      const stored = new Set(
        (await sqlAll<{ stored_name: string }>(app.db(), 'SELECT stored_name FROM attachments')).map(
          (r) => r.stored_name,
        ),
      );
      const dir = path.join(app.dir, 'uploads');
      const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      // every file on disk belongs to a row, every row has its file, and every name is 32 hex digits
      expect(onDisk.filter((n) => !stored.has(n))).toEqual([]);
      expect([...stored].filter((n) => !onDisk.includes(n))).toEqual([]);
      expect(onDisk.filter((n) => !/^[a-f0-9]{32}$/.test(n))).toEqual([]);
    });

    it('the sweep as a whole: no 5xx, no live markup, no foreign redirect, no partial write (known bugs aside)', () => {
      expect(stats.requests).toBeGreaterThan(1000);
      expect(problems.filter((p) => !isKnown(p)).map((p) => `${p.kind}: ${p.where} → ${p.detail}`)).toEqual(
        [],
      );
    });
  });
}
