// Document PDFs are rendered once per document version and served with an ETag (issue 10, item 3): a flood of
// requests for one PDF costs one render, a browser that has it gets a 304, and renders never run more than
// MAX_CONCURRENT_RENDERS at a time. Public, staff and submitter variants alike.
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first, transaction } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { cookiesFrom, createStaffUser, signIn } from '../support/staff';

type Db = import('../../app/utils/db.server').Db;
type Cache = typeof import('../../app/exports/pdf/cache.server');

let app: TestApp;
let db: Db;
let cache: Cache;
let schema: typeof import('../../db/schema');
let createPakn: typeof import('../../app/models/pakn.server').createPakn;
let issueDocumentForStep: typeof import('../../app/models/document-issue.server').issueDocumentForStep;
let eq: typeof import('drizzle-orm').eq;

beforeAll(async () => {
  app = await startTestApp();
  db = app.db();
  // the app's modules read the environment set by startTestApp: import them after it
  cache = await import('../../app/exports/pdf/cache.server');
  schema = await import('../../db/schema');
  ({ createPakn } = await import('../../app/models/pakn.server'));
  ({ issueDocumentForStep } = await import('../../app/models/document-issue.server'));
  ({ eq } = await import('drizzle-orm'));
  // a render of an older layout, left by a previous version of the portal
  fs.mkdirSync(path.join(app.dir, 'cache', 'pdf', '0123456789abcdef'), { recursive: true });
  fs.writeFileSync(path.join(app.dir, 'cache', 'pdf', '0123456789abcdef', '1-public-old.pdf'), '%PDF-old');
});
afterAll(async () => {
  await app?.stop();
});

async function refusedPakn(title: string): Promise<{ paknId: number; token: string; docId: number }> {
  return await transaction(db, async (tx) => {
    const { pakn, accessToken } = await createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Nguyễn Thị Hồng Đào',
      address: 'Số 12 đường Trần Hưng Đạo, Tuy Hòa',
      phone: '0905123456',
      email: 'hongdao.nguyen@example.vn',
      title,
      content: 'Đề nghị đơn giản hóa hồ sơ.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date('2026-02-10T09:00:00+07:00'),
      consent: true,
      showIdentity: false,
    });
    const unit = (await first(tx.select().from(schema.units).where(eq(schema.units.code, 'QLKHCN'))))!;
    await tx
      .update(schema.pakn)
      .set({ unitId: unit.id, refusalReason: 'R06' })
      .where(eq(schema.pakn.id, pakn.id));
    const doc = await issueDocumentForStep(tx, {
      paknId: pakn.id,
      step: 'refused',
      actorUserId: null,
      note: 'Nội dung liên quan đến tranh chấp đất đai.',
      now: new Date('2026-03-06T10:00:00+07:00'),
    });
    return { paknId: pakn.id, token: accessToken, docId: doc!.id };
  });
}

const get = (p: string, headers: Record<string, string> = {}) => app.fetch(p, { headers });

