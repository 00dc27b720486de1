// The audit log records refused posts and reads contact details once per session and record (issue 13.29):
// a post refused for lack of permission ('security.denied'), a post with a bad origin or a dead session
// ('security.forged', at most FORGED_LIMIT per address and window), and 'pakn.contact.view' only the first
// time a session opens a record. (Cross-site posts refused by server.mjs: tests/integration/cross-site.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FORGED_LIMIT } from '~/models/security-audit.server';
import { transaction } from '~/utils/db.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let coordinator = { id: 0, cookie: '', email: '', password: '' };
let handler = { id: 0, cookie: '' };
let paknId = 0;

type AuditRow = {
  actor_user_id: number | null;
  action: string;
  target_id: string | null;
  ip: string | null;
  detail: string;
};
const audits = async (action: string) =>
  (await sqlAll(
    app.db(),
    `SELECT actor_user_id, action, target_id, ip, detail FROM audit_log WHERE action = ? ORDER BY id`,
    action,
  )) as AuditRow[];

function post(
  path: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.fetch(path, {
    method: 'POST',
    headers: {
      Origin: BASE,
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

/** A staff post without Origin, as a script or an old browser on another site could send it. */
function badOrigin(cookie: string, site: string, ip?: string) {
  return app.fetch(`/can-bo/pakn/${paknId}`, {
    method: 'POST',
    ip,
    headers: {
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': site,
      ...(ip ? { 'x-pakn-client-ip': ip } : {}),
    },
    body: new URLSearchParams({ intent: 'assign', version: '1' }),
  });
}

beforeAll(async () => {
  app = await startTestApp();
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  coordinator = { ...c, cookie: await signIn(app, c.email, c.password) };
  const h = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN' });
  handler = { id: h.id, cookie: await signIn(app, h.email, h.password) };
  const { createPakn } = await import('~/models/pakn.server');
  const db = app.db();
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
  paknId = pakn.id;
});
afterAll(async () => {
  await app?.stop();
});

describe('refused posts are audited', () => {
  it('a post refused for lack of permission: the publish page, the bulk assignment', async () => {
    const unit = (await sqlGet(app.db(), `SELECT id FROM units WHERE code = 'QLKHCN'`)) as {
      id: number;
    };
    const before = (await audits('security.denied')).length;
    expect((await post(`/can-bo/pakn/${paknId}/cong-khai`, handler.cookie, { intent: 'check' })).status).toBe(
      403,
    );
    expect(
      (
        await post('/can-bo?index', handler.cookie, {
          intent: 'bulk_assign',
          ids: `${paknId}.1`,
          unitId: String(unit.id),
        })
      ).status,
    ).toBe(403);
    const rows = (await audits('security.denied')).slice(before);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actor_user_id === handler.id)).toBe(true);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({
      method: 'POST',
      path: '/can-bo/pakn/' + paknId + '/cong-khai',
      permission: 'pakn:publish',
    });
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ path: '/can-bo', permission: 'pakn:assign' });
  });

  it('a workflow action the role may not take on this record', async () => {
    const before = (await audits('security.denied')).length;
    // a coordinator may read the record but not approve an answer
    const res = await post(`/can-bo/pakn/${paknId}`, coordinator.cookie, { intent: 'approve', version: '1' });
    expect(res.status).toBe(403);
    const rows = (await audits('security.denied')).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: coordinator.id, target_id: String(paknId) });
  });

  it('reads are not audited as refusals', async () => {
    const before = (await audits('security.denied')).length;
    expect(
      (await app.fetch(`/can-bo/pakn/${paknId}/cong-khai`, { headers: { Cookie: handler.cookie } })).status,
    ).toBe(403);
    expect((await audits('security.denied')).length).toBe(before);
  });

  it('a staff post with a bad origin (no Origin, and a Sec-Fetch-Site that is not same-origin)', async () => {
    // Origin: null and foreign origins are refused by server.mjs before Remix (cross-site.test.ts)
    const before = (await audits('security.forged')).length;
    for (const site of ['same-site', 'none'])
      expect((await badOrigin(coordinator.cookie, site)).status).toBe(403);
    const rows = (await audits('security.forged')).slice(before);
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual(
      ['same-site', 'none'].map((fetchSite) => ({
        reason: 'badOrigin',
        method: 'POST',
        path: `/can-bo/pakn/${paknId}`,
        fetchSite,
      })),
    );
  });

  it('a post carrying a session that is no longer live (signed out, expired or revoked)', async () => {
    const stale = await signIn(app, coordinator.email, coordinator.password);
    await sqlRun(
      app.db(),
      `UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = ? AND created_at = (SELECT max(created_at) FROM sessions WHERE user_id = ?)`,
      Date.now(),
      coordinator.id,
      coordinator.id,
    );
    const before = (await audits('security.forged')).length;
    const res = await post(`/can-bo/pakn/${paknId}`, stale, { intent: 'assign', version: '1' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toContain('het-han=1');
    const rows = (await audits('security.forged')).slice(before);
    expect(rows.map((r) => JSON.parse(r.detail).reason)).toEqual(['staleSession']);
  });

  it('forged posts from one address write at most FORGED_LIMIT entries per window', async () => {
    const before = (await audits('security.forged')).length;
    for (let i = 0; i < FORGED_LIMIT + 5; i++)
      await badOrigin(coordinator.cookie, 'same-site', '203.0.113.9');
    const rows = (await audits('security.forged')).slice(before);
    expect(rows).toHaveLength(FORGED_LIMIT);
    expect(rows.every((r) => r.ip === '203.0.113.9')).toBe(true);
  });
});

describe('contact details: one audit entry per session and record', () => {
  it('logs the first view of a record in a session, not every page load', async () => {
    const views = async () =>
      (await audits('pakn.contact.view')).filter((r) => r.target_id === String(paknId));
    const before = (await views()).length;
    for (let i = 0; i < 3; i++)
      expect(
        (await app.fetch(`/can-bo/pakn/${paknId}`, { headers: { Cookie: coordinator.cookie } })).status,
      ).toBe(200);
    expect((await views()).length).toBe(before + 1);
    // another session of the same person: a new entry
    const other = await signIn(app, coordinator.email, coordinator.password);
    await app.fetch(`/can-bo/pakn/${paknId}`, { headers: { Cookie: other } });
    await app.fetch(`/can-bo/pakn/${paknId}`, { headers: { Cookie: other } });
    expect((await views()).length).toBe(before + 2);
  });
});
