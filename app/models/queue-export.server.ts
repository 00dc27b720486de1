// The queue's filtered list as CSV or XLSX (issue 13, item 31). Who may export: whoever may read the queue
// (queue:read) exports exactly the rows the queue shows them, in their scope — the export adds no reach.
// The submitter's name and contact details are added only for roles that may read contacts
// (pakn:contact:read, spec §8). The list is walked by the queue's own keyset pages, capped at
// EXPORT_MAX_ROWS rows (the file says so when it is cut), and every export is in the audit log.
import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import * as s from '~db/schema';
import { formatDateVi, toLocalDate, type LocalDate } from '~/domain/calendar';
import { can, type Actor } from '~/domain/permissions';
import { audit } from './audit.server';
import { listUnits } from './config.server';
import { listQueue, parseQueueParams, type QueueRow } from './queue.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getT } from '~/utils/i18n.server';
import { localName } from '~/domain/local-name';

export const EXPORT_MAX_ROWS = 10_000;
const CHUNK = 1_000;

type Contact = { fullName: string; phone: string; email: string | null; address: string };
type Column = {
  key: string;
  label: string;
  value: (r: QueueRow, c: Contact | undefined) => string | number | null;
};

export type QueueExport = {
  columns: Column[];
  rows: Array<{ row: QueueRow; contact: Contact | undefined }>;
  truncated: boolean;
  fileName: string;
};

export function buildQueueExport(
  {
    actor,
    params,
    lang,
    today = toLocalDate(new Date()),
    ip,
  }: { actor: Actor; params: URLSearchParams; lang: 'vi' | 'en'; today?: LocalDate; ip?: string },
  db: Db = getDb(),
): QueueExport {
  const t = getT(lang);
  const withContact = can(actor, 'pakn:contact:read');
  const base = parseQueueParams(params, actor);
  const filters = { ...base, after: undefined, before: undefined };
  const rows: QueueRow[] = [];
  let after: string | undefined;
  let more = false;
  for (;;) {
    const page = listQueue({ actor, filters: { ...filters, after }, today, pageSize: CHUNK }, db);
    rows.push(...page.rows);
    more = page.next !== null;
    if (!page.next || rows.length >= EXPORT_MAX_ROWS) break;
    after = page.next;
  }
  const truncated = more || rows.length > EXPORT_MAX_ROWS;
  const kept = rows.slice(0, EXPORT_MAX_ROWS);
  const contacts = new Map<number, Contact>();
  if (withContact) {
    for (let i = 0; i < kept.length; i += CHUNK) {
      const ids = kept.slice(i, i + CHUNK).map((r) => r.id);
      for (const c of db
        .select({
          id: s.pakn.id,
          fullName: s.pakn.fullName,
          phone: s.pakn.phone,
          email: s.pakn.email,
          address: s.pakn.address,
        })
        .from(s.pakn)
        .where(inArray(s.pakn.id, ids))
        .all())
        contacts.set(c.id, c);
    }
  }
  const units = new Map(listUnits({ activeOnly: false, db }).map((u) => [u.id, localName(u, lang)]));
  const date = (d: string | null) => (d ? formatDateVi(d) : null);
  const columns: Column[] = [
    { key: 'ma_so', label: t('staff.queue.columns.code'), value: (r) => r.code },
    { key: 'tieu_de', label: t('staff.queue.columns.title'), value: (r) => r.title },
    {
      key: 'trang_thai',
      label: t('staff.queue.columns.status'),
      value: (r) => t(`staff.status.${r.status}`),
    },
    {
      key: 'don_vi',
      label: t('staff.queue.columns.unit'),
      value: (r) => (r.unitId ? (units.get(r.unitId) ?? null) : null),
    },
    { key: 'nguoi_xu_ly', label: t('staff.queue.columns.handler'), value: (r) => r.handlerName },
    { key: 'ngay_tiep_nhan', label: t('staff.queue.columns.received'), value: (r) => date(r.receivedDate) },
    { key: 'han_tra_loi', label: t('staff.queue.export.answerDue'), value: (r) => date(r.answerDue) },
    {
      key: 'buoc',
      label: t('staff.queue.export.step'),
      value: (r) => (r.clock ? t(`clocks.${r.clock}`) : null),
    },
    {
      key: 'han_buoc',
      label: t('staff.queue.export.stepDue'),
      value: (r) => (r.clock ? date(r.stepDue) : null),
    },
    { key: 'ngay_lam_viec_con_lai', label: t('staff.queue.export.workingDays'), value: (r) => r.workingDays },
  ];
  if (withContact) {
    columns.push(
      { key: 'nguoi_gui', label: t('staff.queue.export.fullName'), value: (_r, c) => c?.fullName ?? null },
      { key: 'so_dien_thoai', label: t('staff.queue.export.phone'), value: (_r, c) => c?.phone ?? null },
      { key: 'email', label: t('staff.queue.export.email'), value: (_r, c) => c?.email ?? null },
      { key: 'dia_chi', label: t('staff.queue.export.address'), value: (_r, c) => c?.address ?? null },
    );
  }
  audit(
    {
      actorUserId: actor.id,
      action: 'queue.export',
      targetType: 'queue',
      ip,
      detail: { query: params.toString().slice(0, 500), rows: kept.length, contact: withContact },
    },
    db,
  );
  return {
    columns,
    rows: kept.map((row) => ({ row, contact: contacts.get(row.id) })),
    truncated,
    fileName: `danh-sach-pakn-${today}`,
  };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let text = String(v);
  // a cell starting like a formula is neutralised for spreadsheet programs
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with BOM (Excel reads the diacritics), CRLF; machine-readable keys in the header. */
export function queueCsv(e: QueueExport, lang: 'vi' | 'en'): string {
  const lines = [e.columns.map((c) => c.key).join(',')];
  for (const { row, contact } of e.rows)
    lines.push(e.columns.map((c) => csvCell(c.value(row, contact))).join(','));
  if (e.truncated)
    lines.push(csvCell(getT(lang)('staff.queue.export.truncated', { count: EXPORT_MAX_ROWS })));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function queueXlsx(e: QueueExport, lang: 'vi' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(getT(lang)('staff.queue.title').slice(0, 31));
  sheet.columns = e.columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.key === 'tieu_de' ? 50 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const { row, contact } of e.rows) sheet.addRow(e.columns.map((c) => c.value(row, contact)));
  if (e.truncated) sheet.addRow([getT(lang)('staff.queue.export.truncated', { count: EXPORT_MAX_ROWS })]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function exportHeaders(fileName: string, ext: string, type: string): HeadersInit {
  return {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${fileName}.${ext}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
