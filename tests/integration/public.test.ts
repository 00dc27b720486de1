// The public side of #4: list, search without diacritics, filters, answer pages, feed, sitemap, open data.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawRun, transaction } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;

type Seed = {
  title: string;
  summary: string;
  answer: string;
  field?: number;
  unit?: number;
  onTime: boolean;
  received: string;
};

async function seedPublished(items: Seed[]) {
  const { createPakn } = await import('~/models/pakn.server');
  const { indexPublic } = await import('~/models/public.server');
  const db = app.db();
  const codes: string[] = [];
  for (const [i, it] of items.entries()) {
    await transaction(db, async (tx) => {
      const { pakn } = await createPakn(tx, {
        type: i % 2 ? 'kien_nghi' : 'phan_anh',
        subject: 'regulation',
        category: 2,
        submitterKind: 'individual',
        orgName: null,
        representative: null,
        fullName: `Người Gửi Số ${i}`,
        address: 'Tuy Hòa',
        phone: '0905000000',
        email: `nguoi${i}@example.vn`,
        title: `Riêng tư ${i}`,
        content: 'Nội dung riêng tư của người gửi.',
        regulationRef: null,
        fieldId: it.field ?? null,
        channel: 'online',
        lang: 'vi',
        receivedAt: new Date(`${it.received}T03:00:00Z`),
        consent: true,
        showIdentity: false,
      });
      const publishedAt = new Date(Date.UTC(2026, 2, 1 + i));
      await rawRun(
        tx,
        sql`UPDATE pakn SET status='answered', unit_id=${it.unit ?? 2}, answered_at=${publishedAt.getTime()},
           publication='published', public_title=${it.title}, public_summary=${it.summary},
           public_answer=${it.answer}, published_at=${publishedAt.getTime()}, on_time=${it.onTime ? 1 : 0}
           WHERE id=${pakn.id}`,
      );
      await rawRun(
        tx,
        sql`INSERT INTO answers (pakn_id, outcome, body) VALUES (${pakn.id}, 'stands', ${it.answer})`,
      );
      await indexPublic(tx, {
        id: pakn.id,
        title: it.title,
        summary: it.summary,
        answer: it.answer,
      });
      codes.push(pakn.code);
    });
  }
  return codes;
}

let codes: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  codes = await seedPublished([
    {
      title: 'Thủ tục cấp phép bức xạ',
      summary: 'Đề nghị giảm giấy tờ khi làm thủ tục.',
      answer: 'Sở **giữ nguyên** quy định.',
      field: 5,
      onTime: true,
      received: '2025-05-02',
    },
    {
      title: 'Đường truyền dịch vụ công bị gián đoạn',
      summary: 'Phản ánh về đường truyền.',
      answer: 'Đã khắc phục.',
      field: 8,
      unit: 1,
      onTime: false,
      received: '2026-01-10',
    },
    {
      title: 'Kiểm định phương tiện đo',
      summary: 'Phí kiểm định cao.',
      answer: '<script>alert(1)</script> [x](javascript:alert(1))',
      field: 4,
      unit: 3,
      onTime: true,
      received: '2026-02-20',
    },
  ]);
});
afterAll(async () => app?.stop());

