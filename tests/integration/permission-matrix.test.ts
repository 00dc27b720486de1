// Who may open which staff page and post which action, written out cell by cell so that a missing check
// fails here. Roles: admin, coordinator, handler of unit A, approver of unit A, viewer, and anonymous.
// Outcomes: OK (200 for pages, the success redirect for posts), 403, 404 (outside the actor's scope: a
// handler must not learn that another unit's PAKN exists), IN (redirect to the sign-in page).
import fs from 'node:fs';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import type { Status } from '~/domain/workflow';
import { first, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { intentFields, type IntentSetting } from '../support/intent-fields';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser, postForm, signIn } from '../support/staff';

type Outcome = 'OK' | 403 | 404 | 'IN';
const OK = 'OK';
const IN = 'IN';
const ROLES = ['admin', 'coordinator', 'handlerA', 'approverA', 'viewer', 'anonymous'] as const;
type Who = (typeof ROLES)[number];

let app: TestApp;
const cookie: Partial<Record<Who, string>> = {};
let unitA: number;
let unitB: number;
let adminId: number;
let webhookId: number;
const today = toLocalDate(new Date());

const BASE_PAKN = paknFixture({
  fullName: 'Võ Thị Hạnh',
  address: 'Sông Cầu',
  phone: '0933444555',
  email: null,
  title: 'Thủ tục thẩm định công nghệ',
  content: 'Thời gian thẩm định kéo dài.',
  receivedAt: new Date(),
});

type Setup = { status: Status; unit: 'A' | 'B' | null; answer?: boolean; pauseDaysAgo?: number };
async function seed({ status, unit, answer, pauseDaysAgo }: Setup) {
  const db = app.db();
  const pakn = await seedPakn(db, BASE_PAKN, {
    status,
    unitId: unit === 'A' ? unitA : unit === 'B' ? unitB : null,
  });
  if (answer) await db.insert(s.answers).values({ paknId: pakn.id, body: 'Dự thảo', outcome: 'stands' });
  if (pauseDaysAgo !== undefined)
    await db
      .insert(s.paknPauses)
      .values({ paknId: pakn.id, fromDate: addCalendarDays(today, -pauseDaysAgo) });
  return (await first(db.select().from(s.pakn).where(eq(s.pakn.id, pakn.id))))!;
}

function outcomeOf(res: Response, successLocation?: RegExp): Outcome | number {
  const location = res.headers.get('Location') ?? '';
  if (res.status === 302 && location.startsWith('/can-bo/dang-nhap')) return IN;
  if (successLocation) return res.status === 302 && successLocation.test(location) ? OK : res.status;
  return res.status === 200 ? OK : res.status;
}

const paths: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
  const specs = {
    admin: { role: 'admin' },
    coordinator: { role: 'coordinator' },
    handlerA: { role: 'handler', unitCode: 'QLKHCN' },
    approverA: { role: 'approver', unitCode: 'QLKHCN' },
    viewer: { role: 'viewer' },
  } as const;
  for (const [who, spec] of Object.entries(specs)) {
    const u = await createStaffUser(db, spec);
    if (who === 'admin') adminId = u.id;
    cookie[who as Who] = await signIn(app, u.email, u.password);
  }
  webhookId = (
    await one(
      db
        .insert(s.webhooks)
        .values({ url: 'https://he-thong.example.vn/pakn', events: 'received', secret: 'whsec_test' })
        .returning(),
    )
  ).id;
  const a = await seed({ status: 'assigned', unit: 'A' });
  const b = await seed({ status: 'assigned', unit: 'B' });
  const r = await seed({ status: 'received', unit: null });
  const dir = `${app.dir}/uploads`;
  fs.mkdirSync(dir, { recursive: true });
  const file = async (paknId: number, n: string) => {
    fs.copyFileSync('tests/fixtures/giay-to.pdf', `${dir}/${n.repeat(32)}`);
    return (
      await one(
        db
          .insert(s.attachments)
          .values({
            paknId,
            storedName: n.repeat(32),
            originalName: 'don.pdf',
            mime: 'application/pdf',
            size: fs.statSync(`${dir}/${n.repeat(32)}`).size,
            sha256: 'x',
          })
          .returning(),
      )
    ).id;
  };
  const answeredA = await seed({ status: 'answered', unit: 'A', answer: true });
  const answeredB = await seed({ status: 'answered', unit: 'B', answer: true });
  const { issueDocument } = await import('../../app/models/document-issue.server');
  const docA = await transaction(db, async (tx) =>
    issueDocument(tx, {
      paknId: a.id,
      type: 'info_request',
      actorUserId: null,
      input: { question: 'Bổ sung bản sao.', waitDays: 15, waitUnit: 'calendar', waitUntil: today },
    }),
  );
  Object.assign(paths, {
    publishA: `/can-bo/pakn/${answeredA.id}/cong-khai`,
    publishB: `/can-bo/pakn/${answeredB.id}/cong-khai`,
    documentA: `/can-bo/van-ban/${docA.id}`,
    documentPdfA: `/can-bo/van-ban/${docA.id}.pdf`,
    recordA: `/can-bo/pakn/${a.id}`,
    recordB: `/can-bo/pakn/${b.id}`,
    recordReceived: `/can-bo/pakn/${r.id}`,
    fileA: `/can-bo/pakn/${a.id}/tep/${await file(a.id, 'a')}`,
    fileB: `/can-bo/pakn/${b.id}/tep/${await file(b.id, 'b')}`,
    userEdit: `/can-bo/quan-tri/nguoi-dung/${adminId}`,
    webhookLog: `/can-bo/quan-tri/webhook/${webhookId}`,
  });
});
afterAll(async () => app?.stop());