describe('document PDFs', () => {
  it('a flood of requests for one public PDF renders it once; If-None-Match gets a 304', async () => {
    const { docId } = await refusedPakn('Thủ tục cấp phép còn rườm rà');
    const before = cache.pdfRenderStats().renders;
    const responses = await Promise.all(Array.from({ length: 12 }, () => get(`/van-ban/${docId}.pdf`)));
    const bodies = await Promise.all(responses.map((r) => r.arrayBuffer()));
    for (const r of responses) expect(r.status).toBe(200);
    expect(cache.pdfRenderStats().renders - before).toBe(1);
    const etag = responses[0]!.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{16}-\d+-public-[A-Za-z0-9_-]+"$/);
    for (const r of responses) expect(r.headers.get('etag')).toBe(etag);
    for (const b of bodies) expect(Buffer.from(b).equals(Buffer.from(bodies[0]!))).toBe(true);
    expect(Buffer.from(bodies[0]!).subarray(0, 5).toString()).toBe('%PDF-');

    // later requests come from the stored render
    const again = await get(`/van-ban/${docId}.pdf`);
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(bodies[0]!))).toBe(true);
    expect(cache.pdfRenderStats().renders - before).toBe(1);

    const cached = await get(`/van-ban/${docId}.pdf`, { 'If-None-Match': etag! });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(cached.headers.get('cache-control')).toMatch(/^public/);
    expect((await cached.arrayBuffer()).byteLength).toBe(0);
    const stale = await get(`/van-ban/${docId}.pdf`, { 'If-None-Match': '"something-else"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('renders are stored 0600 under DATA_DIR/cache/pdf/<render version>/, older versions are removed', async () => {
    const version = await cache.renderVersion();
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const dir = path.join(app.dir, 'cache', 'pdf', version);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    // the version is a fingerprint of the renderer: the same in every process for the same code
    expect(await cache.renderVersion()).toBe(version);
    expect(fs.readdirSync(path.join(app.dir, 'cache', 'pdf'))).toEqual([version]);
  });

  it('never runs more than MAX_CONCURRENT_RENDERS renders at once', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 6; i++) ids.push((await refusedPakn(`Kiến nghị số ${i}`)).docId);
    const before = cache.pdfRenderStats().renders;
    const responses = await Promise.all(ids.map((id) => get(`/van-ban/${id}.pdf`)));
    for (const r of responses) {
      expect(r.status).toBe(200);
      await r.arrayBuffer();
    }
    const stats = cache.pdfRenderStats();
    expect(stats.renders - before).toBe(6);
    expect(stats.maxActive).toBe(cache.MAX_CONCURRENT_RENDERS);
    expect(stats.active).toBe(0);
  });

  it('staff and submitter PDFs are rendered once per version too, with an ETag, and stay private', async () => {
    const { docId, token } = await refusedPakn('Hồ sơ điện tử chưa được chấp nhận');
    const user = await createStaffUser(db, { role: 'coordinator' });
    const staff = await signIn(app, user.email, user.password, { ip: '10.9.1.1' });
    const viewerUser = await createStaffUser(db, { role: 'viewer' });
    const viewer = await signIn(app, viewerUser.email, viewerUser.password, { ip: '10.9.1.2' });
    const link = await get(`/theo-doi/truy-cap/${token}`);
    const follow = `pakn_follow=${cookiesFrom(link).pakn_follow}`;

    const before = cache.pdfRenderStats().renders;
    const etags = new Set<string>();
    for (const [cookie, variant] of [
      [staff, 'full'],
      [viewer, 'redacted'],
    ] as const) {
      const first = await get(`/can-bo/van-ban/${docId}.pdf`, { Cookie: cookie });
      const second = await get(`/can-bo/van-ban/${docId}.pdf`, { Cookie: cookie });
      expect(first.status).toBe(200);
      await Promise.all([first.arrayBuffer(), second.arrayBuffer()]);
      const etag = first.headers.get('etag')!;
      expect(etag).toContain(`-${docId}-${variant}-`);
      expect(second.headers.get('etag')).toBe(etag);
      expect(first.headers.get('cache-control')).toContain('no-store');
      const notModified = await get(`/can-bo/van-ban/${docId}.pdf`, {
        Cookie: cookie,
        'If-None-Match': etag,
      });
      expect(notModified.status).toBe(304);
      etags.add(etag);
    }
    const mine = await get(`/theo-doi/van-ban/${docId}.pdf`, { Cookie: follow });
    expect(mine.status).toBe(200);
    await mine.arrayBuffer();
    expect(mine.headers.get('cache-control')).toContain('no-store');
    expect((await get(`/theo-doi/van-ban/${docId}.pdf`, { Cookie: follow })).headers.get('etag')).toBe(
      mine.headers.get('etag'),
    );
    // full (staff and submitter share it) and redacted
    expect(cache.pdfRenderStats().renders - before).toBe(2);

    // the guards still come first: no ETag answer for someone who may not see the document
    const anon = await get(`/can-bo/van-ban/${docId}.pdf`, { 'If-None-Match': [...etags][0]! });
    expect(anon.status).toBe(302);
    const stranger = await get(`/theo-doi/van-ban/${docId}.pdf`, { 'If-None-Match': [...etags][0]! });
    expect(stranger.status).toBe(302);
  });
});