const text = async (path: string) => {
  const res = await app.fetch(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('published answers', () => {
  it('lists and searches without diacritics', async () => {
    const all = await text('/cong-khai');
    for (const title of ['Thủ tục cấp phép bức xạ', 'Đường truyền dịch vụ', 'Kiểm định phương tiện đo'])
      expect(all).toContain(title);
    const duong = await text('/cong-khai?q=duong');
    expect(duong).toContain('Đường truyền dịch vụ');
    expect(duong).not.toContain('Kiểm định phương tiện đo');
    const thuTuc = await text('/cong-khai?q=thu+tuc');
    expect(thuTuc).toContain('Thủ tục cấp phép bức xạ');
    expect(thuTuc).not.toContain('Đường truyền dịch vụ');
    // private text is not searchable: the submitter's name finds nothing
    expect(await text('/cong-khai?q=nguoi+gui')).toContain('Không có kết quả phù hợp');
  });

  it('filters by field, unit, year and timeliness; ignores nonsense filters', async () => {
    expect(await text('/cong-khai?field=4')).toContain('Kiểm định phương tiện đo');
    expect(await text('/cong-khai?field=4')).not.toContain('Đường truyền dịch vụ');
    expect(await text('/cong-khai?unit=1')).toContain('Đường truyền dịch vụ');
    const y2025 = await text('/cong-khai?year=2025');
    expect(y2025).toContain('Thủ tục cấp phép bức xạ');
    expect(y2025).not.toContain('Kiểm định phương tiện đo');
    expect(await text('/cong-khai?timeliness=late')).not.toContain('Thủ tục cấp phép bức xạ');
    expect((await app.fetch('/cong-khai?field=abc&year=99999&sort=x&after=%27%3B--')).status).toBe(200);
  });

  it('shows an answer page with badge, timeline and inert markdown', async () => {
    const html = await text(`/cong-khai/${codes[2]}`);
    expect(html).toContain('Trả lời đúng hạn');
    expect(html).toContain('Tiếp nhận và vào sổ');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('og:title');
    expect(html).not.toContain('Riêng tư');
    expect(html).not.toContain('Người Gửi');
    const first = await text(`/cong-khai/${codes[0]}`);
    expect(first).toContain('<strong>giữ nguyên</strong>');
  });

  it('answers 404 for unknown codes and 410 for withdrawn ones', async () => {
    const missing = await app.fetch('/cong-khai/KHCN-2026-999999');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không tìm thấy kết quả');
    await rawRun(
      app.db(),
      sql`UPDATE pakn SET publication='withdrawn', withdrawn_reason='Trùng lặp nội dung' WHERE code=${codes[1]}`,
    );
    const gone = await app.fetch(`/cong-khai/${codes[1]}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Trùng lặp nội dung');
    await rawRun(app.db(), sql`UPDATE pakn SET publication='published' WHERE code=${codes[1]}`);
  });

  it('publishes an Atom feed, a sitemap and robots.txt', async () => {
    const feed = await app.fetch('/cong-khai.atom');
    expect(feed.headers.get('Content-Type')).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain(`<id>http://localhost:3999/cong-khai/${codes[0]}</id>`);
    expect(xml).toContain('&lt;script&gt;');
    const sitemap = await text('/sitemap.xml');
    for (const c of codes) expect(sitemap).toContain(`/cong-khai/${c}`);
    expect(await text('/robots.txt')).toContain('Disallow: /can-bo');
  });

  it('exports open data as CSV and JSON, filtered by date, refusing absurd ranges', async () => {
    const raw = Buffer.from(await (await app.fetch('/du-lieu-mo.csv')).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
    const csv = raw.toString('utf8').slice(1);
    expect(csv.split('\r\n')[0]).toBe(
      'code,url,title,summary,answer,type,category,field,unit,received_date,answer_due,answered_date,published_date,on_time',
    );
    expect(csv).toContain('Thủ tục cấp phép bức xạ');
    expect(csv).not.toContain('nguoi0@example.vn');
    const json = JSON.parse(await text('/du-lieu-mo.json?from=2026-03-02&to=2026-03-03')) as {
      count: number;
      items: Array<{ code: string }>;
    };
    expect(json.items.map((i) => i.code).sort()).toEqual([codes[1], codes[2]].sort());
    const backwards = await app.fetch('/du-lieu-mo.csv?from=2026-03-05&to=2026-03-01');
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu');
    // the page's form, sent by a browser: the page again, with the dates kept and the error in its summary, not a
    // bare text answer (walk-through of 06/12/2026)
    const fromForm = await app.fetch('/du-lieu-mo.csv?from=2026-03-05&to=2026-03-01', {
      headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(fromForm.status).toBe(303);
    expect(fromForm.headers.get('Location')).toBe('/du-lieu-mo?from=2026-03-05&to=2026-03-01');
    const page = await app.fetch(fromForm.headers.get('Location')!);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu');
    expect(html).toContain('value="2026-03-05"');
    expect(html).toContain('value="2026-03-01"');
    expect(html).toMatch(/<title>Lỗi: /);
    expect((await app.fetch('/du-lieu-mo.json?from=2000-01-01&to=2026-01-01')).status).toBe(400);
    expect((await app.fetch('/du-lieu-mo.json?from=hôm-qua')).status).toBe(400);
  });

  it('shows where to send PAKN and a printable notice with a QR code', async () => {
    const where = await text('/noi-tiep-nhan');
    expect(where).toContain('Số 08 Trần Phú');
    expect(where).toContain('0257 3842 124');
    const notice = await text('/noi-tiep-nhan/ban-in');
    expect(notice).toContain('ĐỊA CHỈ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ');
    expect(notice).toMatch(/<svg[^>]*>/);
    expect(notice).toContain('http://localhost:3999/gop-y');
    // VI.1: the national public-service portal is a channel too, and what is not sent here goes elsewhere
    for (const [page, html] of [
      ['/noi-tiep-nhan', where],
      ['/noi-tiep-nhan/ban-in', notice],
    ] as const) {
      const plain = html.replace(/<[^>]+>/g, '');
      expect(plain, page).toContain('Cổng Dịch vụ công quốc gia');
      expect(plain, page).toContain('dichvucong.gov.vn');
      expect(plain, page).toContain('“Phản ánh kiến nghị”');
      expect(plain, page).toContain('Những việc không gửi qua cổng này');
      expect(plain, page).toContain('Khiếu nại, tố cáo được giải quyết theo Luật Khiếu nại và Luật Tố cáo');
      expect(plain, page).toContain('Thanh tra tỉnh');
      expect(plain, page).toContain('Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
    }
    // in English, the parent body's name (it has no English form) says it is Vietnamese (WCAG 3.1.2)
    const en = await app.fetch('/noi-tiep-nhan/ban-in', { headers: { Cookie: 'lng=en' } });
    expect(await en.text()).toContain('<p class="notice-parent" lang="vi">Ủy ban nhân dân tỉnh Phú Yên</p>');
  });

  it('has the public register page', async () => {
    expect(await text('/so-cong-khai')).toContain('Sổ công khai văn bản');
  });
});