// prettier-ignore
const PAGES: Array<[string, Outcome[]]> = [
  //                                   admin      coord      handlerA   approverA  viewer     anonymous
  ['/can-bo',                         [OK,        OK,        OK,        OK,        OK,        IN]],
  ['/can-bo?tab=overdue&q=thu+tuc',   [OK,        OK,        OK,        OK,        OK,        IN]],
  ['/can-bo/danh-sach.csv?tab=all',   [OK,        OK,        OK,        OK,        OK,        IN]],
  ['/can-bo/danh-sach.xlsx?tab=all',  [OK,        OK,        OK,        OK,        OK,        IN]],
  ['recordA',                         [OK,        OK,        OK,        OK,        OK,        IN]],
  ['recordB',                         [OK,        OK,        404,       404,       OK,        IN]],
  ['recordReceived',                  [OK,        OK,        404,       404,       OK,        IN]],
  ['/can-bo/pakn/99999999',           [404,       404,       404,       404,       404,       IN]],
  ['/can-bo/pakn/abc',                [404,       404,       404,       404,       404,       IN]],
  ['fileA',                           [OK,        OK,        OK,        OK,        OK,        IN]],
  ['fileB',                           [OK,        OK,        404,       404,       OK,        IN]],
  ['/can-bo/tiep-nhan',               [403,       OK,        403,       403,       403,       IN]],
  ['/can-bo/tai-khoan',               [OK,        OK,        OK,        OK,        OK,        IN]],
  ['/can-bo/quan-tri',                [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/co-quan',        [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/don-vi',         [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/linh-vuc',       [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/dinh-tuyen',     [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/co-quan-chuyen', [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/khong-co',       [404,       403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/thoi-han',       [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/lich',           [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/nguoi-dung',     [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/nguoi-dung/moi', [OK,        403,       403,       403,       403,       IN]],
  ['userEdit',                        [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/nhat-ky',        [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/hop-thu',        [OK,        403,       403,       403,       403,       IN]],
  ['/can-bo/quan-tri/webhook',        [OK,        403,       403,       403,       403,       IN]],
  ['webhookLog',                      [OK,        403,       403,       403,       403,       IN]],
  ['publishA',                        [403,       OK,        403,       403,       403,       IN]],
  // 403 for every id to those who may not publish at all, so it reveals nothing about unit B's PAKN
  ['publishB',                        [403,       OK,        403,       403,       403,       IN]],
  ['documentA',                       [OK,        OK,        OK,        OK,        OK,        IN]],
  ['documentPdfA',                    [OK,        OK,        OK,        OK,        OK,        IN]],
  ['/can-bo/tong-quan',               [OK,        OK,        403,       OK,        OK,        IN]],
  ['/can-bo/bao-cao',                 [OK,        OK,        403,       OK,        OK,        IN]],
  ['/can-bo/bao-cao.csv?period=quarter&year=2026&quarter=1', [OK, OK, 403, 403, 403, IN]],
];

describe('pages (GET)', () => {
  it.each(PAGES)('%s', async (key, expected) => {
    const path = paths[key] ?? key;
    const got: Array<Outcome | number> = [];
    for (const who of ROLES) {
      const res = await app.fetch(path, { headers: who === 'anonymous' ? {} : { Cookie: cookie[who]! } });
      got.push(outcomeOf(res));
    }
    expect(got).toEqual(expected);
  });
});

/** A state in which the intent is legal, so only the permission decides. */
// prettier-ignore
const ACTIONS: Array<[string, Setup, Outcome[]]> = [
  //                                                                           admin      coord      handlerA   approverA  viewer     anonymous
  ['classify', { status: 'received', unit: null },                            [403,       OK,        404,       404,       403,       IN]],
  ['assign', { status: 'received', unit: null },                              [403,       OK,        404,       404,       403,       IN]],
  ['refuse', { status: 'received', unit: null },                              [403,       OK,        404,       404,       403,       IN]],
  ['transfer', { status: 'received', unit: null },                            [403,       OK,        404,       404,       403,       IN]],
  ['forward', { status: 'received', unit: null },                             [403,       OK,        404,       404,       403,       IN]],
  ['mark_duplicate', { status: 'received', unit: null },                      [403,       OK,        404,       404,       403,       IN]],
  ['reassign', { status: 'assigned', unit: 'A' },                             [403,       OK,        403,       403,       403,       IN]],
  ['take', { status: 'assigned', unit: 'A' },                                 [403,       403,       OK,        403,       403,       IN]],
  ['take', { status: 'assigned', unit: 'B' },                                 [403,       403,       404,       404,       403,       IN]],
  ['note', { status: 'in_progress', unit: 'A' },                              [403,       OK,        OK,        OK,        403,       IN]],
  ['note', { status: 'in_progress', unit: 'B' },                              [403,       OK,        404,       404,       403,       IN]],
  ['request_info', { status: 'in_progress', unit: 'A' },                      [403,       OK,        OK,        403,       403,       IN]],
  ['receive_info', { status: 'awaiting_info', unit: 'A', pauseDaysAgo: 1 },   [403,       OK,        OK,        403,       403,       IN]],
  ['close_no_info', { status: 'awaiting_info', unit: 'A', pauseDaysAgo: 40 }, [403,       OK,        403,       403,       403,       IN]],
  ['extend', { status: 'in_progress', unit: 'A' },                            [403,       OK,        OK,        403,       403,       IN]],
  ['draft', { status: 'in_progress', unit: 'A' },                             [403,       403,       OK,        403,       403,       IN]],
  ['edit_draft', { status: 'drafted', unit: 'A', answer: true },              [403,       403,       OK,        403,       403,       IN]],
  ['submit', { status: 'drafted', unit: 'A', answer: true },                  [403,       403,       OK,        403,       403,       IN]],
  ['approve', { status: 'awaiting_approval', unit: 'A', answer: true },       [403,       403,       403,       OK,        403,       IN]],
  ['approve', { status: 'awaiting_approval', unit: 'B', answer: true },       [403,       403,       404,       404,       403,       IN]],
  ['return', { status: 'awaiting_approval', unit: 'A', answer: true },        [403,       OK,        403,       OK,        403,       IN]],
  ['keep_studying', { status: 'in_progress', unit: 'A' },                     [403,       403,       403,       OK,        403,       IN]],
  ['resume_study', { status: 'keep_studying', unit: 'A' },                    [403,       403,       OK,        403,       403,       IN]],
  ['reopen', { status: 'answered', unit: 'A', answer: true },                 [403,       OK,        403,       403,       403,       IN]],
  ['group', { status: 'in_progress', unit: 'A' },                             [403,       OK,        403,       403,       403,       IN]],
  ['group', { status: 'in_progress', unit: 'B' },                             [403,       OK,        404,       404,       403,       IN]],
  ['ungroup', { status: 'in_progress', unit: 'A' },                           [403,       OK,        403,       403,       403,       IN]],
];

const intentSetting = (): IntentSetting => ({
  db: app.db(),
  units: { a: unitA, b: unitB },
  note: 'Ghi chú kiểm thử quyền',
  partner: (unitId) => seedPakn(app.db(), BASE_PAKN, { status: 'assigned', unitId }),
});

describe('workflow actions (POST intent)', () => {
  it.each(ACTIONS)('%s on %o', async (intent, setup, expected) => {
    const got: Array<Outcome | number> = [];
    for (const who of ROLES) {
      const p = await seed(setup);
      const res = await postForm(app, `/can-bo/pakn/${p.id}`, who === 'anonymous' ? null : cookie[who]!, {
        intent,
        version: String(p.version),
        ...(await intentFields(intent, p, intentSetting())),
      });
      got.push(outcomeOf(res, new RegExp(`^/can-bo/pakn/${p.id}$`)));
    }
    expect(got).toEqual(expected);
  });
});

const OTHER_POSTS: Array<
  [string, string, () => Record<string, string> | Promise<Record<string, string>>, RegExp, Outcome[]]
> = [
  // expected outcomes in role order: admin, coordinator, handlerA, approverA, viewer, anonymous
  [
    'bulk assign',
    '/can-bo?index',
    async () => {
      const p = await seed({ status: 'received', unit: null });
      return { intent: 'bulk_assign', unitId: String(unitA), ids: `${p.id}.${p.version}` };
    },
    /^\/can-bo\?.*da-giao=1/,
    [403, OK, 403, 403, 403, IN],
  ],
  [
    'staff intake',
    '/can-bo/tiep-nhan',
    () => ({
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
    }),
    /^\/can-bo\/pakn\/\d+$/,
    [403, OK, 403, 403, 403, IN],
  ],
];

describe('other staff posts', () => {
  it.each(OTHER_POSTS)('%s', async (_name, path, fields, success, expected) => {
    const got: Array<Outcome | number> = [];
    for (const who of ROLES) {
      const res = await postForm(app, path, who === 'anonymous' ? null : cookie[who]!, await fields());
      got.push(outcomeOf(res, success));
    }
    expect(got).toEqual(expected);
  });
});
