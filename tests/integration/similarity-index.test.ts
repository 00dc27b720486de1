// The similar-PAKN candidate index (migration similarity_index) and the model over it: the triggers keep it in
// step with pakn, the labelled set still reaches its targets when candidates come from the database, and the
// citizens' suggestions read published fields only.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { indexPublic } from '~/models/public.server';
import { publishedSimilar, similarToPakn, similarToText } from '~/models/similarity.server';
import { type Db, first, rawAll, rawGet } from '~/utils/db.server';
import * as s from '~db/schema';

import { CORPUS } from '../fixtures/similarity/corpus';
import { type CaseResult, precisionAt1, recallAt3, tally } from '../fixtures/similarity/evaluate';
import { QUERIES, splitOf } from '../fixtures/similarity/queries';
import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { SQLITE_ONLY } from '../support/pg-template';

let app: TestApp;
let db: Db;
const idOf = new Map<string, number>();
const labelOf = new Map<number, string>();

beforeAll(async () => {
  app = await startTestApp();
  db = app.db();
  for (const d of CORPUS) {
    const p = await seedPakn(
      db,
      paknFixture({
        title: d.title,
        content: d.content,
        email: d.submitter ? `${d.submitter}@example.vn` : `nguoi-${d.id}@example.vn`,
      }),
    );
    idOf.set(d.id, p.id);
    labelOf.set(p.id, d.id);
  }
});
afterAll(() => app.stop());

async function ftsRows(id: number): Promise<number> {
  return (
    (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM pakn_similar_fts WHERE rowid = ${id}`))
      ?.n ?? 0
  );
}

describe('the candidate index', () => {
  // SQLite's FTS5 tables, kept by triggers; PostgreSQL's pakn_similar rows: pg-similar.test.ts follows them
  it.skipIf(SQLITE_ONLY)(
    'is written with the PAKN, rewritten when its text changes and removed with it',
    async () => {
      const p = await seedPakn(
        db,
        paknFixture({ title: 'Tem kiểm định đồng hồ nước', content: 'Theo NĐ 86/2012 …' }),
      );
      expect(await ftsRows(p.id)).toBe(1);
      const cites = async (match: string) =>
        await rawAll<{ id: number }>(
          db,
          sql`SELECT rowid AS id FROM pakn_similar_fts WHERE pakn_similar_fts MATCH ${match}`,
        );
      expect((await cites('cites : nd_86_2012')).map((r) => r.id)).toContain(p.id);
      await db.update(s.pakn).set({ content: 'Theo Nghị định số 105/2016/NĐ-CP' }).where(eq(s.pakn.id, p.id));
      expect((await cites('cites : nd_86_2012')).map((r) => r.id)).not.toContain(p.id);
      expect((await cites('cites : nd_105_2016')).map((r) => r.id)).toContain(p.id);
      expect((await cites('terms : dong AND ho AND nuoc')).map((r) => r.id)).toContain(p.id);
      await db.delete(s.events).where(eq(s.events.paknId, p.id));
      await db.delete(s.pakn).where(eq(s.pakn.id, p.id));
      expect(await ftsRows(p.id)).toBe(0);
    },
  );
});

describe('staff suggestions from the database', () => {
  it('reach the targets on the labelled set (recall@3 ≥ 90 %, precision@1 ≥ 80 %)', async () => {
    const cases: CaseResult[] = await Promise.all(
      QUERIES.map(async (q) => ({
        query: q,
        split: splitOf(q),
        matches: (
          await similarToText(
            {
              title: q.title,
              content: q.content,
              email: q.submitter ? `${q.submitter}@example.vn` : null,
            },
            { limit: 3, minStrength: 'medium' },
            db,
          )
        ).map((m) => ({ ...m, id: labelOf.get(m.id) ?? String(m.id) })),
      })),
    );
    const all = tally(cases);
    console.log(
      `DB path: precision@1 ${(precisionAt1(all) * 100).toFixed(1)} % (${all.top1Correct}/${all.suggested}), recall@3 ${(recallAt3(all) * 100).toFixed(1)} % (${all.duplicatesInTop3}/${all.duplicatePairs})`,
    );
    expect(recallAt3(all)).toBeGreaterThanOrEqual(0.9);
    expect(precisionAt1(all)).toBeGreaterThanOrEqual(0.8);
  });

  it('find a PAKN typed without diacritics and another citation of the same decree, saying why', async () => {
    const base = idOf.get('b01')!;
    const plain = await similarToText(
      {
        title: 'Cap giay phep tien hanh cong viec buc xa qua lau',
        content:
          'Phong kham X-quang nha khoa nop ho so cap giay phep buc xa theo ND 142/2020 da ba thang chua co.',
      },
      {},
      db,
    );
    const top = plain.find((m) => m.id === base);
    expect(top).toBeDefined();
    expect(top!.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['text', 'citation']));
    expect(top!.reasons.find((r) => r.kind === 'citation')!.detail).toBe('nd:142/2020');
  });

  it('mark the same submitter, and never suggest the PAKN itself', async () => {
    const p = await seedPakn(
      db,
      paknFixture({
        title: 'Hỏi lại về giấy phép bức xạ phòng khám nha khoa',
        content: 'Tôi đã gửi phản ánh về việc cấp giấy phép tiến hành công việc bức xạ chậm, nay hỏi lại.',
        email: 'U01@example.vn',
      }),
    );
    const list = await similarToPakn(p.id, 5, db);
    expect(list.map((m) => m.id)).not.toContain(p.id);
    const b01 = list.find((m) => m.id === idOf.get('b01'));
    expect(b01?.reasons.map((r) => r.kind)).toContain('submitter');
  });

  it('ignore a citation that parses to nothing', async () => {
    const list = await similarToText(
      { title: 'Nghị định số', content: 'theo thông tư nào đó, NĐ, TT abc' },
      {},
      db,
    );
    expect(list.every((m) => m.reasons.every((r) => r.kind !== 'citation'))).toBe(true);
  });

  it('use a word nobody had written yet as soon as a PAKN holds it (its missing frequency is not cached)', async () => {
    const text = {
      title: 'Zxqvuo plimbat qorvex',
      content: 'Zxqvuo plimbat qorvex, zxqvuo plimbat qorvex; vuzorq blimpat.',
    };
    expect(await similarToText(text, {}, db)).toEqual([]);
    const p = await seedPakn(db, paknFixture(text));
    expect((await similarToText(text, {}, db)).map((m) => m.id)).toContain(p.id);
  });
});

describe('citizens’ suggestions', () => {
  it('show published answers only, with their public fields', async () => {
    const b05 = CORPUS.find((d) => d.id === 'b05')!;
    const published = idOf.get('b05')!;
    const query = { title: b05.title, content: b05.content };
    expect(await publishedSimilar(query, 3, db)).toEqual([]);
    await db
      .update(s.pakn)
      .set({
        publication: 'published',
        publicTitle: b05.title,
        publicSummary: b05.content,
        publicAnswer: 'Trả lời đã công khai.',
        publishedAt: new Date(),
      })
      .where(eq(s.pakn.id, published));
    await indexPublic(db, {
      id: published,
      title: b05.title,
      summary: b05.content,
      answer: 'Trả lời đã công khai.',
    });
    const list = await publishedSimilar(query, 3, db);
    expect(list.map((m) => m.code)).toEqual([
      (await first(db.select({ code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, published))))!.code,
    ]);
    expect(Object.keys(list[0]!).sort()).toEqual(['code', 'score', 'strength', 'summary', 'title']);
  });
});
