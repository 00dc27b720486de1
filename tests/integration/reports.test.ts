// Issue #5: the report reconciles with the records. A generated data set of several thousand PAKN over two years
// (every status and channel, late and on-time, Tết and period boundaries) is reported for every month, quarter,
// half-year and year and some custom ranges, per unit and in total, and each indicator is compared with the same
// indicator computed independently (the oracle at the bottom: row by row from the definitions). Then the routes:
// the on-screen report, the workbook read back with exceljs, the CSV, the PDF's text, the .docx unzipped, bad input,
// permissions, publication to the VI.4 register and the public statistics.
import ExcelJS from 'exceljs';
// fflate: docx's own zip library, to read the .docx back
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toLocalDate, type WorkingCalendar } from '~/domain/calendar';
import { runningClock } from '~/domain/clocks';
import { workingDaysBetween } from '~/domain/deadlines';
import { CHANNELS } from '~/domain/pakn';
import { customPeriod, periodOf, type ReportPeriod } from '~/domain/reports/periods';
import { isOpen, type Status, STATUSES } from '~/domain/workflow';
import type { Db } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, postForm, signIn } from '../support/staff';

const COUNT = 6000;
const FROM = '2024-01-01';
const TO = '2025-12-31';
const NOW = new Date('2026-02-01T00:00:00+07:00');

let app: TestApp;
let db: Db;
let data: OracleData;
let calendar: WorkingCalendar;
// the report's modules, loaded once the test app has set the environment up
const loadReports = async () => ({
  ...(await import('~/domain/reports/definitions')),
  ...(await import('~/models/reports/sql.server')),
  ...(await import('~/models/reports/report.server')),
  ...(await import('~/models/reports/dashboard.server')),
  ...(await import('~/models/reports/public-statistics.server')),
});
let reports: Awaited<ReturnType<typeof loadReports>>;

