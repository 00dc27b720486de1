// Pages with personal data are never stored by a browser or a shared cache (issue 10, item 7): every staff page
// and download, the submitter's pages, documents and rating page, the form and its review page answer with
// `Cache-Control: no-store` — whatever their status, page or data request. Every route file under those paths
// is listed here, so a new one cannot be forgotten. Against the real server process (server.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { one, transaction } from '~/utils/db.server';

import { draftCookieOf, PAKN_FIELDS, ROOT, type ServerProcess, startServer } from '../support/server-process';

type Db = import('../../app/utils/db.server').Db;

let srv: ServerProcess;
let db: Db;
let database: { db: Db; close(): Promise<void> } | undefined;
let staff: string;
let coordinator: string;
let follow: string;
let draftToken: string;
let draft: string;
let ids: { pakn: number; file: number; doc: number; user: number; code: string; accessToken: string };
let ratingToken: string;

const PRIVATE_ROUTE = /^(can-bo|theo-doi|gop-y|danh-gia)[._]/;

beforeAll(async () => {
  srv = await startServer({ env: { LOG_LEVEL: 'warn', MAIL_WORKER: '0' } });
  // the app's modules read this environment: the same database and secret as the server
  Object.assign(process.env, {
    DATABASE_URL: srv.dbFile,
    DATA_DIR: srv.dataDir,
    SESSION_SECRET: srv.env.SESSION_SECRET,
    BASE_URL: srv.baseUrl,
    LOG_LEVEL: 'silent',
  });
  const { openDatabaseUrl } = await import('../../app/utils/db.server');
  const { createPakn } = await import('../../app/models/pakn.server');
  const { issueDocumentForStep } = await import('../../app/models/document-issue.server');
  const ratings = await import('../../app/models/ratings.server');
  const s = await import('../../db/schema');
  const { eq } = await import('drizzle-orm');
  const { createStaffUser } = await import('../support/staff');
  database = await openDatabaseUrl(srv.dbFile);
  db = database.db;

  const admin = await createStaffUser(db, { role: 'admin' });
  const coord = await createStaffUser(db, { role: 'coordinator' });
  const stored = crypto.randomBytes(16).toString('hex');
  fs.mkdirSync(path.join(srv.dataDir, 'uploads'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'tests/fixtures/giay-to.pdf'), path.join(srv.dataDir, 'uploads', stored));
  ids = await transaction(db, async (tx) => {
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
      title: 'Thủ tục cấp giấy chứng nhận còn rườm rà',
      content: 'Đề nghị đơn giản hóa hồ sơ.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(),
      consent: true,
      showIdentity: false,
    });
    await tx.update(s.pakn).set({ refusalReason: 'R06' }).where(eq(s.pakn.id, pakn.id));
    const file = await one(
      tx
        .insert(s.attachments)
        .values({
          paknId: pakn.id,
          storedName: stored,
          originalName: 'giấy tờ.pdf',
          mime: 'application/pdf',
          size: fs.statSync(path.join(srv.dataDir, 'uploads', stored)).size,
          sha256: 'x',
        })
        .returning({ id: s.attachments.id }),
    );
    const doc = (await issueDocumentForStep(tx, {
      paknId: pakn.id,
      step: 'refused',
      actorUserId: null,
      note: 'Lý do.',
    }))!;
    // answered, so that its rating page opens
    await tx.update(s.pakn).set({ status: 'answered', answeredAt: new Date() }).where(eq(s.pakn.id, pakn.id));
    return { pakn: pakn.id, file: file.id, doc: doc.id, user: admin.id, code: pakn.code, accessToken };
  });
  ratingToken = ratings.ratingToken(ids.pakn);

  const signIn = async (user: { email: string; password: string }) => {
    const res = await fetch(`${srv.baseUrl}/can-bo/dang-nhap`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: srv.baseUrl },
      body: new URLSearchParams({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(302);
    return res.headers
      .getSetCookie()
      .find((c) => c.startsWith('pakn_staff='))!
      .split(';')[0]!;
  };
  staff = await signIn(admin);
  coordinator = await signIn(coord);

  const link = await fetch(`${srv.baseUrl}/theo-doi/truy-cap/${ids.accessToken}`, { redirect: 'manual' });
  follow = link.headers
    .getSetCookie()
    .find((c) => c.startsWith('pakn_follow='))!
    .split(';')[0]!;

  // a draft on the review page, as the form leaves it
  const opened = await fetch(`${srv.baseUrl}/gop-y`);
  draft = draftCookieOf(opened);
  draftToken = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await opened.text())![1]!;
  const form = new FormData();
  for (const [k, v] of Object.entries(PAKN_FIELDS)) form.append(k, v);
  const checked = await fetch(`${srv.baseUrl}/gop-y?t=${draftToken}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { Cookie: draft },
  });
  expect(checked.status).toBe(302);
}, 60_000);
afterAll(async () => {
  await database?.close();
  await srv?.cleanup();
});

type Who = 'staff' | 'coordinator' | 'follow' | 'draft' | 'anon';
/** route file → the request that reaches it, who makes it, and the status it answers */
const ROUTES = (): Record<string, Array<[string, Who, number]>> => ({
  'can-bo._index.tsx': [['/can-bo', 'staff', 200]],
  'can-bo.bao-cao.tsx': [['/can-bo/bao-cao', 'staff', 200]],
  'can-bo.bao-cao[.]csv.ts': [['/can-bo/bao-cao.csv?period=quarter&year=2025&quarter=2', 'staff', 200]],
  'can-bo.bao-cao[.]doc.ts': [['/can-bo/bao-cao.doc?period=quarter&year=2025&quarter=2', 'staff', 301]],
  'can-bo.bao-cao[.]docx.ts': [['/can-bo/bao-cao.docx?period=quarter&year=2025&quarter=2', 'staff', 200]],
  'can-bo.danh-sach[.]csv.ts': [['/can-bo/danh-sach.csv?tab=all', 'staff', 200]],
  'can-bo.danh-sach[.]xlsx.ts': [['/can-bo/danh-sach.xlsx?tab=all', 'staff', 200]],
  'can-bo.pakn.$id_.ho-so-chuyen.ts': [[`/can-bo/pakn/${ids.pakn}/ho-so-chuyen`, 'coordinator', 404]],
  'can-bo.quan-tri.hop-thu.tsx': [['/can-bo/quan-tri/hop-thu', 'staff', 200]],
  'can-bo.quan-tri.khoa-api.tsx': [['/can-bo/quan-tri/khoa-api', 'staff', 200]],
  'can-bo.quan-tri.webhook._index.tsx': [['/can-bo/quan-tri/webhook', 'staff', 200]],
  'can-bo.quan-tri.webhook.$id.tsx': [['/can-bo/quan-tri/webhook/999999', 'staff', 404]],
  'can-bo.quyen-rieng-tu.tsx': [['/can-bo/quyen-rieng-tu', 'coordinator', 200]],
  'can-bo.bao-cao[.]pdf.ts': [['/can-bo/bao-cao.pdf?period=quarter&year=2025&quarter=2', 'staff', 200]],
  'can-bo.bao-cao[.]xlsx.ts': [['/can-bo/bao-cao.xlsx?period=quarter&year=2025&quarter=2', 'staff', 200]],
  'can-bo.dang-nhap.tsx': [['/can-bo/dang-nhap', 'anon', 200]],
  'can-bo.dang-xuat.tsx': [['/can-bo/dang-xuat', 'staff', 302]],
  'can-bo.dat-lai.$token.tsx': [['/can-bo/dat-lai/khong-hop-le', 'anon', 410]],
  'can-bo.pakn.$id.tep.$fileId.tsx': [
    [`/can-bo/pakn/${ids.pakn}/tep/${ids.file}`, 'staff', 200],
    [`/can-bo/pakn/${ids.pakn}/tep/999999`, 'staff', 404],
  ],
  'can-bo.pakn.$id.tsx': [
    [`/can-bo/pakn/${ids.pakn}`, 'staff', 200],
    [`/can-bo/pakn/${ids.pakn}?_data=routes%2Fcan-bo.pakn.%24id`, 'staff', 200],
    ['/can-bo/pakn/999999', 'staff', 404],
  ],
  'can-bo.pakn.$id_.cong-khai.tsx': [[`/can-bo/pakn/${ids.pakn}/cong-khai`, 'coordinator', 200]],
  'can-bo.quan-tri._index.tsx': [['/can-bo/quan-tri', 'staff', 200]],
  'can-bo.quan-tri.$section.tsx': [
    ['/can-bo/quan-tri/don-vi', 'staff', 200],
    ['/can-bo/quan-tri/linh-vuc', 'staff', 200],
    ['/can-bo/quan-tri/dinh-tuyen', 'staff', 200],
    ['/can-bo/quan-tri/co-quan-chuyen', 'staff', 200],
    ['/can-bo/quan-tri/don-vi?_data=routes%2Fcan-bo.quan-tri.%24section', 'staff', 200],
    ['/can-bo/quan-tri/khong-co', 'staff', 404],
  ],
  'can-bo.quan-tri.cai-dat.tsx': [['/can-bo/quan-tri/cai-dat', 'staff', 200]],
  'can-bo.quan-tri.co-quan.tsx': [['/can-bo/quan-tri/co-quan', 'staff', 200]],
  'can-bo.quan-tri.lich.tsx': [['/can-bo/quan-tri/lich', 'staff', 200]],
  'can-bo.quan-tri.nguoi-dung.$id.tsx': [[`/can-bo/quan-tri/nguoi-dung/${ids.user}`, 'staff', 200]],
  'can-bo.quan-tri.nguoi-dung._index.tsx': [['/can-bo/quan-tri/nguoi-dung', 'staff', 200]],
  'can-bo.quan-tri.nguoi-dung.moi.tsx': [['/can-bo/quan-tri/nguoi-dung/moi', 'staff', 200]],
  'can-bo.quan-tri.nhat-ky.tsx': [['/can-bo/quan-tri/nhat-ky', 'staff', 200]],
  'can-bo.quan-tri.thoi-han.tsx': [['/can-bo/quan-tri/thoi-han', 'staff', 200]],
  'can-bo.quan-tri.tsx': [['/can-bo/quan-tri/cai-dat', 'coordinator', 403]],
  'can-bo.quen-mat-khau.tsx': [['/can-bo/quen-mat-khau', 'anon', 200]],
  'can-bo.tai-khoan.tsx': [
    ['/can-bo/tai-khoan', 'staff', 200],
    ['/can-bo/tai-khoan', 'anon', 302],
  ],
  'can-bo.tiep-nhan.tsx': [['/can-bo/tiep-nhan', 'coordinator', 200]],
  'can-bo.tong-quan.tsx': [['/can-bo/tong-quan', 'staff', 200]],
  'can-bo.tsx': [['/can-bo/khong-co-trang-nay', 'staff', 404]],
  'can-bo.van-ban.$id.ts': [[`/can-bo/van-ban/${ids.doc}`, 'staff', 200]],
  'can-bo.van-ban.$id[.]pdf.ts': [[`/can-bo/van-ban/${ids.doc}.pdf`, 'staff', 200]],
  'can-bo.xac-thuc.tsx': [['/can-bo/xac-thuc', 'anon', 302]],
  'danh-gia.$token.tsx': [
    [`/danh-gia/${ratingToken}`, 'anon', 200],
    ['/danh-gia/khong-hop-le', 'anon', 404],
  ],
  'gop-y.tsx': [['/gop-y', 'anon', 200]],
  'gop-y_.goi-y.ts': [
    [
      `/gop-y/goi-y?title=${encodeURIComponent('Thủ tục cấp phép bức xạ')}&content=${encodeURIComponent('Hồ sơ cấp phép bức xạ yêu cầu quá nhiều bản sao có chứng thực')}`,
      'anon',
      200,
    ],
  ],
  'gop-y_.kiem-tra.tsx': [
    [`/gop-y/kiem-tra?t=${draftToken}`, 'draft', 200],
    [`/gop-y/kiem-tra?t=${draftToken}&_data=routes%2Fgop-y_.kiem-tra`, 'draft', 200],
    [`/gop-y/kiem-tra?t=${draftToken}`, 'anon', 302],
  ],
  'theo-doi.$code.tsx': [
    [`/theo-doi/${ids.code}`, 'follow', 200],
    [`/theo-doi/${ids.code}?_data=routes%2Ftheo-doi.%24code`, 'follow', 200],
  ],
  'theo-doi.$code_.bien-nhan.tsx': [[`/theo-doi/${ids.code}/bien-nhan`, 'follow', 200]],
  'theo-doi.$code_.tep.$fileId.tsx': [
    [`/theo-doi/${ids.code}/tep/${ids.file}`, 'follow', 200],
    [`/theo-doi/${ids.code}/tep/999999`, 'follow', 404],
  ],
  'theo-doi._index.tsx': [['/theo-doi', 'anon', 200]],
  'theo-doi.truy-cap.$token.tsx': [[`/theo-doi/truy-cap/${ids.accessToken}`, 'anon', 302]],
  'theo-doi.van-ban.$id.ts': [[`/theo-doi/van-ban/${ids.doc}`, 'follow', 200]],
  'theo-doi.van-ban.$id[.]pdf.ts': [[`/theo-doi/van-ban/${ids.doc}.pdf`, 'follow', 200]],
});

it('every route under /can-bo, /theo-doi, /gop-y and /danh-gia is listed', () => {
  const files = fs.readdirSync(path.join(ROOT, 'app/routes')).filter((f) => PRIVATE_ROUTE.test(f));
  expect(Object.keys(ROUTES()).sort()).toEqual(files.sort());
});

it('pages with personal data answer Cache-Control: no-store, whatever their status', async () => {
  const cookie = {
    staff: () => staff,
    coordinator: () => coordinator,
    follow: () => follow,
    draft: () => draft,
    anon: () => '',
  };
  const problems: string[] = [];
  for (const [file, requests] of Object.entries(ROUTES())) {
    for (const [url, who, status] of requests) {
      const res = await fetch(srv.baseUrl + url, {
        redirect: 'manual',
        headers: who === 'anon' ? {} : { Cookie: cookie[who]() },
      });
      await res.arrayBuffer();
      const cc = res.headers.get('cache-control') ?? '(none)';
      if (res.status !== status) problems.push(`${file} ${url}: status ${res.status}, expected ${status}`);
      if (!/\bno-store\b/.test(cc)) problems.push(`${file} ${url} (${res.status}): Cache-Control ${cc}`);
    }
  }
  expect(problems).toEqual([]);
}, 120_000);

it('public pages keep their shared cache', async () => {
  for (const url of ['/', '/cong-khai', '/so-cong-khai', `/van-ban/${ids.doc}`]) {
    const res = await fetch(srv.baseUrl + url);
    await res.arrayBuffer();
    expect(res.headers.get('cache-control'), url).toMatch(/^public/);
  }
});
