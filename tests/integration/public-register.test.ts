// Issue 13 item 22: the register and the open data are reachable from every page; the register says
// what each entry is about and filters by the years it has; the sitemap agrees with robots.txt and
// lists every public page; `on_time` is a boolean in the JSON export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { sqlGet, sqlRun } from '../support/sql';

let app: TestApp;
const ids: Record<string, number> = {};
let codes: { refused: string; transferred: string; published: string };

async function seed() {
  const { createPakn } = await import('~/models/pakn.server');
  const db = app.db();
  const make = async (title: string) =>
    (
      await transaction(db, async (tx) =>
        createPakn(tx, {
          type: 'phan_anh',
          subject: 'regulation',
          category: 2,
          submitterKind: 'individual',
          orgName: null,
          representative: null,
          fullName: 'Người Gửi',
          address: 'Tuy Hòa',
          phone: '0905000000',
          email: 'nguoi@example.vn',
          title,
          content: 'Nội dung riêng tư của người gửi.',
          regulationRef: null,
          fieldId: null,
          channel: 'online',
          lang: 'vi',
          receivedAt: new Date('2025-11-03T03:00:00Z'),
          consent: true,
          showIdentity: false,
        }),
      )
    ).pakn;
  const refused = await make('Tiêu đề riêng của phản ánh bị từ chối');
  const transferred = await make('Tiêu đề riêng của phản ánh được chuyển');
  const published = await make('Tiêu đề riêng');
  await sqlRun(
    db,
    `UPDATE pakn SET status='answered', publication='published', public_title='Thủ tục cấp phép bức xạ',
     public_summary='Tóm tắt', public_answer='Trả lời', published_at=?, answered_at=?, on_time=0 WHERE id=?`,
    Date.UTC(2026, 2, 2),
    Date.UTC(2026, 2, 2),
    published.id,
  );
  const insert = async (...values: unknown[]) =>
    Number(
      (
        await sqlGet<{ id: number }>(
          db,
          `INSERT INTO documents (pakn_id, type, year, seq, number, issued_date, content, public_content, is_public)
           VALUES (?, ?, ?, ?, ?, ?, '{}', ?, 1) RETURNING id`,
          ...values,
        )
      )?.id,
    );
  const figures = JSON.stringify({
    figures: {
      format: 'pakn-report/1',
      agencyName: 'Sở',
      unitName: null,
      report: { period: { start: '2026-01-01', end: '2026-03-31' }, unitId: null },
    },
  });
  ids.refusal = await insert(refused.id, 'refusal', 2025, 1, '1/TB-KHCN', '2025-11-05', '{}');
  ids.transfer = await insert(transferred.id, 'transfer', 2026, 1, '1/CV-KHCN', '2026-01-10', '{}');
  ids.report = await insert(null, 'result_report', 2026, 1, '1/BC-KHCN', '2026-04-02', figures);
  // not public: never listed
  await sqlRun(
    db,
    `INSERT INTO documents (pakn_id, type, year, seq, number, issued_date, content, is_public)
     VALUES (?, 'info_request', 2024, 1, '1/TB-KHCN', '2024-05-05', '{}', 0)`,
    refused.id,
  );
  codes = { refused: refused.code, transferred: transferred.code, published: published.code };
}

const text = async (path: string) => (await app.fetch(path)).text();

beforeAll(async () => {
  app = await startTestApp();
  await seed();
});
afterAll(async () => {
  await app?.stop();
});

describe('the register and the open data', () => {
  it('are linked from every page', async () => {
    for (const path of ['/', '/gop-y', '/cong-khai']) {
      const html = await text(path);
      expect(html, path).toContain('href="/so-cong-khai"');
      expect(html, path).toContain('href="/du-lieu-mo"');
    }
  });

  it('says what each entry is about: the PAKN code for letters, the period for reports', async () => {
    const html = await text('/so-cong-khai');
    const row = (id: number) =>
      new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*href="/van-ban/${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row(ids.refusal!)).toContain(codes.refused);
    expect(row(ids.transfer!)).toContain(codes.transferred);
    expect(row(ids.report!)).toContain('01/01/2026 – 31/03/2026');
    expect(row(ids.report!)).toContain(`href="/thong-ke/bao-cao/${ids.report}"`);
    // the submitter's own title is not public
    expect(html).not.toContain('Tiêu đề riêng của phản ánh bị từ chối');
  });

  it('filters by a select of the years that have entries', async () => {
    const html = await text('/so-cong-khai');
    const select = /<select[^>]*name="year"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    const years = [...select.matchAll(/<option value="(\d*)"/g)].map((m) => m[1]);
    expect(years).toEqual(['', '2026', '2025']);
    const only2025 = await text('/so-cong-khai?year=2025');
    expect(only2025).toContain(`href="/van-ban/${ids.refusal}"`);
    expect(only2025).not.toContain(`href="/van-ban/${ids.transfer}"`);
    expect(only2025).toMatch(/<option value="2025" selected/);
  });

  it('has a sitemap that robots.txt allows, with statistics and public documents', async () => {
    const robots = await text('/robots.txt');
    const disallowed = [...robots.matchAll(/^Disallow: (\S+)/gm)].map((m) => m[1]!);
    const sitemap = await text('/sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    for (const loc of locs)
      expect(
        disallowed.some((d) => loc.startsWith(d)),
        loc,
      ).toBe(false);
    expect(locs).toContain('/thong-ke');
    expect(locs).toContain('/so-cong-khai');
    for (const id of Object.values(ids)) expect(locs).toContain(`/van-ban/${id}`);
    expect(locs).toContain(`/thong-ke/bao-cao/${ids.report}`);
    expect(locs).toContain(`/cong-khai/${codes.published}`);
  });

  it('gives on_time as a boolean in JSON and as text in CSV, as documented', async () => {
    const json = JSON.parse(await text('/du-lieu-mo.json')) as { items: Array<Record<string, unknown>> };
    expect(json.items).toHaveLength(1);
    expect(json.items[0]!.on_time).toBe(false);
    const csv = await text('/du-lieu-mo.csv');
    expect(csv.trim().split('\r\n')[1]!.endsWith(',false')).toBe(true);
    const doc = await text('/du-lieu-mo');
    expect(doc).toContain('JSON: true/false');
  });
});