beforeAll(async () => {
  app = await startTestApp();
  db = app.db();
  const { seedReportData } = await import('../../scripts/report-seed');
  await seedReportData(db, { count: COUNT, seed: 11, from: FROM, to: TO, now: NOW });
  // an inactive unit keeps its rows under its own name
  await sqlRun(
    db,
    "INSERT INTO units (code, name, name_en, email, active, sort_order) VALUES ('CU', 'Phòng cũ', 'Old division', 'cu@example.vn', 0, 9)",
  );
  const old = await sqlGet<{ id: number }>(db, "SELECT id FROM units WHERE code = 'CU'");
  await sqlRun(db, 'UPDATE pakn SET unit_id = ? WHERE id % 97 = 0 AND unit_id IS NOT NULL', old!.id);
  reports = await loadReports();
  const config = await import('~/models/config.server');
  calendar = await config.getCalendar(db);
  data = await loadOracleData(db, calendar);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

function periods(): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (const year of [2024, 2025]) {
    for (let m = 1; m <= 12; m++) out.push(periodOf('month', year, m, 15));
    for (let q = 1; q <= 4; q++) out.push(periodOf('quarter', year, q, 15));
    for (let h = 1; h <= 2; h++) out.push(periodOf('half', year, h, 15));
    out.push(periodOf('year', year, 1, 15), periodOf('year', year, 1, 1), periodOf('quarter', year, 1, 1));
  }
  out.push(periodOf('year', 2026, 1, 15)); // carried over from 2025, closures in January 2026
  out.push(customPeriod('2025-01-20', '2025-02-10')); // Tết Ất Tỵ
  out.push(customPeriod('2024-02-01', '2024-02-20')); // Tết Giáp Thìn
  out.push(customPeriod('2024-06-14', '2024-06-14')); // one boundary day
  out.push(customPeriod('2023-01-01', '2027-12-31')); // everything
  return out;
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? expect(a).toBe(b) : expect(a).toBeCloseTo(b, 9);

describe('the generated data set', () => {
  it('has every status and channel, late and on-time answers, boundary receipts and legacy rows', async () => {
    const statuses = new Set(data.rows.map((r) => r.status));
    for (const s of STATUSES) expect(statuses.has(s), s).toBe(true);
    const channels = new Set(data.rows.map((r) => r.channel));
    for (const c of CHANNELS) expect(channels.has(c), c).toBe(true);
    const total = oracle(data, { start: FROM, end: '2026-01-31' }).counts;
    expect(total.answeredOnTime).toBeGreaterThan(100);
    expect(total.answeredLate).toBeGreaterThan(100);
    const received = await sqlAll<{ at: number; d: string }>(
      db,
      'SELECT received_at AS at, received_date AS d FROM pakn',
    );
    const at2359 = received.filter(
      (r) => new Date(r.at + 7 * 3600_000).toISOString().slice(11, 16) === '23:59' && r.d.slice(8) === '14',
    );
    expect(at2359.length).toBeGreaterThan(20);
    const legacy = await sqlGet<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM pakn WHERE closed_at IS NULL AND status IN (${reports.CLOSED_SQL})`,
    );
    expect(legacy!.n).toBeGreaterThan(0);
    const nullOnTime = data.rows.filter((r) => r.status === 'answered' && r.onTime === null).length;
    expect(nullOnTime).toBeGreaterThan(100);
    // the SQL local date (UTC+7) of this backend is the time-zone library's local date
    const sample = (await reports.namedAll(
      db,
      reports.reportQuery(
        (f) => `SELECT received_at AS at, ${f.localDate('received_at')} AS d FROM pakn LIMIT 500`,
      ),
    )) as Array<{ at: number; d: string }>;
    expect(sample).toHaveLength(500);
    for (const s of sample) expect(s.d).toBe(toLocalDate(s.at));
  });
});

describe('reconciliation', () => {
  it('matches the independent computation for every period, every unit and in total, and balances', async () => {
    const unitIds = [...new Set(data.rows.map((r) => r.unitId))];
    let checked = 0;
    for (const period of periods()) {
      const report = await reports.buildReport({ period, now: NOW }, db);
      const label = `${period.kind} ${period.start}..${period.end}`;
      const expectFigures = (
        got: (typeof report)['total'],
        want: Awaited<ReturnType<typeof oracle>>,
        what: string,
      ) => {
        for (const k of reports.COUNT_KEYS)
          expect(got.counts[k], `${label} ${what} ${k}`).toBe(want.counts[k]);
        const c = got.counts;
        expect(c.carriedOver + c.received, `${label} ${what} balance`).toBe(c.closed + c.carriedForward);
        expect(c.closed).toBe(
          c.answered + c.refused + c.transferred + c.forwarded + c.duplicate + c.closedNoInfo,
        );
        expect(c.answered).toBe(c.answeredOnTime + c.answeredLate);
        expect(c.carriedForward).toBe(c.inProgressWithinTime + c.inProgressOverdue);
        const nonZero = (rec: Record<string, number>) =>
          Object.fromEntries(Object.entries(rec).filter(([, n]) => n > 0));
        expect(nonZero(got.breakdowns.byChannel), `${label} ${what} channel`).toEqual(want.byChannel);
        expect(nonZero(got.breakdowns.byType)).toEqual(want.byType);
        expect(nonZero(got.breakdowns.byCategory)).toEqual(want.byCategory);
        expect(nonZero(got.breakdowns.byField)).toEqual(want.byField);
        expect(nonZero(got.breakdowns.refusedByReason), `${label} ${what} reasons`).toEqual(
          want.refusedByReason,
        );
        expect(got.handling.count).toBe(want.handling.count);
        close(got.handling.mean, want.handling.mean);
        close(got.handling.median, want.handling.median);
        expect({ s: got.ratings.satisfied, n: got.ratings.neutral, u: got.ratings.unsatisfied }).toEqual({
          s: want.ratings.satisfied,
          n: want.ratings.neutral,
          u: want.ratings.unsatisfied,
        });
        checked++;
      };
      expectFigures(report.total, oracle(data, period), 'total');
      // every unit with rows is in the table, and nothing else has figures
      for (const u of unitIds) {
        const row = report.units.find((x) => x.unitId === u);
        expect(row, `${label} unit ${u}`).toBeDefined();
        expectFigures(row!, oracle(data, { ...period, unit: u }), `unit ${u}`);
      }
      for (const row of report.units)
        if (!unitIds.includes(row.unitId)) expect(row.counts.received + row.counts.carriedOver).toBe(0);
      // the one-unit report is that unit's row
      const some = unitIds.find((u) => u !== null)!;
      const single = await reports.buildReport({ period, unitId: some, now: NOW }, db);
      expect(single.units).toHaveLength(1);
      expectFigures(single.total, oracle(data, { ...period, unit: some }), `single ${some}`);
      // targets II.1 from the same counts
      const t = Object.fromEntries(report.targets.map((x) => [x.key, x]));
      const c = report.total.counts;
      expect(t.online!.actual).toBe(c.received ? c.receivedOnline / c.received : null);
      expect(t.published!.actual).toBe(c.answered ? c.published / c.answered : null);
    }
    expect(checked).toBeGreaterThan(300);
  }, 120_000);

  it('judges what a running period carries forward on the day it is made, not on its end (walk-through of 06/12/2026)', async () => {
    const period = customPeriod('2025-12-01', '2025-12-31');
    const report = await reports.buildReport({ period, now: new Date('2025-12-20T10:00:00+07:00') }, db);
    const want = oracle(data, { ...period, judgedOn: '2025-12-20' });
    expect(report.total.counts.inProgressOverdue).toBe(want.counts.inProgressOverdue);
    expect(report.total.counts.inProgressWithinTime).toBe(want.counts.inProgressWithinTime);
    // items due between 20/12 and 31/12 are not late yet on 20/12
    expect(want.counts.inProgressOverdue).toBeLessThan(oracle(data, period).counts.inProgressOverdue);
  });

  it('writes "không có" under an item of the narrative that has nothing (walk-through of 06/12/2026)', async () => {
    const { reportNarrative } = await import('~/exports/report-narrative.server');
    const ctx = await reports.reportContext(
      { period: customPeriod('2019-01-01', '2019-12-31'), unitId: null, now: NOW },
      db,
    );
    expect(reportNarrative(ctx).paragraphs).toContain('7. Kết quả theo đơn vị: không có.');
  });

  it('carries forward exactly what the next period carries over', async () => {
    for (let m = 1; m < 12; m++) {
      const a = await reports.buildReport({ period: periodOf('month', 2025, m, 15), now: NOW }, db);
      const b = await reports.buildReport({ period: periodOf('month', 2025, m + 1, 15), now: NOW }, db);
      expect(b.total.counts.carriedOver).toBe(a.total.counts.carriedForward);
      for (const row of a.units) {
        expect(b.units.find((x) => x.unitId === row.unitId)?.counts.carriedOver ?? 0).toBe(
          row.counts.carriedForward,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Routes

const Q2 = periodOf('quarter', 2025, 2, 15);
const Q2_QUERY = 'period=quarter&year=2025&quarter=2';
const vi = new Intl.NumberFormat('vi-VN');

async function pdfText(buf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(buf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  let s = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) s += item.str + (item.hasEOL ? ' ' : '');
    s += ' ';
  }
  await task.destroy();
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

describe('routes', () => {
  const cookies: Record<string, string> = {};
  let units: Array<{ id: number; code: string; name: string; nameEn: string }>;
  let ip = 10;
  const get = (path: string, who: string) => app.fetch(path, { headers: { Cookie: cookies[who]! } });

  beforeAll(async () => {
    units = await sqlAll(
      db,
      'SELECT id, code, name, name_en AS "nameEn" FROM units WHERE active = 1 ORDER BY sort_order, id',
    );
    const users = {
      coordinator: await createStaffUser(db, { role: 'coordinator' }),
      viewer: await createStaffUser(db, { role: 'viewer' }),
      handler: await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' }),
      unitLeader: await createStaffUser(db, { role: 'approver', unitCode: 'TDC' }),
      admin: await createStaffUser(db, { role: 'admin' }),
    };
    for (const [who, u] of Object.entries(users))
      cookies[who] = await signIn(app, u.email, u.password, { ip: `10.0.0.${ip++}` });
  }, 60_000);

  it('gives a coordinator the quarterly report for the Department and for each unit, matching the records', async () => {
    const whole = oracle(data, Q2);
    const res = await get(`/can-bo/bao-cao?${Q2_QUERY}`, 'coordinator');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Quý II/2025 (từ 15/03/2025 đến 14/06/2025)');
    expect(html).toContain(`<dd>${vi.format(whole.counts.received)}</dd>`);
    expect(html).toContain(`<dd>${vi.format(whole.counts.carriedForward)}</dd>`);
    expect(html).toMatch(/<svg role="img" aria-labelledby="[^"]+"/);
    expect(html).toContain('<title');
    expect(html).toContain('Số liệu của biểu đồ: Tiếp nhận theo kênh');
    expect(html).not.toContain('Kỳ báo cáo chưa kết thúc');
    // the current quarter, not over yet: the page says what its figures are (walk-through of 06/12/2026)
    const running = await (await get('/can-bo/bao-cao', 'coordinator')).text();
    expect(running).toMatch(/Kỳ báo cáo chưa kết thúc: .* tính theo ngày \d{2}\/\d{2}\/\d{4}\./);
    for (const u of units) {
      const one = await get(`/can-bo/bao-cao?${Q2_QUERY}&unit=${u.id}`, 'coordinator');
      expect(one.status).toBe(200);
      expect(await one.text()).toContain(
        `<dd>${vi.format(oracle(data, { ...Q2, unit: u.id }).counts.received)}</dd>`,
      );
    }
  });

  it('streams a workbook laid out as an official table, whose cells are the figures', async () => {
    const check = async (unit: number | undefined) => {
      const res = await get(`/can-bo/bao-cao.xlsx?${Q2_QUERY}${unit ? `&unit=${unit}` : ''}`, 'coordinator');
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toContain('spreadsheetml');
      expect(res.headers.get('Content-Disposition')).toContain('bao-cao-pakn-2025-03-15-2025-06-14');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Biểu tổng hợp')!;
      expect(String(ws.getCell('A2').value)).toBe('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH PHÚ YÊN');
      expect(String(ws.getCell('A4').value)).toContain(
        'BIỂU TỔNG HỢP TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ',
      );
      expect(String(ws.getCell('A5').value)).toBe('Kỳ báo cáo: Quý II/2025 (từ 15/03/2025 đến 14/06/2025)');
      // the scope named once; place and date as Nghị định 30 writes them (walk-through of 06/12/2026)
      const unitName = units.find((u) => u.id === unit)?.name;
      expect(String(ws.getCell('A6').value)).toBe(
        unitName ? `Phạm vi: ${unitName}` : 'Phạm vi: Toàn Sở Khoa học và Công nghệ tỉnh Phú Yên',
      );
      const texts1: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => texts1.push(String(c.value))));
      expect(texts1.join('\n')).toMatch(/Phú Yên, ngày \d{2} tháng \d{1,2} năm \d{4}/);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      // merged headers: STT over three rows, "received" over two columns, "answered" over on time / late
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      expect(merges).toContain('A8:A10');
      expect(merges).toContain('D8:E8');
      expect(merges).toContain('H9:I9');
      expect(ws.getCell('D8').value).toBe('Tiếp nhận mới trong kỳ');
      expect(ws.getCell('H9').value).toBe('Đã trả lời');
      expect(ws.getCell('H10').value).toBe('Đúng hạn');
      const { reportXlsxColumns } = {
        reportXlsxColumns: (await import('~/exports/report-xlsx-columns.server')).XLSX_COLUMNS,
      };
      const rowOf = (want: Awaited<ReturnType<typeof oracle>>) => {
        const c = want.counts as Record<string, number>;
        return reportXlsxColumns.map((k) =>
          k === 'totalToHandle'
            ? c.carriedOver! + c.received!
            : k === 'handlingMean'
              ? want.handling.mean
              : k === 'handlingMedian'
                ? want.handling.median
                : k === 'ratings'
                  ? want.ratings.satisfied + want.ratings.neutral + want.ratings.unsatisfied
                  : k === 'satisfactionRate'
                    ? (() => {
                        const n = want.ratings.satisfied + want.ratings.neutral + want.ratings.unsatisfied;
                        return n ? want.ratings.satisfied / n : null;
                      })()
                    : c[k],
        );
      };
      const cells = (row: number) =>
        reportXlsxColumns.map((_, i) => ws.getRow(row).getCell(3 + i).value as number | null);
      const expectRow = (row: number, want: Awaited<ReturnType<typeof oracle>>) => {
        const got = cells(row);
        rowOf(want).forEach((w, i) =>
          typeof w === 'number' && !Number.isInteger(w)
            ? expect(got[i]).toBeCloseTo(w, 9)
            : expect(got[i], `${row}:${reportXlsxColumns[i]}`).toBe(w ?? null),
        );
      };
      const rowsInSheet = unit ? [unit] : [...units.map((u) => u.id), 'old', null];
      const oldUnit = (await sqlGet<{ id: number }>(db, "SELECT id FROM units WHERE code = 'CU'"))!.id;
      let row = 12;
      for (const u of rowsInSheet) {
        const id = u === 'old' ? oldUnit : u;
        expectRow(row++, oracle(data, { ...Q2, unit: id as number | null }));
      }
      expect(ws.getRow(row).getCell(2).value).toBe('TỔNG CỘNG');
      expectRow(row, unit ? oracle(data, { ...Q2, unit }) : oracle(data, Q2));
      // the list of every PAKN counted: carried over + received rows
      const list = wb.getWorksheet('Danh sách')!;
      const want = unit ? oracle(data, { ...Q2, unit }) : oracle(data, Q2);
      expect(list.actualRowCount - 1).toBe(want.counts.carriedOver + want.counts.received);
      // the targets sheet
      const sheet2 = wb.getWorksheet('Phân loại')!;
      const texts: string[] = [];
      sheet2.eachRow((r) => texts.push(r.values!.toString()));
      expect(texts.join('\n')).toContain('Tỷ lệ PAKN tiếp nhận trực tuyến');
    };
    await check(undefined);
    for (const u of units) await check(u.id);
  }, 60_000);

  it('exports CSV, the PDF narrative with its Vietnamese text, and the Word version, each audited', async () => {
    const want = oracle(data, Q2).counts;
    const csv = await get(`/can-bo/bao-cao.csv?${Q2_QUERY}`, 'coordinator');
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('tu_ngay,den_ngay,nhom,ma_chi_tieu,chi_tieu,ma_don_vi,don_vi,gia_tri');
    const value = (key: string, unit: string) =>
      lines
        .find((l) => l.includes(`,chi_so,${key},`) && l.includes(`,${unit},`))!
        .split(',')
        .pop();
    expect(value('received', 'TONG')).toBe(String(want.received));
    expect(value('carriedForward', 'TONG')).toBe(String(want.carriedForward));
    for (const u of units)
      expect(value('closed', u.code)).toBe(String(oracle(data, { ...Q2, unit: u.id }).counts.closed));

    const pdf = await get(`/can-bo/bao-cao.pdf?${Q2_QUERY}`, 'coordinator');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(
      'Tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính quý II/2025',
    );
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(
      `kỳ trước chuyển sang ${vi.format(want.carriedOver)}, tiếp nhận mới trong kỳ ${vi.format(want.received)}`,
    );
    expect(text).toContain(
      `Đang xử lý chuyển kỳ sau: ${vi.format(want.carriedForward)}, trong đó trong hạn ${vi.format(want.inProgressWithinTime)}, quá hạn ${vi.format(want.inProgressOverdue)}`,
    );
    expect(text).toContain('ĐÁNH GIÁ CHUNG');
    expect(text).toContain('Cán bộ bổ sung');

    // a real Word document (OOXML), not HTML renamed .doc
    const docx = await get(`/can-bo/bao-cao.docx?${Q2_QUERY}`, 'coordinator');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers.get('Content-Disposition')).toMatch(/\.docx"$/);
    const bytes = Buffer.from(await docx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = strFromU8(zip['word/document.xml']!);
    const words = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    );
    expect(words).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(words).toContain('BÁO CÁO');
    expect(words.some((w) => w.includes(`tiếp nhận mới trong kỳ ${vi.format(want.received)}`))).toBe(true);
    expect(words).toContain('I. TÌNH HÌNH TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ');
    expect(words.some((w) => w.includes('Cán bộ bổ sung'))).toBe(true);
    expect(xml).toContain('Times New Roman');
    // the old .doc address leads to it
    const old = await get(`/can-bo/bao-cao.doc?${Q2_QUERY}`, 'coordinator');
    expect(old.status).toBe(301);
    expect(old.headers.get('Location')).toBe(`/can-bo/bao-cao.docx?${Q2_QUERY}`);

    const audits = await sqlAll<{ detail: string }>(
      db,
      "SELECT detail FROM audit_log WHERE action = 'report.export'",
    );
    const formats = new Set(audits.map((a) => (JSON.parse(a.detail) as { format: string }).format));
    expect([...formats].sort()).toEqual(['csv', 'docx', 'pdf', 'xlsx']);
  }, 60_000);

  it('answers bad input with a clear message and a 400, never a 500', async () => {
    const cases: Array<[string, string]> = [
      ['period=custom&from=2025-03-01&to=2025-02-01', 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu'],
      ['period=custom&from=2019-01-01&to=2025-01-01', 'Khoảng thời gian báo cáo tối đa là 5 năm'],
      [`${Q2_QUERY}&unit=99999`, 'Đơn vị không tồn tại'],
      [`${Q2_QUERY}&unit=abc`, 'Đơn vị không tồn tại'],
      ['period=custom&from=2025-02-30&to=2025-03-01', 'Ngày phải có dạng năm-tháng-ngày'],
      ['period=month&year=2025&month=13', 'Chọn tháng từ 1 đến 12'],
      ['period=week', 'Chọn loại kỳ báo cáo'],
    ];
    for (const [q, message] of cases) {
      const page = await get(`/can-bo/bao-cao?${q}`, 'coordinator');
      expect(page.status, q).toBe(400);
      const html = await page.text();
      expect(html).toContain(message);
      expect(html).toContain('error-summary');
      // the title says so first, without JavaScript too (walk-through of 06/12/2026)
      expect(html, q).toMatch(/<title>Lỗi: /);
      for (const ext of ['xlsx', 'csv', 'pdf', 'docx']) {
        const res = await get(`/can-bo/bao-cao.${ext}?${q}`, 'coordinator');
        expect(res.status, `${ext} ${q}`).toBe(400);
        expect(await res.text()).toContain(message);
      }
    }
    // each message beside its field too, and the form keeps what was asked (the one form pipeline)
    const month = await (await get('/can-bo/bao-cao?period=month&year=2025&month=13', 'coordinator')).text();
    expect(month).toMatch(/id="month-error"/);
    expect(month).toContain('value="2025"');
    const unit = await (await get(`/can-bo/bao-cao?${Q2_QUERY}&unit=abc`, 'coordinator')).text();
    expect(unit).toMatch(/id="unit-error"/);
    // a unit asked for without a period: the current quarter of that unit, or the unit's error; never the whole
    // agency instead (walk-through of 06/12/2026)
    const unitOnly = await get(`/can-bo/bao-cao?unit=${units[0]!.id}`, 'coordinator');
    expect(unitOnly.status).toBe(200);
    expect(await unitOnly.text()).toContain(`Phạm vi: ${units[0]!.name}`);
    const noSuchUnit = await get('/can-bo/bao-cao?unit=99999', 'coordinator');
    expect(noSuchUnit.status).toBe(400);
    expect(await noSuchUnit.text()).toContain('Đơn vị không tồn tại');
  });

  it('checks permissions: read, export, unit scope', async () => {
    expect((await app.fetch(`/can-bo/bao-cao?${Q2_QUERY}`)).status).toBe(302);
    expect((await app.fetch(`/can-bo/bao-cao.xlsx?${Q2_QUERY}`)).status).toBe(302);
    expect((await get(`/can-bo/bao-cao?${Q2_QUERY}`, 'handler')).status).toBe(403);
    expect((await get('/can-bo/tong-quan', 'handler')).status).toBe(403);
    expect((await get(`/can-bo/bao-cao?${Q2_QUERY}`, 'viewer')).status).toBe(200);
    for (const ext of ['xlsx', 'csv', 'pdf', 'docx']) {
      expect((await get(`/can-bo/bao-cao.${ext}?${Q2_QUERY}`, 'viewer')).status).toBe(403);
      expect((await get(`/can-bo/bao-cao.${ext}?${Q2_QUERY}`, 'unitLeader')).status).toBe(403);
    }
    expect((await get(`/can-bo/bao-cao.csv?${Q2_QUERY}`, 'admin')).status).toBe(200);
    // a unit leader sees their unit, whatever they ask
    const tdc = units.find((u) => u.code === 'TDC')!;
    const other = units.find((u) => u.code !== 'TDC')!;
    const own = await get(`/can-bo/bao-cao?${Q2_QUERY}`, 'unitLeader');
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain(`Phạm vi: ${tdc.name}`);
    expect(html).toContain(`<dd>${vi.format(oracle(data, { ...Q2, unit: tdc.id }).counts.received)}</dd>`);
    expect(html).not.toContain(`<th scope="row">${other.name}</th>`);
    expect((await get(`/can-bo/bao-cao?${Q2_QUERY}&unit=${other.id}`, 'unitLeader')).status).toBe(403);
    const dash = await get('/can-bo/tong-quan', 'unitLeader');
    expect(dash.status).toBe(200);
    expect(await dash.text()).not.toContain(`<th scope="row">${other.name}</th>`);
    // publishing needs pakn:publish
    const post = await postForm(app, '/can-bo/bao-cao', cookies.viewer!, {
      intent: 'publish',
      period: 'quarter',
      year: '2025',
      quarter: '2',
    });
    expect(post.status).toBe(403);
  });

  it('shows the dashboard: workload, ageing, overdue items, the trend and the targets', async () => {
    const res = await get('/can-bo/tong-quan', 'coordinator');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      'Khối lượng đang xử lý theo đơn vị',
      'Trên 20 ngày',
      'Phản ánh, kiến nghị quá hạn',
      'Diễn biến 12 kỳ tháng gần nhất',
      'Tỷ lệ PAKN tiếp nhận trực tuyến',
      // the overdue list is of late steps, not only late answers (walk-through of 06/12/2026)
      '<th scope="col">Hạn của bước</th>',
      'Quá hạn: đã qua hạn của bước đang thực hiện',
    ]) {
      expect(html).toContain(text);
    }
    const open = data.rows.filter((r) => isOpen(r.status)).length;
    expect(html).toContain(`Số liệu của biểu đồ: Khối lượng đang xử lý theo đơn vị`);
    const { lastReportMonths } = await import('~/domain/reports/periods');
    const today = '2026-11-27';
    const months = lastReportMonths('2025-12-01', 12);
    const year = periodOf('year', 2025, 1, 15);
    const dash = await reports.buildDashboard({ months, year, today, cutoffDay: 15 }, db);
    expect(dash.workload.reduce((s, w) => s + w.open, 0)).toBe(open);
    expect(dash.ageing.reduce((s, a) => s + a.counts.reduce((x, y) => x + y, 0), 0)).toBe(open);
    expect(dash.overdue.total).toBe(data.rows.filter((r) => r.stepDue !== null && r.stepDue < today).length);
    // the trend's months and the year's targets agree with the full report of the same periods
    for (const point of dash.trend) {
      const want = oracle(data, point.period).counts;
      expect(
        [point.received, point.closed, point.answered, point.answeredOnTime],
        point.period.start,
      ).toEqual([want.received, want.closed, want.answered, want.answeredOnTime]);
    }
    expect(dash.targets).toEqual((await reports.buildReport({ period: year, now: NOW }, db)).targets);
    const oneUnit = units[1]!.id;
    const scoped = await reports.buildDashboard({ unitId: oneUnit, months, year, today, cutoffDay: 15 }, db);
    expect(scoped.trend.map((p) => p.received)).toEqual(
      months.map((m) => oracle(data, { ...m, unit: oneUnit }).counts.received),
    );
    // a cut-off of the 1st: calendar months
    const calendarMonths = lastReportMonths('2025-12-31', 12, 1);
    const cal = await reports.buildDashboard(
      { months: calendarMonths, year: periodOf('year', 2025, 1, 1), today, cutoffDay: 1 },
      db,
    );
    expect(cal.trend.map((p) => p.closed)).toEqual(calendarMonths.map((m) => oracle(data, m).counts.closed));
  });

  it('computes the public statistics from published answers only', async () => {
    const { lastReportMonths } = await import('~/domain/reports/periods');
    const months = lastReportMonths('2026-01-10', 12);
    const stats = await reports.publicStatistics({ months, cutoffDay: 15 }, db);
    const published = data.rows.filter((r) => r.publication === 'published');
    const onTime = (r: OracleRow) => (r.onTime !== null ? r.onTime === 1 : r.answerDate! <= r.answerDue);
    expect(stats.total).toEqual({ published: published.length, onTime: published.filter(onTime).length });
    for (const g of stats.byField) {
      const mine = published.filter((r) => r.fieldId === g.id);
      expect([g.published, g.onTime]).toEqual([mine.length, mine.filter(onTime).length]);
    }
    expect(stats.byUnit.reduce((s, g) => s + g.published, 0)).toBe(published.length);
    for (const point of stats.trend) {
      const mine = published.filter(
        (r) => r.publishedDate! >= point.period.start && r.publishedDate! <= point.period.end,
      );
      expect([point.published, point.onTime], point.period.start).toEqual([
        mine.length,
        mine.filter(onTime).length,
      ]);
    }
  });

  it('publishes a finished period to the VI.4 register and the public statistics, once', async () => {
    const post = await postForm(app, '/can-bo/bao-cao', cookies.coordinator!, {
      intent: 'publish',
      period: 'quarter',
      year: '2025',
      quarter: '2',
    });
    expect(post.status).toBe(302);
    const row = (await sqlGet<{ id: number; number: string; is_public: number; public_content: string }>(
      db,
      "SELECT id, number, is_public, public_content FROM documents WHERE type = 'result_report'",
    ))!;
    // the confirmation travels in a one-time cookie, not in the address; the report page shows it once
    const location = post.headers.get('Location')!;
    expect(location).toMatch(/^\/can-bo\/bao-cao\?/);
    expect(new URL(location, 'http://x').searchParams.has('cong-bo')).toBe(false);
    const flash = (post.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    expect(flash).toMatch(/^pakn_flash=./);
    const landed = await app.fetch(location, { headers: { Cookie: `${cookies.coordinator!}; ${flash}` } });
    const landedHtml = await landed.text();
    expect(landedHtml).toContain(`Đã công bố báo cáo, văn bản số ${row.number}.`);
    expect(landedHtml).toContain(`href="/thong-ke/bao-cao/${row.id}"`);
    expect(landed.headers.get('Set-Cookie')).toMatch(/^pakn_flash=;.*Max-Age=0/);
    expect(await (await get(location, 'coordinator')).text()).not.toContain('Đã công bố báo cáo');
    expect(row.is_public).toBe(1);
    expect(row.number).toMatch(/^1\/BC-KHCN$/);
    expect(JSON.parse(row.public_content).figures.report.total.counts.received).toBe(
      oracle(data, Q2).counts.received,
    );
    expect(JSON.parse(row.public_content).paragraphs.join(' ')).not.toContain('Cán bộ bổ sung');
    const register = await (await app.fetch('/so-cong-khai')).text();
    expect(register).toContain(row.number);
    const pub = await app.fetch(`/thong-ke/bao-cao/${row.id}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain(vi.format(oracle(data, Q2).counts.received));
    const stats = await app.fetch('/thong-ke');
    expect(stats.status).toBe(200);
    const statsHtml = await stats.text();
    expect(statsHtml).toContain(row.number);
    const published = data.rows.filter((r) => r.publication === 'published').length;
    expect(statsHtml).toContain(`<dd>${vi.format(published)}</dd>`);
    expect(statsHtml).not.toContain('Người dân thử nghiệm');
    // once per period and scope; never a running period
    const again = await postForm(app, '/can-bo/bao-cao', cookies.coordinator!, {
      intent: 'publish',
      period: 'quarter',
      year: '2025',
      quarter: '2',
    });
    expect(again.status).toBe(409);
    // the page of a published period says so, with a link, instead of offering to publish it again
    // (walk-through of 06/12/2026)
    const page = await (await get(`/can-bo/bao-cao?${Q2_QUERY}`, 'coordinator')).text();
    expect(page).toContain(`Báo cáo của kỳ và phạm vi này đã được công bố, văn bản số ${row.number}`);
    expect(page).toContain(`href="/thong-ke/bao-cao/${row.id}"`);
    expect(page).not.toContain('Công bố báo cáo kỳ này');
    // another scope of the same period may still be published
    expect(
      await (await get(`/can-bo/bao-cao?${Q2_QUERY}&unit=${units[0]!.id}`, 'coordinator')).text(),
    ).toContain('Công bố báo cáo kỳ này');
    // a unit's report: its name in the reader's language, and no satisfaction figure of one unit in public
    // (docs/reports.md; walk-through of 06/12/2026)
    const unitPost = await postForm(app, '/can-bo/bao-cao', cookies.coordinator!, {
      intent: 'publish',
      period: 'quarter',
      year: '2025',
      quarter: '2',
      unit: String(units[0]!.id),
    });
    expect(unitPost.status).toBe(302);
    const unitDoc = (await sqlGet<{ id: number; public_content: string }>(
      db,
      "SELECT id, public_content FROM documents WHERE type = 'result_report' ORDER BY id DESC LIMIT 1",
    ))!;
    const unitParagraphs = (JSON.parse(unitDoc.public_content) as { paragraphs: string[] }).paragraphs;
    expect(unitParagraphs.find((x) => x.startsWith('6. Mức độ hài lòng'))).toBe(
      '6. Mức độ hài lòng của người gửi: không công bố theo từng đơn vị.',
    );
    const unitEn = await (
      await app.fetch(`/thong-ke/bao-cao/${unitDoc.id}`, { headers: { Cookie: 'lng=en' } })
    ).text();
    expect(unitEn).toContain(`Scope: ${units[0]!.nameEn}`);
    expect(unitEn).not.toContain(units[0]!.name);
    expect(unitEn).toContain('Not published');
    // the register says which scope each report covers (walk-through of 06/12/2026)
    const registerPage = await (await app.fetch('/so-cong-khai')).text();
    expect(registerPage).toContain(`Kỳ báo cáo 15/03/2025 – 14/06/2025, ${units[0]!.name}`);
    expect(registerPage).toContain('Kỳ báo cáo 15/03/2025 – 14/06/2025, toàn cơ quan');
    // a year without documents lists none, and says so, rather than every year's
    const empty = await (await app.fetch('/so-cong-khai?year=2019')).text();
    expect(empty).toContain('Không có văn bản nào trong năm 2019.');
    expect(empty).not.toContain(row.number);
    const statsEn = await (await app.fetch('/thong-ke', { headers: { Cookie: 'lng=en' } })).text();
    expect(statsEn).toContain(units[0]!.nameEn);
    expect(statsEn).not.toContain(units[0]!.name);
    const running = await postForm(app, '/can-bo/bao-cao', cookies.coordinator!, {
      intent: 'publish',
      period: 'year',
      year: '2099',
    });
    expect(running.status).toBe(409);
    expect((await app.fetch('/thong-ke/bao-cao/999999')).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The oracle: each indicator the plain way, row by row, straight from the definitions in docs/reports.md.

type OracleRow = {
  id: number;
  unitId: number | null;
  status: Status;
  channel: string;
  type: string;
  category: number;
  fieldId: number | null;
  receivedDate: string;
  answerDue: string;
  /** the due date of the step the row is in (app/domain/clocks.ts), null when no clock runs */
  stepDue: string | null;
  onTime: number | null;
  publication: string;
  refusalReason: string | null;
  publishedDate: string | null;
  /** local dates, precomputed once */
  closeDate: string | null;
  answerDate: string | null;
  /** working days from receipt to answer, for answered rows */
  handlingDays: number | null;
  hasAttachment: boolean;
};

type OracleData = {
  rows: OracleRow[];
  ratings: Array<{ unitId: number | null; rating: string; date: string }>;
};

async function loadOracleData(db: Db, calendar: WorkingCalendar): Promise<OracleData> {
  const raw = await sqlAll<Record<string, number | string | null>>(
    db,
    `SELECT id, unit_id, status, channel, type, category, field_id, received_at, received_date, answer_due, on_time,
      classify_due, info_due, publish_due, publication, refusal_reason, closed_at, answered_at, updated_at, published_at FROM pakn`,
  );
  const withFiles = new Set(
    (
      await sqlAll<{ id: number }>(
        db,
        'SELECT DISTINCT pakn_id AS id FROM attachments WHERE pakn_id IS NOT NULL',
      )
    ).map((r) => r.id),
  );
  const rows = raw.map((r): OracleRow => {
    const status = r.status as Status;
    let closeInstant: number | null = null;
    if (!isOpen(status)) {
      const stamp = (r.closed_at ?? r.answered_at ?? r.updated_at ?? r.received_at) as number;
      closeInstant = Math.max(stamp, r.received_at as number);
    }
    const answeredInstant = status === 'answered' ? ((r.answered_at as number | null) ?? closeInstant) : null;
    const answerDate = answeredInstant === null ? null : toLocalDate(answeredInstant);
    return {
      id: r.id as number,
      unitId: r.unit_id as number | null,
      status,
      channel: r.channel as string,
      type: r.type as string,
      category: r.category as number,
      fieldId: r.field_id as number | null,
      receivedDate: r.received_date as string,
      answerDue: r.answer_due as string,
      stepDue: {
        classify: r.classify_due as string,
        answer: r.answer_due as string,
        infoWait: r.info_due as string | null,
        publish: r.publish_due as string | null,
        transfer: null,
        none: null,
      }[runningClock({ status, publication: r.publication as string }) ?? 'none'],
      onTime: r.on_time as number | null,
      publication: r.publication as string,
      refusalReason: r.refusal_reason as string | null,
      publishedDate: r.published_at === null ? null : toLocalDate(r.published_at as number),
      closeDate: closeInstant === null ? null : toLocalDate(closeInstant),
      answerDate,
      handlingDays:
        answerDate === null
          ? null
          : Math.max(0, workingDaysBetween(r.received_date as string, answerDate, calendar)),
      hasAttachment: withFiles.has(r.id as number),
    };
  });
  const ratings = (
    await sqlAll<{ unitId: number | null; rating: string; at: number }>(
      db,
      'SELECT p.unit_id AS "unitId", r.rating, r.created_at AS at FROM feedback_ratings r JOIN pakn p ON p.id = r.pakn_id',
    )
  ).map((r) => ({ unitId: r.unitId, rating: r.rating, date: toLocalDate(r.at) }));
  return { rows, ratings };
}

const inc = (rec: Record<string, number>, k: string) => {
  rec[k] = (rec[k] ?? 0) + 1;
};

/**
 * Every indicator for the rows of one unit (`unit` undefined = all units; null = the unassigned). What is still in
 * progress is judged late or not on `judgedOn`: the period's end, or the day the report is made if that is earlier.
 */
function oracle(
  data: OracleData,
  {
    start,
    end,
    unit,
    judgedOn = end < toLocalDate(NOW) ? end : toLocalDate(NOW),
  }: { start: string; end: string; unit?: number | null; judgedOn?: string },
) {
  const rows = unit === undefined ? data.rows : data.rows.filter((r) => r.unitId === unit);
  const inPeriod = (d: string | null) => d !== null && d >= start && d <= end;
  const f = {
    carriedOver: 0,
    received: 0,
    closed: 0,
    carriedForward: 0,
    answered: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    refused: 0,
    transferred: 0,
    forwarded: 0,
    duplicate: 0,
    closedNoInfo: 0,
    inProgressWithinTime: 0,
    inProgressOverdue: 0,
    published: 0,
    receivedOnline: 0,
    digitised: 0,
    refusedRepeat: 0,
    // this data set has no group answered together (tests/integration/report-similar.test.ts counts them)
    groupsAnswered: 0,
    answeredInGroup: 0,
  };
  const byChannel: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  const byField: Record<string, number> = {};
  const refusedByReason: Record<string, number> = {};
  const handling: number[] = [];
  for (const r of rows) {
    const open = isOpen(r.status);
    if (r.receivedDate < start && (open || r.closeDate! >= start)) f.carriedOver++;
    if (inPeriod(r.receivedDate)) {
      f.received++;
      inc(byChannel, r.channel);
      inc(byType, r.type);
      inc(byCategory, String(r.category));
      inc(byField, r.fieldId === null ? 'none' : String(r.fieldId));
      if (r.channel === 'online') f.receivedOnline++;
      if (r.channel === 'online' || r.hasAttachment) f.digitised++;
    }
    if (r.receivedDate <= end && (open || r.closeDate! > end)) {
      f.carriedForward++;
      if ((open ? (r.stepDue ?? r.answerDue) : r.answerDue) < judgedOn) f.inProgressOverdue++;
      else f.inProgressWithinTime++;
    }
    if (!open && inPeriod(r.closeDate)) {
      f.closed++;
      switch (r.status) {
        case 'answered': {
          f.answered++;
          const onTime = r.onTime !== null ? r.onTime === 1 : r.answerDate! <= r.answerDue;
          if (onTime) f.answeredOnTime++;
          else f.answeredLate++;
          if (r.publication === 'published') f.published++;
          handling.push(r.handlingDays!);
          break;
        }
        case 'refused':
          f.refused++;
          inc(refusedByReason, r.refusalReason ?? 'none');
          if (r.refusalReason === 'R08') f.refusedRepeat++;
          break;
        case 'transferred':
          f.transferred++;
          break;
        case 'forwarded':
          f.forwarded++;
          break;
        case 'duplicate':
          f.duplicate++;
          break;
        case 'closed_no_info':
          f.closedNoInfo++;
          break;
      }
    }
  }
  handling.sort((a, b) => a - b);
  const n = handling.length;
  const mean = n ? handling.reduce((s, x) => s + x, 0) / n : null;
  const median = n ? (n % 2 ? handling[(n - 1) / 2]! : (handling[n / 2 - 1]! + handling[n / 2]!) / 2) : null;
  const ratings = { satisfied: 0, neutral: 0, unsatisfied: 0 };
  for (const r of data.ratings) {
    if ((unit === undefined || r.unitId === unit) && inPeriod(r.date))
      ratings[r.rating as keyof typeof ratings]++;
  }
  return {
    counts: f,
    byChannel,
    byType,
    byCategory,
    byField,
    refusedByReason,
    handling: { count: n, mean, median },
    ratings,
  };
}
