// The document types, their number series and numbers (Nghị định 30/2020/NĐ-CP), and the inputs of the templates.
import type { LocalDate } from '~/domain/dates';
import type { RefusalReason } from '~/domain/pakn';

export const DOCUMENT_TYPES = ['refusal', 'info_request', 'late_apology', 'transfer', 'reply_cover'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(x: unknown): x is DocumentType {
  return (DOCUMENT_TYPES as readonly unknown[]).includes(x);
}

/** Listed, redacted, on the public register (VI.3 refusals and late-handling explanations; VI.4 transfer letters). */
export const PUBLIC_DOCUMENT_TYPES: ReadonlySet<DocumentType> = new Set([
  'refusal',
  'late_apology',
  'transfer',
]);

export type NumberSeries = 'TB' | 'CV';
/** TB: thông báo; CV: công văn. Numbers are allocated per series and year. */
export const NUMBER_SERIES: Record<DocumentType, NumberSeries> = {
  refusal: 'TB',
  info_request: 'TB',
  late_apology: 'TB',
  transfer: 'CV',
  reply_cover: 'CV',
};

export function typesInSeries(series: NumberSeries): DocumentType[] {
  return DOCUMENT_TYPES.filter((t) => NUMBER_SERIES[t] === series);
}

/** 'KHCN' → 'KHCN'; anything but letters and digits is dropped ('Sở KH-CN' → 'SKHCN'), upper case. */
export function agencyAbbreviation(codePrefix: string): string {
  const a = codePrefix
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return a || 'CQ';
}

/** Who issues a document: the agency's abbreviation and the drafting unit's (a công văn carries both). */
export type NumberParts = { agency: string; unit: string };

/**
 * Nghị định 30/2020/NĐ-CP (Phụ lục I, mục II.3): the number has at least two digits ('01'); a notice is
 * `<nn>/TB-<agency>` ('01/TB-SKHCN'); a công văn carries no type: `<nn>/<agency>-<drafting unit>` ('01/SKHCN-TTHC').
 */
export function formatDocumentNumber(seq: number, type: DocumentType, parts: NumberParts): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Invalid document sequence: ${seq}`);
  const n = String(seq).padStart(2, '0');
  const agency = agencyAbbreviation(parts.agency);
  if (NUMBER_SERIES[type] === 'TB') return `${n}/TB-${agency}`;
  const unit = parts.unit.trim() ? agencyAbbreviation(parts.unit) : '';
  return unit ? `${n}/${agency}-${unit}` : `${n}/${agency}`;
}

export type AgencyInfo = {
  /** e.g. 'Sở Khoa học và Công nghệ tỉnh Phú Yên' */
  name: string;
  /** e.g. 'Ủy ban nhân dân tỉnh Phú Yên' */
  parentName: string;
  /** the place in the date line, e.g. 'Phú Yên' */
  province: string;
  signerTitle: string;
  signerName: string;
  address: string;
  hotline: string;
  email: string;
};

export type SubmitterInfo = {
  kind: 'individual' | 'organisation';
  fullName: string;
  orgName?: string | null;
  representative?: string | null;
  address: string;
  phone?: string | null;
  email?: string | null;
};

export type PaknInfo = {
  code: string;
  title: string;
  /** the day of receipt, YYYY-MM-DD */
  receivedDate: LocalDate;
};

export type Common = {
  number: string;
  /** YYYY-MM-DD */
  issuedDate: LocalDate;
  agency: AgencyInfo;
  pakn: PaknInfo;
  submitter: SubmitterInfo;
  /** the submitter's look-up page, e.g. 'https://pakn.example.gov.vn/theo-doi' */
  followUrl: string;
};

export const OUTCOMES = ['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'] as const;
export type AnswerOutcome = (typeof OUTCOMES)[number];

export type TemplateInputs = {
  refusal: {
    reason: RefusalReason | null;
    note?: string | null;
    /** R08 as a repeat (issue #15): the earlier PAKN and the public page of its answer */
    repeatOf?: { code: string; url: string } | null;
  };
  info_request: {
    question: string;
    /** how long the agency waits, and until when (YYYY-MM-DD) */
    waitDays: number;
    waitUnit: 'working' | 'calendar';
    waitUntil: LocalDate;
  };
  late_apology: { reason: string; previousDue: LocalDate; newDue: LocalDate };
  transfer: {
    target: { name: string; address?: string | null; email?: string | null };
    note?: string | null;
  };
  reply_cover: { answerBody: string; outcome: AnswerOutcome | null; publicUrl?: string | null };
};

export type DocumentInput = { [K in DocumentType]: { type: K } & TemplateInputs[K] }[DocumentType];
