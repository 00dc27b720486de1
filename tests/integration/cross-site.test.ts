// Cross-site form posts are refused (403, never 500) before any action runs — staff actions, the
// sign-in form and the public forms alike — against the real server, where server.mjs's middleware
// answers before Remix's own Origin/Host comparison (which would answer 500). Same-origin posts work.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPakn } from '~/models/pakn.server';
import { closeDb, type Db, first, openDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { PAKN_FIELDS, type ServerProcess, startServer } from '../support/server-process';
import { sqlAll, sqlGet } from '../support/sql';
import { cookiesFrom, createStaffUser } from '../support/staff';

let srv: ServerProcess;
let db: Db;
let staffCookie: string;
let coordinator: { id: number; email: string; password: string };
let unitA: number;

const FOREIGN = 'https://evil.example';

async function seedReceived(): Promise<number> {
  const { pakn } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: 'phan_anh',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Võ Thị Hạnh',
      address: 'Sông Cầu',
      phone: '0933444555',
      email: null,
      title: 'Thủ tục thẩm định công nghệ',
      content: 'Thời gian thẩm định kéo dài.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(),
      consent: true,
      showIdentity: false,
    }),
  );
  return pakn.id;
}

const status = async (id: number) => (await first(db.select().from(s.pakn).where(eq(s.pakn.id, id))))!.status;
const count = async (table: string) =>
  (await sqlGet<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`))!.n;
/** the rows a refused post must not have added */
const counts = async () => ({
  drafts: await count('submission_drafts'),
  outbox: await count('outbox'),
  sessions: await count('sessions'),
  resets: await count('password_resets'),
});

type Headers = Record<string, string>;

/** The forms of the portal, each as its page would post it; `origin` headers are added by the caller. */
async function forms() {
  const page = await fetch(`${srv.baseUrl}/gop-y`);
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await page.text())![1]!;
  const id = await seedReceived();
  const multipart = new FormData();
  for (const [k, v] of Object.entries(PAKN_FIELDS)) multipart.append(k, v);
  return {
    id,
    token,
    list: [
      {
        name: 'staff action (assign)',
        path: `/can-bo/pakn/${id}`,
        body: () => new URLSearchParams({ intent: 'assign', version: '1', unitId: String(unitA) }),
        staff: true,
      },
      {
        name: 'sign-in',
        path: '/can-bo/dang-nhap',
        body: () => new URLSearchParams({ email: coordinator.email, password: coordinator.password }),
        staff: false,
      },
      { name: 'public submission form', path: `/gop-y?t=${token}`, body: () => multipart, staff: false },
      {
        name: 'follow-up lookup',
        path: '/theo-doi',
        body: () => new URLSearchParams({ code: 'PAKN-2026-000001', contact: '0933444555' }),
        staff: false,
      },
      {
        name: 'forgotten password',
        path: '/can-bo/quen-mat-khau',
        body: () => new URLSearchParams({ email: coordinator.email }),
        staff: false,
      },
      {
        name: 'language switch',
        path: '/ngon-ngu',
        body: () => new URLSearchParams({ lng: 'en', redirectTo: '/' }),
        staff: false,
      },
      { name: 'sign-out', path: '/can-bo/dang-xuat', body: () => new URLSearchParams({}), staff: true },
    ],
  };
}

async function post(path: string, body: BodyInit, headers: Headers, withCookie: boolean, method = 'POST') {
  return fetch(`${srv.baseUrl}${path}`, {
    method,
    body,
    redirect: 'manual',
    headers: { ...headers, ...(withCookie ? { Cookie: staffCookie } : {}) },
  });
}

beforeAll(async () => {
  srv = await startServer({ env: { LOG_LEVEL: 'warn', MAIL_WORKER: '0' } });
  // the app's modules used here (createPakn) read the server's database through their own env
  Object.assign(process.env, { ...srv.env, LOG_LEVEL: 'silent' });
  db = (await openDb()).db;
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  coordinator = await createStaffUser(db, { role: 'coordinator' });
  const res = await fetch(`${srv.baseUrl}/can-bo/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: srv.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: coordinator.email, password: coordinator.password }),
  });
  expect(res.status).toBe(302);
  staffCookie = `pakn_staff=${cookiesFrom(res).pakn_staff}`;
}, 60_000);

afterAll(async () => {
  await closeDb();
  await srv?.cleanup();
});

