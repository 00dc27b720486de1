// The hostile-input suite (issue #6): every public and staff form and endpoint is posted the corpus of
// tests/support/hostile-corpus.ts — one payload per request, rotated across the fields of each form — plus
// wrong content types, malformed and truncated multipart, 5,000 fields, a 1 MB field and duplicated fields.
// Every answer must be 2xx/3xx/4xx (never 5xx), never carry a payload as live markup (and every <script> has
// the nonce), never redirect to another site, and a refused post (4xx) must leave the record tables as they
// were. Redirects are followed once, as a browser would, so stored values are checked where they are shown.
// In-process for speed; the Express-level cases (413, chunked bodies, hostile Host headers) are in
// hostile-inputs-server below, against a real server process.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import { maxExtensionDate } from '~/domain/deadlines';
import type { Status } from '~/domain/workflow';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { ratingToken } from '~/models/ratings.server';
import { sha256 } from '~/utils/crypto.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
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
} from '../support/hostile-corpus';
import { paknFixture, seedPakn } from '../support/pakn';
import { type ServerProcess, startServer } from '../support/server-process';
import { cookiesFrom, createStaffUser, signIn } from '../support/staff';

const NONCE = 'test-nonce';
const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');
const today = toLocalDate(new Date());

let app: TestApp;
let unitA: number;
let unitB: number;
const cookie: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------
// Bookkeeping

