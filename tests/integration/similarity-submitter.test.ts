// "The same submitter" finds an earlier PAKN by e-mail or, when there is none, by phone, even when the text
// candidates are full of closer matches (the candidate lists are bounded: CANDIDATES in similarity.server).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CANDIDATES, similarToText } from '~/models/similarity.server';
import { type Db, rawAll } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { SQLITE_ONLY } from '../support/pg-template';

let app: TestApp;
let db: Db;
const TITLE = 'Cấp giấy phép tiến hành công việc bức xạ cho phòng khám nha khoa';
const CONTENT = 'Hồ sơ cấp giấy phép bức xạ nộp đã ba tháng mà chưa có kết quả.';
let byPhone = 0;
let byEmail = 0;

beforeAll(async () => {
  app = await startTestApp();
  db = app.db();
  // the earlier PAKN of the two submitters: the same question with more words, so bm25 ranks it below the others
  const longer = `${CONTENT} Phòng khám đã gọi điện hỏi nhiều lần, được trả lời là đang thẩm định hồ sơ.`;
  byPhone = (
    await seedPakn(db, paknFixture({ title: TITLE, content: longer, email: null, phone: '0987 654 321' }))
  ).id;
  byEmail = (await seedPakn(db, paknFixture({ title: TITLE, content: longer, email: 'Lan.Pham@example.vn' })))
    .id;
  // more PAKN with the exact text than the text candidates can hold
  for (let i = 0; i < CANDIDATES.text + 10; i++)
    await seedPakn(
      db,
      paknFixture({
        title: TITLE,
        content: CONTENT,
        email: `nguoi-${i}@example.vn`,
        phone: `0900${String(i).padStart(6, '0')}`,
      }),
    );
});
afterAll(() => app.stop());

describe('same-submitter candidates', () => {
  it('find an earlier PAKN of a submitter who gave no e-mail, by the phone number, written differently', async () => {
    const list = await similarToText(
      { title: TITLE, content: CONTENT, email: null, phone: '0987654321' },
      { limit: 500 },
      db,
    );
    const hit = list.find((m) => m.id === byPhone);
    expect(hit?.reasons.map((r) => r.kind)).toContain('submitter');
  });

  it('find it by e-mail whatever its case', async () => {
    const list = await similarToText(
      { title: TITLE, content: CONTENT, email: 'lan.pham@EXAMPLE.vn', phone: '0900000000' },
      { limit: 500 },
      db,
    );
    expect(list.find((m) => m.id === byEmail)?.reasons.map((r) => r.kind)).toContain('submitter');
    expect(list.find((m) => m.id === byPhone)?.reasons.map((r) => r.kind) ?? []).not.toContain('submitter');
  });

  // SQLite's query planner; PostgreSQL's plans are checked in pg-similar.test.ts ("uses the GIN indexes")
  it.skipIf(SQLITE_ONLY)(
    'are read through the submitter index, not by scanning the index table',
    async () => {
      const plan = (
        await rawAll<{ detail: string }>(
          db,
          sql`EXPLAIN QUERY PLAN SELECT pakn_id AS id FROM pakn_similar WHERE submitter = ${'x'} ORDER BY pakn_id DESC LIMIT 20`,
        )
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toContain('pakn_similar_submitter_idx');
      expect(plan).not.toContain('TEMP B-TREE');
    },
  );
});