describe('refused: 403 from the server, nothing done', () => {
  // first: forged posts write at most FORGED_LIMIT audit entries per address and window
  it('each refused post is in the audit log with the address it came from (issue 13.29)', async () => {
    const forged = () =>
      sqlAll<{ ip: string | null; detail: string }>(
        db,
        `SELECT ip, detail FROM audit_log WHERE action = 'security.forged' ORDER BY id`,
      );
    const before = (await forged()).length;
    const body = () => new URLSearchParams({ intent: 'assign', version: '1', unitId: String(unitA) });
    const id = await seedReceived();
    const spoofed = { 'X-Pakn-Client-Ip': '198.51.100.7' };
    expect((await post(`/can-bo/pakn/${id}`, body(), { Origin: FOREIGN, ...spoofed }, true)).status).toBe(
      403,
    );
    expect(
      (await post(`/can-bo/pakn/${id}`, body(), { 'Sec-Fetch-Site': 'same-site', ...spoofed }, true)).status,
    ).toBe(403);
    const rows = (await forged()).slice(before);
    expect(rows.map((r) => JSON.parse(r.detail) as Record<string, string>)).toEqual([
      { reason: 'crossSite', method: 'POST', path: `/can-bo/pakn/${id}`, origin: FOREIGN },
      { reason: 'badOrigin', method: 'POST', path: `/can-bo/pakn/${id}`, fetchSite: 'same-site' },
    ]);
    // the address is the socket's, whatever the client claims
    expect(rows.map((r) => r.ip)).toEqual([
      expect.stringMatching(/127\.0\.0\.1/),
      expect.stringMatching(/127\.0\.0\.1/),
    ]);
  });

  const CROSS: Array<[string, (base: string) => Headers]> = [
    ['Origin: https://evil.example', () => ({ Origin: FOREIGN })],
    [
      'Origin: https://evil.example with Sec-Fetch-Site: same-origin (a forged fetch header)',
      () => ({ Origin: FOREIGN, 'Sec-Fetch-Site': 'same-origin' }),
    ],
    ['Sec-Fetch-Site: cross-site and no Origin', () => ({ 'Sec-Fetch-Site': 'cross-site' })],
    ['Origin: null (sandboxed frame, data: URL)', () => ({ Origin: 'null' })],
    [
      'the same host on another port',
      (base) => ({ Origin: base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`) }),
    ],
    ['the same host over https', (base) => ({ Origin: base.replace('http://', 'https://') })],
    ['localhost instead of 127.0.0.1', (base) => ({ Origin: base.replace('127.0.0.1', 'localhost') })],
    ['an Origin that is not a URL', () => ({ Origin: 'not a url' })],
  ];

  it.each(CROSS)('%s', async (_name, make) => {
    const { id, token, list } = await forms();
    const before = await counts();
    for (const f of list) {
      const res = await post(f.path, f.body(), make(srv.baseUrl), f.staff);
      const text = await res.text();
      expect(res.status, f.name).toBe(403);
      expect(res.headers.get('Content-Type'), f.name).toMatch(/^text\/plain/);
      expect(text, f.name).toMatch(/Cross-site request refused/);
      expect(res.headers.get('Set-Cookie'), f.name).toBeNull();
    }
    // the staff action did not run, no draft, mail, session or reset link was made, the session lives on
    expect(await status(id)).toBe('received');
    expect(await counts()).toEqual(before);
    expect(
      await first(db.select().from(s.submissionDrafts).where(eq(s.submissionDrafts.token, token))),
    ).toBeUndefined();
    const still = await fetch(`${srv.baseUrl}/can-bo`, {
      headers: { Cookie: staffCookie },
      redirect: 'manual',
    });
    expect(still.status).toBe(200);
  });

  it('PUT, PATCH and DELETE from another site are refused the same way', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await post('/theo-doi', 'code=x', { Origin: FOREIGN }, false, method);
      expect(res.status, method).toBe(403);
    }
  });

  it('a staff action without Origin is refused unless the browser says same-origin (Sec-Fetch-Site)', async () => {
    const id = await seedReceived();
    const body = () => new URLSearchParams({ intent: 'assign', version: '1', unitId: String(unitA) });
    for (const headers of [
      {},
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
    ] as Headers[]) {
      const res = await post(`/can-bo/pakn/${id}`, body(), headers, true);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await status(id)).toBe('received');
  });
});

describe('allowed: same-origin posts work as usual', () => {
  it('with Origin equal to BASE_URL: staff action, sign-in, public form, lookup', async () => {
    const { id, list } = await forms();
    const own = { Origin: srv.baseUrl };
    const byName = Object.fromEntries(list.map((f) => [f.name, f]));
    const assign = await post(
      byName['staff action (assign)']!.path,
      byName['staff action (assign)']!.body(),
      own,
      true,
    );
    expect(assign.status).toBe(302);
    expect(assign.headers.get('Location')).toBe(`/can-bo/pakn/${id}`);
    expect(await status(id)).toBe('assigned');
    const signIn = await post('/can-bo/dang-nhap', byName['sign-in']!.body(), own, false);
    expect(signIn.status).toBe(302);
    expect(cookiesFrom(signIn).pakn_staff).toBeTruthy();
    const submission = await post(
      byName['public submission form']!.path,
      byName['public submission form']!.body(),
      own,
      false,
    );
    expect(submission.status).toBe(302);
    expect(submission.headers.get('Location')).toMatch(/^\/gop-y\/kiem-tra\?t=/);
    const lookup = await post('/theo-doi', byName['follow-up lookup']!.body(), own, false);
    expect(lookup.status).toBe(400); // not found, said on the page
  });

  it('without Origin but with Sec-Fetch-Site: same-origin (some browsers omit Origin on same-origin posts)', async () => {
    const id = await seedReceived();
    const res = await post(
      `/can-bo/pakn/${id}`,
      new URLSearchParams({ intent: 'assign', version: '1', unitId: String(unitA) }),
      { 'Sec-Fetch-Site': 'same-origin' },
      true,
    );
    expect(res.status).toBe(302);
    expect(await status(id)).toBe('assigned');
  });

  it('a public form posted without Origin or Sec-Fetch-Site (an old browser, a script) still works', async () => {
    const res = await post(
      '/theo-doi',
      new URLSearchParams({ code: 'PAKN-2026-000009', contact: 'x@example.vn' }),
      {},
      false,
    );
    expect(res.status).toBe(400);
  });

  it('GET from another site (a link) is not refused', async () => {
    const res = await fetch(`${srv.baseUrl}/cong-khai`, {
      headers: { Origin: FOREIGN, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(200);
  });
});
