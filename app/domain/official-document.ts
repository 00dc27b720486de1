// The shape of an official document (thông báo, công văn) as every renderer draws it — the A4 PDF, the printable
// HTML page and the Word file — with the fixed lines of its header (Nghị định 30/2020/NĐ-CP). Pure.

export type OfficialDocument = {
  agencyParent: string;
  agencyName: string;
  /** e.g. '12/TB-SKHCN' */
  number: string;
  place: string;
  /** dd/mm/yyyy */
  date: string;
  /** e.g. 'THÔNG BÁO'; empty for a công văn, whose subtitle then follows the number as 'V/v …' */
  title: string;
  /** e.g. 'Về việc từ chối tiếp nhận phản ánh, kiến nghị' */
  subtitle?: string;
  addressee?: string;
  paragraphs: string[];
  /** Nơi nhận */
  recipients?: string[];
  /** indexes of `paragraphs` written in the safe Markdown subset (the approved answer), drawn with its emphasis */
  markdown?: number[];
  signerTitle: string;
  signerName: string;
};

export const MOTTO_NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** 'Hà Nội', '05/03/2026' → 'Hà Nội, ngày 05 tháng 3 năm 2026' (NĐ 30: a 0 before days < 10 and months 1, 2). */
export function formatPlaceDate(place: string, date: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  if (!m) return `${place}, ${date}`;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = mo <= 2 ? `0${mo}` : String(mo);
  return `${place}, ngày ${dd} tháng ${mm} năm ${m[3]}`;
}

/** '01/TB-SKHCN' → '01-TB-SKHCN.pdf', '01/SKHCN-TTHC' → '01-SKHCN-TTHC.pdf' (ASCII: the abbreviations are ASCII). */
export function pdfFileName(number: string, suffix = ''): string {
  const base = number.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'van-ban';
  return `${base}${suffix}.pdf`;
}
