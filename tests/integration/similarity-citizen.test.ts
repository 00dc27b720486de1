// Issue #15, citizens: the check-your-answers step (no JavaScript) and the form's JSON look-up show up to three
// PUBLISHED answers that look like the same question, with links and the reminder that they may still send
// theirs; only public fields are matched and shown, never an unpublished PAKN or anything personal.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RATE_LIMITS } from '~/domain/rate-limits';
import { indexPublic } from '~/models/public.server';
import { publishedSimilar } from '~/models/similarity.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, type PaknRow, seedPakn } from '../support/pakn';
import { draftCookieOf } from '../support/server-process';

let app: TestApp;
let published: PaknRow;
let unpublished: PaknRow;

const PUBLIC_TITLE = 'Thời hạn cấp giấy phép tiến hành công việc bức xạ cho phòng X-quang nha khoa';
const PUBLIC_SUMMARY =
  'Người gửi phản ánh hồ sơ cấp giấy phép tiến hành công việc bức xạ cho phòng X-quang nha khoa chờ quá thời hạn.';
const PRIVATE = { fullName: 'Phạm Thị Kín Đáo', email: 'kin.dao@example.vn', phone: '0987654321' };

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  const text = {
    title: 'Chờ giấy phép bức xạ phòng X-quang nha khoa của bà Kín Đáo quá lâu',
    content: `${PUBLIC_SUMMARY} Liên hệ ${PRIVATE.phone}.`,
  };
  published = await seedPakn(db, paknFixture({ ...text, ...PRIVATE }), {
    status: 'answered',
    answeredAt: new Date(),
    publication: 'published',
    publicTitle: PUBLIC_TITLE,
    publicSummary: PUBLIC_SUMMARY,
    publicAnswer: 'Sở đã rà soát và rút ngắn thời gian thẩm định hồ sơ cấp phép bức xạ.',
    publishedAt: new Date(),
  });
  await indexPublic(db, {
    id: published.id,
    title: PUBLIC_TITLE,
    summary: PUBLIC_SUMMARY,
    answer: 'Sở đã rà soát.',
  });
  // the same question, answered but not published: never shown to citizens
  unpublished = await seedPakn(db, paknFixture({ title: PUBLIC_TITLE, content: PUBLIC_SUMMARY }), {
    status: 'answered',
    answeredAt: new Date(),
  });
});
afterAll(() => app.stop());

const FORM = {
  type: 'phan_anh',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Lê Văn Hỏi',
  address: '1 Trần Phú, Tuy Hòa',
  phone: '0912345678',
  email: 'hoi@example.vn',
  field: 'unknown',
  consent: 'on',
};

async function review(title: string, content: string): Promise<string> {
  const first = await app.fetch('/gop-y');
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await first.text())![1]!;
  const cookie = draftCookieOf(first);
  const body = new FormData();
  for (const [k, v] of Object.entries({ ...FORM, title, content })) body.append(k, v);
  const res = await app.fetch(`/gop-y?t=${token}`, { method: 'POST', body, headers: { Cookie: cookie } });
  expect(res.status).toBe(302);
  return (await app.fetch(`/gop-y/kiem-tra?t=${token}`, { headers: { Cookie: cookie } })).text();
}

function expectNothingPrivate(text: string) {
  for (const v of [PRIVATE.fullName, PRIVATE.email, PRIVATE.phone, 'Kín Đáo', unpublished.code]) {
    expect(text).not.toContain(v);
  }
}

describe('the check-your-answers step', () => {
  it('shows the published answer to the same question, typed without diacritics, and says they may still send', async () => {
    const html = await review(
      'Cho giay phep buc xa phong X-quang nha khoa qua lau',
      'Phong kham nop ho so cap giay phep tien hanh cong viec buc xa cho phong X-quang nha khoa da qua thoi han ma chua co.',
    );
    expect(html).toContain('Câu hỏi tương tự đã được trả lời');
    expect(html).toContain(`href="/cong-khai/${published.code}"`);
    expect(html).toContain(PUBLIC_TITLE);
    expect(html).toContain('bạn vẫn có thể gửi phản ánh, kiến nghị như bình thường');
    expectNothingPrivate(html);
  });

  it('shows nothing when no published answer looks alike', async () => {
    const html = await review(
      'Phí đăng ký nhãn hiệu cho hộ kinh doanh',
      'Đề nghị giảm phí nộp đơn đăng ký nhãn hiệu cho hộ kinh doanh cá thể ở nông thôn.',
    );
    expect(html).not.toContain('Câu hỏi tương tự đã được trả lời');
  });
});

describe('GET /gop-y/goi-y', () => {
  const ask = (q: Record<string, string>, ip = '10.9.0.1') =>
    app.fetch(`/gop-y/goi-y?${new URLSearchParams(q)}`, { ip });

  it('returns the public fields of published answers only', async () => {
    const res = await ask({
      title: 'Giấy phép bức xạ phòng X-quang nha khoa chờ quá lâu',
      content: 'Hồ sơ cấp giấy phép tiến hành công việc bức xạ cho phòng X-quang nha khoa quá thời hạn.',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<Record<string, string>> };
    expect(body.items).toEqual([{ code: published.code, title: PUBLIC_TITLE, summary: PUBLIC_SUMMARY }]);
    expectNothingPrivate(JSON.stringify(body));
  });

  it('answers bad input with an empty list, not an error', async () => {
    const queries: Array<Record<string, string>> = [
      {},
      { title: 'x' },
      { title: 'Giấy phép', content: 'a'.repeat(5000) },
    ];
    for (const q of queries) {
      const res = await ask(q);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ items: [] });
    }
  });

  it('is rate-limited per address', async () => {
    const limit = RATE_LIMITS['similar-suggest'].limit;
    for (let i = 0; i < limit; i++) await ask({ title: 'a', content: 'b' }, '10.9.0.2');
    const res = await ask({ title: 'a', content: 'b' }, '10.9.0.2');
    expect(res.status).toBe(429);
    expect(((await res.json()) as { message: string }).message).toContain('Quá nhiều yêu cầu');
  });

  it('scores a page by its current public text, not by the prepared copy kept from an earlier look-up', async () => {
    const db = app.db();
    const question = { title: PUBLIC_TITLE, content: PUBLIC_SUMMARY };
    expect((await publishedSimilar(question, 3, db)).map((x) => x.code)).toContain(published.code);
    // the public text edited (the search index still finds the page by its old words)
    const edited = {
      publicTitle: 'Lịch tiếp công dân tháng 12',
      publicSummary: 'Thông báo lịch tiếp công dân.',
    };
    await db.update(s.pakn).set(edited).where(eq(s.pakn.id, published.id));
    expect((await publishedSimilar(question, 3, db)).map((x) => x.code)).not.toContain(published.code);
    await db
      .update(s.pakn)
      .set({ publicTitle: PUBLIC_TITLE, publicSummary: PUBLIC_SUMMARY })
      .where(eq(s.pakn.id, published.id));
    expect((await publishedSimilar(question, 3, db)).map((x) => x.code)).toContain(published.code);
  });

  it('stops showing an answer withdrawn from publication', async () => {
    await app.db().update(s.pakn).set({ publication: 'withdrawn' }).where(eq(s.pakn.id, published.id));
    const res = await ask({ title: PUBLIC_TITLE, content: PUBLIC_SUMMARY }, '10.9.0.3');
    expect(await res.json()).toEqual({ items: [] });
  });
});