type Problem = { kind: '5xx' | 'live' | 'partial' | 'redirect'; where: string; detail: string };
const problems: Problem[] = [];
const stats = {
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
const isKnown = (p: Problem) => KNOWN.some((k) => k.match(p));

const RECORD_TABLES = {
  pakn: 'SELECT count(*) AS n FROM pakn',
  attachments: 'SELECT count(*) AS n FROM attachments WHERE pakn_id IS NOT NULL',
  events: 'SELECT count(*) AS n FROM events',
  outbox: 'SELECT count(*) AS n FROM outbox',
  answers: 'SELECT count(*) AS n FROM answers',
  documents: 'SELECT count(*) AS n FROM documents',
  ratings: 'SELECT count(*) AS n FROM feedback_ratings',
} as const;
function counts(): Record<string, number> {
  const c = app.db().$client;
  return Object.fromEntries(
    Object.entries(RECORD_TABLES).map(([k, q]) => [k, (c.prepare(q).get() as { n: number }).n]),
  );
}

/** encodeURIComponent that survives lone surrogates (they are sent as U+FFFD, as a browser would). */
const enc = (v: string) => encodeURIComponent(Buffer.from(v).toString());

let ipSeq = 0;
/** A fresh client address per request, so the rate limits never hide what the action itself does. */
const nextIp = () => `10.66.${Math.floor(ipSeq / 250) % 250}.${(ipSeq++ % 250) + 1}`;

function mergeCookies(a: string | undefined, res: Response): string | undefined {
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

async function readBody(res: Response): Promise<string> {
  const type = res.headers.get('Content-Type') ?? '';
  if (/html|xml|json|text|csv/.test(type)) return res.text();
  await res.arrayBuffer();
  return '';
}

function check(
  where: string,
  res: Response,
  body: string,
  before?: Record<string, number>,
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
  if (before && res.status >= 400) {
    const after = counts();
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
const FOLLOWED = new Set([
  'xss-script',
  'xss-img-attr-break',
  'xss-svg-single-quote',
  'js-url',
  'markdown-links',
  'entities',
  'crlf',
]);

/** One request, checked; returns the response and its body. */
async function send(
  where: string,
  pathname: string,
  { method = 'POST', cookie: c, origin = BASE, contentType, body, follow = false }: Send = {},
): Promise<{ res: Response; body: string; cookie?: string }> {
  const headers = new Headers();
  if (c) headers.set('Cookie', c);
  if (method === 'POST' && origin !== null) headers.set('Origin', origin);
  if (contentType) headers.set('Content-Type', contentType);
  const before = method === 'POST' ? counts() : undefined;
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
  check(`${method} ${pathname} ${where}`, res, text, before);
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

function urlencoded(fields: Record<string, string> | URLSearchParams) {
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
async function fuzzForm(
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
const timings: Array<[string, number]> = [];

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

async function formsOf(page: string, c?: string): Promise<ScrapedForm[]> {
  const res = await app.fetch(page, { headers: c ? { Cookie: c } : {}, ip: nextIp() });
  const html = await res.text();
  check(`GET ${page} (form page)`, res, html);
  stats.gets += 1;
  if (res.status !== 200) throw new Error(`GET ${page}: HTTP ${res.status}`);
  return scrapeForms(html, page);
}

function distinct(forms: ScrapedForm[]): ScrapedForm[] {
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

const BASE_PAKN = paknFixture({
  fullName: 'Võ Thị Hạnh',
  address: 'Sông Cầu',
  phone: '0933444555',
  email: 'hanh.vo@example.vn',
  title: 'Thủ tục thẩm định công nghệ',
  content: 'Thời gian thẩm định kéo dài.',
  receivedAt: new Date(),
});

type Setup = { status: Status; unit: 'A' | null; answer?: boolean; pauseDaysAgo?: number };
function seed({ status, unit, answer, pauseDaysAgo }: Setup) {
  const db = app.db();
  const pakn = seedPakn(db, BASE_PAKN, {
    status,
    unitId: unit === 'A' ? unitA : null,
    answeredAt: status === 'answered' ? new Date() : null,
  });
  if (answer)
    db.insert(s.answers)
      .values({
        paknId: pakn.id,
        body: 'Dự thảo trả lời.',
        outcome: 'stands',
        approvedAt: status === 'answered' ? new Date() : null,
      })
      .run();
  if (pauseDaysAgo !== undefined)
    db.insert(s.paknPauses)
      .values({ paknId: pakn.id, fromDate: addCalendarDays(today, -pauseDaysAgo) })
      .run();
  return db.select().from(s.pakn).where(eq(s.pakn.id, pakn.id)).get()!;
}

/** Each intent in a state where it is legal, posted by a role that may do it. */
const INTENTS: Array<[string, Setup, 'coordinator' | 'handler' | 'approver']> = [
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
];

function intentFields(intent: string, p: typeof s.pakn.$inferSelect): Record<string, string> {
  const db = app.db();
  const note = 'Ghi chú kiểm thử';
  switch (intent) {
    case 'classify':
      return { type: 'kien_nghi', subject: 'regulation', category: '3', fieldId: '' };
    case 'assign':
      return { unitId: String(unitA) };
    case 'reassign':
      return { unitId: String(unitB), note };
    case 'refuse':
      return { reason: 'R03', note };
    case 'transfer':
      return { agencyId: String(db.select().from(s.externalAgencies).get()!.id), note };
    case 'mark_duplicate':
      return { duplicateOf: db.select().from(s.pakn).get()!.code, note };
    case 'extend':
      return {
        newDate: maxExtensionDate(p.answerDue, getCalendar(db), getDeadlineRules(db).extension.days),
        note,
      };
    case 'draft':
    case 'edit_draft':
      return { body: 'Trả lời', outcome: 'amend' };
    case 'forward':
    case 'note':
    case 'request_info':
    case 'return':
    case 'keep_studying':
    case 'reopen':
      return { note };
    default:
      return {};
  }
}

/** The follow-up cookie a submitter gets by looking the PAKN up with its code and contact. */
async function followCookie(p: { code: string }): Promise<string> {
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

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  unitA = db.select().from(s.units).where(eq(s.units.code, 'QLKHCN')).get()!.id;
  unitB = db.select().from(s.units).where(eq(s.units.code, 'TDC')).get()!.id;
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

function expectClean(prefix: RegExp) {
  const mine = problems.filter((p) => prefix.test(p.where) && !isKnown(p));
  expect(mine.map((p) => `${p.kind}: ${p.where} → ${p.detail}`)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

// first: the configuration pages recompute open due dates, quicker before the sweep adds records
describe('administration forms', () => {
  it('every administration page and intent (/can-bo/quan-tri/*)', async () => {
    const db = app.db();
    const target = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
    // a webhook with a failed delivery, so that its log shows the "send again" form
    const hook = db
      .insert(s.webhooks)
      .values({ url: 'https://he-thong.example.vn/pakn', events: 'received', secret: 'whsec_test' })
      .returning()
      .get();
    db.insert(s.webhookDeliveries)
      .values({
        deliveryId: 'hostile-sweep-delivery',
        webhookId: hook.id,
        eventId: 'hostile-sweep-event',
        eventType: 'pakn.received',
        paknCode: 'KHCN-2026-000001',
        payload: '{}',
        status: 'failed',
        attempts: 10,
        nextAttemptAt: new Date(),
      })
      .run();
    // the settings page last: its TOTP form could make the admin's own role require a second factor
    const pages = [
      '/can-bo/quan-tri/co-quan',
      '/can-bo/quan-tri/don-vi',
      '/can-bo/quan-tri/linh-vuc',
      '/can-bo/quan-tri/dinh-tuyen',
      '/can-bo/quan-tri/co-quan-chuyen',
      '/can-bo/quan-tri/thoi-han',
      '/can-bo/quan-tri/lich',
      '/can-bo/quan-tri/nguoi-dung/moi',
      `/can-bo/quan-tri/nguoi-dung/${target.id}`,
      '/can-bo/quan-tri/cai-dat',
      '/can-bo/quan-tri/khoa-api',
      // its log before the list, whose fuzzed delete and pause forms act on the same webhook
      `/can-bo/quan-tri/webhook/${hook.id}`,
      '/can-bo/quan-tri/webhook',
    ];
    for (const page of pages) {
      // the page as it opens, plus its first edit view (?sua=…), where the update forms are
      const html = await (await app.fetch(page, { headers: { Cookie: cookie.admin! } })).text();
      const edit = /href="([^"]*\?sua=[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      const forms = distinct([
        ...(await formsOf(page, cookie.admin)),
        ...(edit ? await formsOf(edit, cookie.admin) : []),
      ]).filter((f) => f.action.startsWith('/can-bo/quan-tri'));
      expect(forms.length, page).toBeGreaterThan(0);
      for (const f of forms)
        await fuzzForm(`${page} intent=${f.fields.intent ?? '-'}`, f, { cookie: cookie.admin });
      // the intents a page offers only in some states (edit forms behind ?sua=, delete buttons)
      for (const intent of [
        'create',
        'update',
        'delete',
        'save',
        'policy',
        'totp',
        'send-reset',
        'revoke',
        'unlock',
        'reset-totp',
        'disable',
        'enable',
        'rotate',
        'redeliver',
        'nonsense',
      ])
        await send(`${page} intent=${intent} (hostile id)`, forms[0]!.action, {
          cookie: cookie.admin,
          ...urlencoded({
            intent,
            id: "1' OR 1=1",
            key: '../x',
            date: '2026-13-45',
            code: '<script>alert(1)</script>',
          }),
        });
      // a coordinator is refused, whatever is posted
      await send(`${page} as coordinator`, forms[0]!.action, {
        cookie: cookie.coordinator,
        ...urlencoded(forms[0]!.fields),
      });
    }
    expectClean(/\/can-bo\/quan-tri/);
  }, 300_000);
});

describe('public forms', () => {
  it('the submission form (/gop-y?t=…, multipart) and its check step (/gop-y/kiem-tra)', async () => {
    const forms = await formsOf('/gop-y');
    const form = forms.find((f) => f.action.startsWith('/gop-y?t='))!;
    expect(form.multipart).toBe(true);
    // a valid baseline, so each payload is the only thing wrong
    const valid = {
      ...form.fields,
      type: 'kien_nghi',
      subject: 'regulation',
      category: '2',
      submitterKind: 'individual',
      fullName: 'Nguyễn Thị Hồng Đào',
      address: '12 Lê Lợi, Tuy Hòa',
      phone: '0912345678',
      email: 'dao@example.vn',
      title: 'Thủ tục cấp giấy phép',
      content: 'Nội dung phản ánh đủ dài để hợp lệ về quy định hành chính.',
      field: 'unknown',
      consent: 'on',
    };
    delete (valid as Record<string, string>).website;
    const names = [
      'type',
      'subject',
      'category',
      'submitterKind',
      'orgName',
      'representative',
      'fullName',
      'address',
      'phone',
      'email',
      'title',
      'content',
      'regulationRef',
      'field',
      'consent',
      'showIdentity',
      'website',
      'removeFile',
    ];
    // the draft belongs to the browser that opened the form: each post carries that browser's cookie
    const fresh = async () => {
      const opened = await app.fetch('/gop-y', { ip: nextIp() });
      const html = await opened.text();
      check('GET /gop-y (form page)', opened, html);
      stats.gets += 1;
      const f = scrapeForms(html, '/gop-y').find((x) => x.action.startsWith('/gop-y?t='))!;
      return {
        form: {
          ...f,
          fields: { ...valid, ...Object.fromEntries(Object.entries(f.fields).filter(([k]) => k === 't')) },
          names,
        },
        cookie: mergeCookies(undefined, opened),
      };
    };
    const evilNames = [
      '../../etc/passwd.pdf',
      'a\u0000b.pdf',
      '\u202egnp.pdf',
      '<img src=x onerror=alert(1)>.pdf',
      'CON.pdf',
      '.htaccess.pdf',
      'x'.repeat(400) + '.pdf',
    ];
    let n = 0;
    await fuzzForm('/gop-y', form, {
      fresh,
      files: () => [
        { field: 'files', name: evilNames[n++ % evilNames.length]!, data: PDF, type: 'application/pdf' },
        { field: 'files', name: 'anh.png', data: PNG, type: 'image/png' },
        {
          field: 'files',
          name: 'script.pdf',
          data: new TextEncoder().encode('<script>alert(1)</script>'),
          type: 'application/pdf',
        },
      ],
    });

    // the check step, with a real draft and with hostile tokens
    stats.forms.add('/gop-y/kiem-tra');
    for (const p of PAYLOADS) {
      await send(`/gop-y/kiem-tra [t=${p.name}]`, '/gop-y/kiem-tra', urlencoded({ t: p.value }));
      await send(`/gop-y/kiem-tra?t= [${p.name}]`, `/gop-y/kiem-tra?t=${enc(p.value)}`, { method: 'GET' });
      await send(`/gop-y?t= [${p.name}]`, `/gop-y?t=${enc(p.value)}`, { method: 'GET' });
    }
    for (const raw of malformedBodies({ t: 'x' }))
      await send(`/gop-y/kiem-tra [${raw.name}]`, '/gop-y/kiem-tra', {
        contentType: raw.contentType,
        body: raw.body,
      });
    // one whole submission with hostile text, sent: the follow page shows it escaped
    const { form: f, cookie: drafter } = await fresh();
    const hostile = {
      ...f.fields,
      title: '<script>alert(1)</script> tiêu đề',
      content: '"><img src=x onerror=alert(1)> nội dung đủ dài để gửi đi',
      fullName: "'><svg/onload=alert(1)> Đào",
    };
    const checked = await send('/gop-y hostile whole', f.action, {
      body: multipartOf(hostile, [
        { field: 'files', name: '<b>x</b>.pdf', data: PDF, type: 'application/pdf' },
      ]),
      follow: true, // the check page shows every value
      cookie: drafter,
    });
    expect(checked.res.status).toBe(302);
    const sent = await send(
      '/gop-y/kiem-tra hostile whole',
      '/gop-y/kiem-tra',
      { ...urlencoded({ t: new URL(f.action, BASE).searchParams.get('t')! }), follow: true, cookie: drafter }, // the receipt page
    );
    expect(sent.res.status).toBe(302);
    expectClean(/\/gop-y/);
  }, 120_000);

  it('follow-up lookup (/theo-doi), the submitter page (/theo-doi/$code) and its info reply', async () => {
    const forms = await formsOf('/theo-doi');
    const lookup = forms.find((f) => f.action.split('?')[0] === '/theo-doi')!;
    await fuzzForm('/theo-doi', lookup);

    // the info reply: a fresh PAKN awaiting information for each post, followed by its submitter
    const fresh = async () => {
      const p = seed({ status: 'awaiting_info', unit: 'A', pauseDaysAgo: 1 });
      const c = await followCookie(p);
      return {
        cookie: c,
        form: {
          action: `/theo-doi/${p.code}`,
          multipart: true,
          fields: { intent: 'info_reply', reply: 'Tôi bổ sung giấy tờ.' },
          names: ['reply', 'intent'],
          files: ['files'],
        },
      };
    };
    const first = await fresh();
    const page = await send('/theo-doi/$code page', first.form.action, {
      method: 'GET',
      cookie: first.cookie,
    });
    expect(page.res.status).toBe(200);
    await fuzzForm('/theo-doi/$code (info reply)', first.form, {
      fresh,
      files: () => [
        { field: 'files', name: '../../etc/passwd.pdf', data: PDF, type: 'application/pdf' },
        { field: 'files', name: 'x.exe', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]) },
      ],
    });
    // the non-multipart post (forget this PAKN) and hostile codes in the address
    for (const p of PAYLOADS.slice(0, 12)) {
      await send(`/theo-doi/$code forget [${p.name}]`, first.form.action, {
        cookie: first.cookie,
        ...urlencoded({ x: p.value }),
      });
      await send(`/theo-doi/<payload> [${p.name}]`, `/theo-doi/${enc(p.value)}`, {
        method: 'GET',
        cookie: first.cookie,
      });
      await send(`/theo-doi/truy-cap/<payload> [${p.name}]`, `/theo-doi/truy-cap/${enc(p.value)}`, {
        method: 'GET',
      });
    }
    expectClean(/\/theo-doi/);
  }, 120_000);

  it('rating (/danh-gia/$token) and the language switch (/ngon-ngu)', async () => {
    const fresh = async () => {
      const p = seed({ status: 'answered', unit: 'A', answer: true });
      const form = (await formsOf(`/danh-gia/${ratingToken(p.id)}`)).find((f) =>
        f.action.includes('/danh-gia/'),
      );
      return {
        form: form ?? {
          action: `/danh-gia/${ratingToken(p.id)}`,
          multipart: false,
          fields: { rating: 'satisfied', comment: '' },
          names: ['rating', 'comment', 'reconsider'],
          files: [],
        },
      };
    };
    const first = await fresh();
    await fuzzForm('/danh-gia/$token', first.form, { fresh });
    for (const p of PAYLOADS.slice(0, 12))
      await send(
        `/danh-gia/<payload> [${p.name}]`,
        `/danh-gia/${enc(p.value)}`,
        urlencoded({ rating: 'satisfied' }),
      );

    const lang = (await formsOf('/')).find((f) => f.action === '/ngon-ngu')!;
    await fuzzForm('/ngon-ngu', lang);
    expectClean(/\/danh-gia|\/ngon-ngu/);
  }, 120_000);

  it('staff sign-in, forgotten password, reset link, second factor and sign-out', async () => {
    const db = app.db();
    const signInForm = (await formsOf('/can-bo/dang-nhap')).find((f) =>
      f.action.startsWith('/can-bo/dang-nhap'),
    )!;
    await fuzzForm('/can-bo/dang-nhap', {
      ...signInForm,
      fields: { ...signInForm.fields, email: 'khong-co@example.vn', password: 'sai-mat-khau' },
    });
    const forgot = (await formsOf('/can-bo/quen-mat-khau')).find((f) =>
      f.action.startsWith('/can-bo/quen-mat-khau'),
    )!;
    await fuzzForm('/can-bo/quen-mat-khau', forgot);

    // a live reset link for a throwaway account, fresh for each post (a good password uses it up)
    const victim = await createStaffUser(db, { role: 'viewer' });
    let k = 0;
    const fresh = async () => {
      const token = `hostile-reset-token-${k++}-${'x'.repeat(20)}`;
      db.insert(s.passwordResets)
        .values({ tokenHash: sha256(token), userId: victim.id, expiresAt: new Date(Date.now() + 3_600_000) })
        .run();
      return {
        form: {
          action: `/can-bo/dat-lai/${token}`,
          multipart: false,
          fields: { password: 'Mật-khẩu-rất-dài-2026!', confirm: 'Mật-khẩu-rất-dài-2026!' },
          names: ['password', 'confirm'],
          files: [],
        },
      };
    };
    const resetPage = (await fresh()).form.action;
    expect((await app.fetch(resetPage)).status).toBe(200);
    await fuzzForm('/can-bo/dat-lai/$token', (await fresh()).form, { fresh });
    for (const p of PAYLOADS) {
      await send(`/can-bo/dat-lai/<payload> [${p.name}]`, `/can-bo/dat-lai/${enc(p.value)}`, {
        method: 'GET',
      });
      await send(
        `/can-bo/dang-nhap?redirectTo= [${p.name}]`,
        `/can-bo/dang-nhap?redirectTo=${enc(p.value)}`,
        { method: 'GET', cookie: cookie.admin! },
      );
    }

    // the TOTP step: an account with TOTP on, signed in with its password only
    const totpUser = await createStaffUser(db, { role: 'viewer' });
    db.update(s.users)
      .set({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
      .where(eq(s.users.id, totpUser.id))
      .run();
    const freshTotp = async () => {
      const res = await app.fetch('/can-bo/dang-nhap', {
        method: 'POST',
        ip: nextIp(),
        headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: totpUser.email, password: totpUser.password }),
      });
      const c = `pakn_staff=${cookiesFrom(res).pakn_staff}`;
      db.update(s.rateLimits).set({ count: 0 }).where(eq(s.rateLimits.bucket, 'totp-fail')).run();
      return {
        cookie: c,
        form: {
          action: '/can-bo/xac-thuc',
          multipart: false,
          fields: { code: '123456', redirectTo: '/can-bo' },
          names: ['code', 'redirectTo'],
          files: [],
        },
      };
    };
    const t0 = await freshTotp();
    expect((await app.fetch('/can-bo/xac-thuc', { headers: { Cookie: t0.cookie } })).status).toBe(200);
    await fuzzForm('/can-bo/xac-thuc', t0.form, { cookie: t0.cookie, fresh: freshTotp });

    // sign-out: a throwaway session each time
    const leaver = await createStaffUser(db, { role: 'viewer' });
    const freshOut = async () => ({
      cookie: await signIn(app, leaver.email, leaver.password, { ip: nextIp() }),
      form: { action: '/can-bo/dang-xuat', multipart: false, fields: { x: '1' }, names: ['x'], files: [] },
    });
    await fuzzForm('/can-bo/dang-xuat', (await freshOut()).form, { fresh: freshOut, extras: false });
    expectClean(/\/can-bo\/(dang-nhap|quen-mat-khau|dat-lai|xac-thuc|dang-xuat)/);
  }, 180_000);
});

describe('staff forms', () => {
  it('every workflow intent on /can-bo/pakn/$id, each on a record in a state where it is legal', async () => {
    for (const [intent, setup, who] of INTENTS) {
      const fresh = async () => {
        const p = seed(setup);
        const fields = { intent, version: String(p.version), ...intentFields(intent, p) };
        return {
          cookie: cookie[who],
          form: {
            action: `/can-bo/pakn/${p.id}`,
            multipart: false,
            fields,
            names: Object.keys(fields),
            files: [],
          },
        };
      };
      const first = await fresh();
      // the baseline itself succeeds, so every refusal below is the payload's doing
      const ok = await send(`/can-bo/pakn/$id ${intent} baseline`, first.form.action, {
        cookie: first.cookie,
        ...urlencoded(first.form.fields),
      });
      expect(ok.res.status, `${intent} baseline`).toBe(302);
      await fuzzForm(`/can-bo/pakn/$id intent=${intent}`, first.form, { fresh });
    }
    // the record page as each role, with a hostile ?xong=
    const p = seed({ status: 'in_progress', unit: 'A' });
    for (const pl of PAYLOADS.slice(0, 8)) {
      await send(`record ?xong= [${pl.name}]`, `/can-bo/pakn/${p.id}?xong=${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.handler,
      });
      await send(`record <id> [${pl.name}]`, `/can-bo/pakn/${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.coordinator,
      });
      await send(`file <id> [${pl.name}]`, `/can-bo/pakn/${p.id}/tep/${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.coordinator,
      });
    }
    expectClean(/\/can-bo\/pakn\/\d+(?!\/cong-khai)|record|file </);
  }, 300_000);

  it('bulk assign (/can-bo?index), staff intake (/can-bo/tiep-nhan) and the own account (/can-bo/tai-khoan)', async () => {
    const db = app.db();
    const bulkFresh = async () => {
      const p = seed({ status: 'received', unit: null });
      const fields = {
        intent: 'bulk_assign',
        returnTo: '/can-bo?tab=classify',
        unitId: String(unitA),
        ids: `${p.id}.${p.version}`,
      };
      return {
        cookie: cookie.coordinator,
        form: { action: '/can-bo?index', multipart: false, fields, names: Object.keys(fields), files: [] },
      };
    };
    await fuzzForm('/can-bo (bulk assign)', (await bulkFresh()).form, { fresh: bulkFresh });

    const intake = (await formsOf('/can-bo/tiep-nhan', cookie.coordinator)).find((f) =>
      f.action.startsWith('/can-bo/tiep-nhan'),
    )!;
    const intakeFields = {
      ...intake.fields,
      channel: 'phone',
      receivedDate: today,
      type: 'phan_anh',
      subject: 'regulation',
      category: '2',
      submitterKind: 'individual',
      fullName: 'Người gọi điện',
      phone: '0912 111 333',
      title: 'Phản ánh qua điện thoại',
      content: 'Nội dung ghi lại từ cuộc gọi.',
      field: 'unknown',
    };
    await fuzzForm(
      '/can-bo/tiep-nhan',
      {
        ...intake,
        fields: intakeFields,
        names: [...new Set([...intake.names, ...Object.keys(intakeFields)])],
      },
      { cookie: cookie.coordinator },
    );

    // a throwaway account, so a password change or revocation here ends no session the suite needs
    const me = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
    const meCookie = await signIn(app, me.email, me.password, { ip: nextIp() });
    const accountForms = distinct(await formsOf('/can-bo/tai-khoan', meCookie)).filter((f) =>
      f.action.startsWith('/can-bo/tai-khoan'),
    );
    expect(accountForms.length).toBeGreaterThan(1);
    for (const f of accountForms) {
      const fields = f.fields.intent === 'password' ? { ...f.fields, current: me.password } : f.fields;
      await fuzzForm(`/can-bo/tai-khoan intent=${f.fields.intent}`, { ...f, fields }, { cookie: meCookie });
    }
    for (const intent of ['totp-confirm', 'totp-disable', 'totp-cancel', 'nonsense'])
      await fuzzForm(
        `/can-bo/tai-khoan intent=${intent}`,
        {
          action: '/can-bo/tai-khoan',
          multipart: false,
          fields: { intent, code: '000000', disablePassword: 'x' },
          names: ['code', 'disablePassword', 'intent'],
          files: [],
        },
        { cookie: meCookie, extras: false },
      );
    expectClean(/\/can-bo\?index|\/can-bo \(bulk|\/can-bo\/tiep-nhan|\/can-bo\/tai-khoan/);
  }, 180_000);

  it('publication (/can-bo/pakn/$id/cong-khai): check, publish, withdraw and the file uploads', async () => {
    const publishedSeed = () => {
      const p = seed({ status: 'answered', unit: 'A', answer: true });
      app
        .db()
        .update(s.pakn)
        .set({
          publication: 'published',
          publishedAt: new Date(),
          publicTitle: 'Tiêu đề công khai',
          publicSummary: 'Tóm tắt công khai.',
          publicAnswer: 'Trả lời công khai.',
        })
        .where(eq(s.pakn.id, p.id))
        .run();
      return p;
    };
    // the forms as the page offers them, once; then the same form on a fresh record for every post
    const answered = seed({ status: 'answered', unit: 'A', answer: true });
    const published = publishedSeed();
    const templates = [
      ...(await formsOf(`/can-bo/pakn/${answered.id}/cong-khai`, cookie.coordinator)).map((f) => ({
        f,
        from: answered.id,
        make: () => seed({ status: 'answered', unit: 'A', answer: true }),
      })),
      ...(await formsOf(`/can-bo/pakn/${published.id}/cong-khai`, cookie.coordinator))
        .filter((f) => f.fields.intent === 'withdraw')
        .map((f) => ({ f, from: published.id, make: publishedSeed })),
    ].filter(({ f }) => f.action.includes('/cong-khai'));
    const intents = [...new Set(templates.map(({ f }) => f.fields.intent))];
    expect(intents).toEqual(expect.arrayContaining(['check', 'publish', 'withdraw', 'upload']));
    for (const intent of intents) {
      const { f, from, make } = templates.find((t) => t.f.fields.intent === intent)!;
      const fresh = async () => {
        const p = make();
        return {
          cookie: cookie.coordinator,
          form: { ...f, action: f.action.replace(`/pakn/${from}/`, `/pakn/${p.id}/`) },
        };
      };
      await fuzzForm(`/can-bo/pakn/$id/cong-khai intent=${intent}`, f, {
        fresh,
        files:
          intent === 'upload'
            ? () => [{ field: 'upload', name: '../../<script>.pdf', data: PDF, type: 'application/pdf' }]
            : undefined,
      });
    }
    expectClean(/cong-khai/);
  }, 240_000);

  it('the report page publish form (/can-bo/bao-cao), when the page offers it', async () => {
    const res = await app.fetch('/can-bo/bao-cao', { headers: { Cookie: cookie.coordinator! } });
    const html = await res.text();
    const found = scrapeForms(html, '/can-bo/bao-cao').filter((f) => f.fields.intent === 'publish');
    const form = found[0] ?? {
      action: '/can-bo/bao-cao',
      multipart: false,
      fields: { intent: 'publish', period: 'year', year: String(new Date().getFullYear()) },
      names: ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit'],
      files: [],
    };
    const names = [
      ...new Set([...form.names, 'period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit']),
    ];
    await fuzzForm('/can-bo/bao-cao intent=publish', { ...form, names }, { cookie: cookie.coordinator });
    expectClean(/\/can-bo\/bao-cao/);
  }, 120_000);
});

describe('GET endpoints with hostile query strings', () => {
  const ENDPOINTS: Array<[string, string[], string?]> = [
    ['/cong-khai', ['q', 'field', 'unit', 'type', 'category', 'year', 'timeliness', 'sort', 'after']],
    ['/cong-khai.atom', ['q']],
    ['/du-lieu-mo', ['from', 'to']],
    ['/du-lieu-mo.csv', ['from', 'to']],
    ['/du-lieu-mo.json', ['from', 'to']],
    ['/so-cong-khai', ['year']],
    ['/sitemap.xml', ['x']],
    [
      '/can-bo',
      [
        'q',
        'tab',
        'status',
        'unit',
        'field',
        'category',
        'type',
        'channel',
        'from',
        'to',
        'sort',
        'after',
        'before',
        'da-giao',
      ],
      'coordinator',
    ],
    [
      '/can-bo/quan-tri/nhat-ky',
      ['actor', 'action', 'from', 'to', 'targetType', 'targetId', 'truoc'],
      'admin',
    ],
    ['/can-bo/quan-tri/lich', ['nam'], 'admin'],
    ['/can-bo/quan-tri/don-vi', ['sua', 'ok', 'n'], 'admin'],
    ['/can-bo/quan-tri/linh-vuc', ['sua'], 'admin'],
    ['/can-bo/quan-tri/dinh-tuyen', ['sua'], 'admin'],
    ['/can-bo/quan-tri/co-quan-chuyen', ['sua'], 'admin'],
    ['/can-bo/quan-tri/thoi-han', ['sua'], 'admin'],
    ['/can-bo/tai-khoan', ['ok', 'n', 'bat-2fa'], 'coordinator'],
    [
      '/can-bo/bao-cao',
      ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit', 'cong-bo'],
      'coordinator',
    ],
    ['/can-bo/bao-cao.csv', ['period', 'year', 'from', 'to', 'unit'], 'coordinator'],
    ['/can-bo/bao-cao.xlsx', ['period', 'year', 'from', 'to', 'unit'], 'coordinator'],
  ];

  it('each parameter of each endpoint gets every payload; path segments get them too', async () => {
    for (const [endpoint, params, who] of ENDPOINTS) {
      stats.endpoints.add(endpoint);
      const c = who ? cookie[who] : undefined;
      for (let i = 0; i < Math.max(PAYLOADS.length, params.length); i += 1) {
        const p = PAYLOADS[i % PAYLOADS.length]!;
        const q = new URLSearchParams();
        // the payload in one parameter, a plausible value in the others
        for (const [j, name] of params.entries()) q.set(name, j === i % params.length ? p.value : '');
        await send(`${endpoint} [${params[i % params.length]}=${p.name}]`, `${endpoint}?${q}`, {
          method: 'GET',
          cookie: c,
        });
      }
      await send(
        `${endpoint} [duplicated params]`,
        `${endpoint}?${params.map((n) => `${n}=1&${n}=%3Cscript%3E`).join('&')}`,
        { method: 'GET', cookie: c },
      );
      await send(`${endpoint} [broken escapes]`, `${endpoint}?${params[0]}=%E0%A4%A&%ZZ=1`, {
        method: 'GET',
        cookie: c,
      });
      await send(
        `${endpoint} [5000 params]`,
        `${endpoint}?${Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&')}`,
        { method: 'GET', cookie: c },
      );
    }
    for (const p of PAYLOADS) {
      for (const prefix of [
        '/cong-khai/',
        '/van-ban/',
        '/theo-doi/van-ban/',
        '/can-bo/van-ban/',
        '/cong-khai/PAKN-2026-1/tep/',
        '/can-bo/quan-tri/nguoi-dung/',
      ]) {
        stats.endpoints.add(`${prefix}$param`);
        await send(`${prefix}<payload> [${p.name}]`, `${prefix}${enc(p.value)}`, {
          method: 'GET',
          cookie: prefix.startsWith('/can-bo') ? cookie.admin : undefined,
        });
      }
    }
    expectClean(/^GET /);
  }, 240_000);
});

describe('bugs the sweep found, one reproduction each (fixed)', () => {
  // BUG-redirect-ctl — app/utils/http.server.ts safeRedirect accepts control characters: CR/LF make the
  // redirect throw (500), a TAB gives "Location: /\t/evil.example", which browsers read as //evil.example.
  it('BUG-redirect-ctl: a CR/LF in redirectTo is refused, not a 500', async () => {
    const res = await app.fetch('/ngon-ngu', {
      method: 'POST',
      headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/can-bo\r\nSet-Cookie: pwned=1' }),
    });
    expect(res.status).toBeLessThan(500);
  });
  it('BUG-redirect-ctl: a TAB in redirectTo cannot send the browser to another site', async () => {
    const res = await app.fetch('/ngon-ngu', {
      method: 'POST',
      headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/\t/evil.example' }),
    });
    expect(new URL(res.headers.get('Location') ?? '/', BASE).origin).toBe(new URL(BASE).origin);
  });
  it('BUG-redirect-ctl: a signed-in visit to the sign-in page with a CR/LF in redirectTo is not a 500', async () => {
    const res = await app.fetch(`/can-bo/dang-nhap?redirectTo=${enc('/can-bo\r\nX: y')}`, {
      headers: { Cookie: cookie.admin! },
    });
    expect(res.status).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Through Express: what only the real server sees (body limit, content types before Remix, Host headers)

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };
function raw(
  srv: ServerProcess,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
    chunks?: number;
    chunkSize?: number;
  },
): Promise<Raw> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Raw) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.Host,
        // a connection of its own: after a refused oversize body the server still drains that connection
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
      },
    );
    // no answer at all is status 0 (the server may also answer early and close while the body is written)
    const timer = setTimeout(() => finish({ status: 0, headers: {}, body: 'no answer in 20 s' }), 20_000);
    req.on('error', () =>
      setTimeout(() => finish({ status: 0, headers: {}, body: 'connection error' }), 500),
    );
    if (opts.chunks) {
      const chunk = Buffer.alloc(opts.chunkSize ?? 1024 * 1024, 'a');
      let n = 0;
      const more = () => {
        while (n < opts.chunks! && !done) {
          n += 1;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        if (!done) req.end();
      };
      req.write('code=');
      more();
    } else req.end(opts.body);
  });
}

function checkRaw(srv: ServerProcess, where: string, r: Raw) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers.set(k, v);
  const nonce = /'nonce-([^']+)'/.exec((r.headers['content-security-policy'] as string) ?? '')?.[1];
  check(
    `express ${where}`,
    new Response(null, { status: r.status, headers }),
    r.body,
    undefined,
    nonce,
    srv.baseUrl,
  );
  stats.posts += 1;
}

describe('through Express (a server process)', () => {
  let srv: ServerProcess;
  beforeAll(async () => {
    srv = await startServer({ env: { LOG_LEVEL: 'warn' } });
  }, 60_000);
  afterAll(async () => srv?.cleanup());

  it('a body over the limit is 413 before any action reads it; wrong and broken bodies are 4xx', async () => {
    const big = await raw(srv, {
      method: 'POST',
      path: '/theo-doi',
      headers: {
        Origin: srv.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': 61 * 1024 * 1024,
      },
      body: 'code=x',
    });
    checkRaw(srv, '61 MB Content-Length', big);
    expect(big.status).toBe(413);
    for (const target of [
      '/theo-doi',
      '/can-bo/dang-nhap',
      '/can-bo/quen-mat-khau',
      '/ngon-ngu',
      '/gop-y/kiem-tra',
      '/gop-y?t=abcdefghijklmnopqrstuvwxyzABCDEF',
    ]) {
      for (const b of malformedBodies({ code: 'x', email: 'a@b.vn', t: 'x' })) {
        const r = await raw(srv, {
          method: 'POST',
          path: target,
          headers: { Origin: srv.baseUrl, ...(b.contentType ? { 'Content-Type': b.contentType } : {}) },
          body: Buffer.from(b.body),
        });
        checkRaw(srv, `${target} [${b.name}]`, r);
        expect(r.status, `${target} ${b.name}`).toBeLessThan(500);
      }
    }
    // a client that goes away in the middle of a multipart upload leaves the server answering
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: '/gop-y?t=abcdefghijklmnopqrstuvwxyzABCDEF',
        headers: {
          Origin: srv.baseUrl,
          'Content-Type': 'multipart/form-data; boundary=XX',
          'Content-Length': 5_000_000,
        },
      });
      req.on('error', () => resolve());
      req.write(
        '--XX\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4\n' +
          'x'.repeat(100_000),
      );
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    expect((await fetch(`${srv.baseUrl}/healthz`)).status).toBe(200);
    // percent-encoding that does not decode, an over-long address, many headers
    for (const p of [
      '/%E0%A4%A',
      '/cong-khai/%ZZ',
      '/can-bo/pakn/%00',
      '/..%2f..%2fetc%2fpasswd',
      `/cong-khai?q=${'a'.repeat(20_000)}`,
    ]) {
      const r = await raw(srv, { path: p });
      checkRaw(srv, `GET ${p.slice(0, 60)}`, r);
      expect(r.status, p.slice(0, 60)).toBeLessThan(500);
    }
    const many: Record<string, string> = {};
    for (let i = 0; i < 500; i += 1) many[`X-H${i}`] = 'v';
    const r = await raw(srv, { path: '/', headers: many });
    checkRaw(srv, 'GET / with 500 headers', r);
    expect(r.status).toBeLessThan(500);
  }, 60_000);

  // BUG-chunked-limit — server.mjs checks the body size from Content-Length only; a chunked body has none,
  // so 80 MB reach the action (request.formData() buffers them all).
  it('BUG-chunked-limit: a chunked body over the limit is refused (411/413), not read', async () => {
    const r = await raw(srv, {
      method: 'POST',
      path: '/theo-doi',
      headers: {
        Origin: srv.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
      },
      chunks: 80,
    });
    // refused either way: the answer arrives, or the server closes the connection while we still write
    const refused = [411, 413].includes(r.status) || (r.status === 0 && r.body === 'connection error');
    expect(refused, `${r.status} ${r.body.slice(0, 80)}`).toBe(true);
  }, 60_000);

  // BUG-host-500 — Remix compares a POST's Origin with X-Forwarded-Host/Host and answers 500 when they
  // differ, and @remix-run/express throws (500) on a Host it cannot parse. Origin is already checked
  // against BASE_URL in server.mjs, so the fix there is to hand Remix BASE_URL's host.
  it('BUG-host-500: a forged X-Forwarded-Host or an unexpected Host never gives a 500', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: srv.baseUrl };
    const cases: Array<[string, Record<string, string>, string]> = [
      ['X-Forwarded-Host', { ...form, 'X-Forwarded-Host': 'evil.example' }, 'POST'],
      ['Host of a proxy', { ...form, Host: `internal:${srv.port}` }, 'POST'],
      ['unparsable Host', { Host: '[::zz' }, 'GET'],
      ['X-Forwarded-Host port out of range', { 'X-Forwarded-Host': 'a:99999999' }, 'GET'],
    ];
    const got: string[] = [];
    for (const [name, headers, method] of cases) {
      const r = await raw(srv, {
        method,
        path: '/theo-doi',
        headers,
        body: method === 'POST' ? 'code=a&contact=b' : undefined,
      });
      if (r.status >= 500) got.push(`${name}: ${r.status}`);
    }
    expect(got).toEqual([]);
  });

  // BUG-redirect-ctl, as Express sees it: Node refuses to write a control character in Location (500)
  it('BUG-redirect-ctl: a control character in a redirect target is not a 500 through Express', async () => {
    const r = await raw(srv, {
      method: 'POST',
      path: '/ngon-ngu',
      headers: { Origin: srv.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/can-bo/\u0001' }).toString(),
    });
    expect(r.status).toBeLessThan(500);
  });
});

describe('what is left behind', () => {
  it('stored payloads are shown escaped wherever they are listed (public pages, feed, queue, audit log)', async () => {
    // publish one record whose public text is hostile, so the public pages have something to show
    const p = seed({ status: 'answered', unit: 'A', answer: true });
    app
      .db()
      .update(s.pakn)
      .set({
        publication: 'published',
        publishedAt: new Date(),
        publicTitle: '<script>alert(1)</script> tiêu đề',
        publicSummary: '"><img src=x onerror=alert(1)>',
        publicAnswer: '[x](javascript:alert(1)) <a href="javascript:alert(1)">z</a>',
      })
      .where(eq(s.pakn.id, p.id))
      .run();
    const published = app
      .db()
      .select({ code: s.pakn.code })
      .from(s.pakn)
      .where(eq(s.pakn.publication, 'published'))
      .all();
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

  it('no partial record: every PAKN has its events, every attachment its PAKN and its file, no stray files', () => {
    const c = app.db().$client;
    const q = (sql: string) => c.prepare(sql).all() as Array<Record<string, unknown>>;
    expect(q('SELECT id FROM pakn WHERE id NOT IN (SELECT pakn_id FROM events)')).toEqual([]);
    expect(
      q('SELECT id FROM attachments WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)'),
    ).toEqual([]);
    expect(q('SELECT id FROM attachments WHERE pakn_id IS NULL AND draft_token IS NULL')).toEqual([]);
    expect(q('SELECT id FROM events WHERE pakn_id NOT IN (SELECT id FROM pakn)')).toEqual([]);
    expect(q('SELECT pakn_id FROM answers WHERE pakn_id NOT IN (SELECT id FROM pakn)')).toEqual([]);
    expect(
      q('SELECT id FROM documents WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)'),
    ).toEqual([]);
    expect(
      q('SELECT id FROM outbox WHERE pakn_id IS NOT NULL AND pakn_id NOT IN (SELECT id FROM pakn)'),
    ).toEqual([]);
    const stored = new Set(
      (q('SELECT stored_name FROM attachments') as Array<{ stored_name: string }>).map((r) => r.stored_name),
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
    expect(problems.filter((p) => !isKnown(p)).map((p) => `${p.kind}: ${p.where} → ${p.detail}`)).toEqual([]);
  });
});
