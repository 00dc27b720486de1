/**
 * What the periodic report is made of (spec §9, plan V.2, VIII; docs/reports.md is the reference): its indicators,
 * the II.1 targets, the breakdown families, the ageing buckets of the dashboard and the shape of a published
 * snapshot. Pure: no I/O. The SQL that computes the figures is in app/models/reports/, their rendering to files in
 * app/exports/report-*.
 */
import type { LocalDate } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import type { ReportPeriod } from '~/domain/reports/periods';

/** Every counted indicator, in the order of the tables and the CSV. */
export const COUNT_KEYS = [
  'carriedOver',
  'received',
  'closed',
  'carriedForward',
  'answered',
  'answeredOnTime',
  'answeredLate',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closedNoInfo',
  'inProgressWithinTime',
  'inProgressOverdue',
  'published',
  'receivedOnline',
  'digitised',
  'refusedRepeat',
  'groupsAnswered',
  'answeredInGroup',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number>;

/** The four figures of the balance: carried over + received = closed + carried forward. */
export const SUMMARY_KEYS = ['carriedOver', 'received', 'closed', 'carriedForward'] as const;
/** The columns of the staff page's balance table. */
export const BALANCE_KEYS = [
  'carriedOver',
  'received',
  'closed',
  'carriedForward',
  'inProgressWithinTime',
  'inProgressOverdue',
  'published',
] as const satisfies readonly CountKey[];
/** How the items closed in the period were closed: the parts add up to `closed`. */
export const OUTCOME_KEYS = [
  'answeredOnTime',
  'answeredLate',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closedNoInfo',
] as const satisfies readonly CountKey[];
/**
 * Similar PAKN (issue #15): repeats refused under R08 (part of `refused`), groups answered together (counted by
 * their lead) and the PAKN answered through a group (lead included; part of `answered`), all closed in the period.
 */
export const SIMILAR_KEYS = [
  'refusedRepeat',
  'groupsAnswered',
  'answeredInGroup',
] as const satisfies readonly CountKey[];
/** The columns of a published report's public table. */
export const PUBLIC_BALANCE_KEYS = [
  'carriedOver',
  'received',
  'closed',
  'answeredOnTime',
  'answeredLate',
  'refused',
  'transferred',
  'carriedForward',
  'inProgressOverdue',
  'published',
] as const satisfies readonly CountKey[];

export type HandlingTime = { count: number; totalDays: number; mean: number | null; median: number | null };
export const RATING_KEYS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type RatingKey = (typeof RATING_KEYS)[number];
export type Ratings = Record<RatingKey, number> & { total: number; rate: number | null };

export type Breakdowns = {
  byChannel: Record<string, number>;
  byType: Record<string, number>;
  byCategory: Record<string, number>;
  /** field id, or 'none' for unclassified */
  byField: Record<string, number>;
  /** refused by reason code; 'none' when the reason is missing */
  refusedByReason: Record<string, number>;
};
export type UnitFigures = {
  unitId: number | null;
  code: string;
  name: string;
  nameEn: string;
  counts: Counts;
  handling: HandlingTime;
  ratings: Ratings;
  breakdowns: Breakdowns;
};
export type TotalFigures = Omit<UnitFigures, 'unitId' | 'code' | 'name' | 'nameEn'>;

export type TargetKey = 'online' | 'digitised' | 'published';
export type Target = {
  key: TargetKey;
  target: number;
  numerator: number;
  denominator: number;
  actual: number | null;
  met: boolean | null;
};
/** Plan II.1: online ≥ 90 % of received, digitised 100 % of received, published 100 % of answered. */
export const TARGETS: Record<TargetKey, number> = { online: 0.9, digitised: 1, published: 1 };

export type ReportField = { id: number; code: string; name: string; nameEn: string };
export type Report = {
  period: ReportPeriod;
  /** the unit the report is restricted to, null for the whole agency */
  unitId: number | null;
  generatedAt: string;
  total: TotalFigures;
  units: UnitFigures[];
  fields: ReportField[];
  targets: Target[];
};

/** The row of the items not assigned to any unit. */
export const UNASSIGNED_CODE = 'CHUA_GIAO';
export const UNASSIGNED_NAME = { name: 'Chưa giao đơn vị', nameEn: 'Not assigned' } as const;

/** One PAKN of the workbook's detail list (no personal data). */
export type DetailRow = {
  id: number;
  code: string;
  receivedDate: string;
  channel: string;
  type: string;
  category: number;
  fieldId: number | null;
  unitId: number | null;
  status: string;
  answerDue: string;
  /** local dates 'YYYY-MM-DD' (computed in SQL: the time-zone library is too slow per row for a million rows) */
  closedDate: string | null;
  answeredDate: string | null;
  onTime: number | null;
  publication: string;
};

/** The dashboard's ageing of open work, in working days since receipt. */
export const AGEING_BUCKETS = [
  { key: '0-5', min: 0, max: 5 },
  { key: '6-10', min: 6, max: 10 },
  { key: '11-20', min: 11, max: 20 },
  { key: '>20', min: 21, max: Infinity },
] as const;

export type TrendPoint = {
  period: ReportPeriod;
  received: number;
  closed: number;
  answered: number;
  answeredOnTime: number;
};

/** The agency details a report document shows (a subset of the agency settings). */
export type ReportAgency = {
  name: string;
  parentName: string;
  province: string;
  signerTitle: string;
  signerName: string;
};
/** Everything the report's files are made from: the figures, who reports, and the date of the document. */
export type ReportContext = {
  report: Report;
  agency: ReportAgency;
  unitName: string | null;
  today: LocalDate;
};

// ---------- publication to the VI.4 register ----------

/** documents.type of a published result report */
export const REPORT_DOCUMENT_TYPE = 'result_report';
export const REPORT_FORMAT = 'pakn-report/1';
/** Ratings are private: a rate resting on fewer people than this is not published. */
export const PUBLIC_MIN_RATINGS = 3;

/**
 * Why a published report leaves satisfaction out, or null when it may show it: never for one unit (a unit's raters
 * are few and known to it), and not under PUBLIC_MIN_RATINGS ratings (docs/reports.md, public statistics).
 */
export function satisfactionWithheld(report: Report): 'perUnit' | 'tooFew' | null {
  if (report.unitId !== null) return 'perUnit';
  return report.total.ratings.total < PUBLIC_MIN_RATINGS ? 'tooFew' : null;
}

/** The unit a published report covers, named in the reader's language; null for the whole agency. */
export function snapshotUnitName(snapshot: ReportSnapshot, locale: string): string | null {
  const { report } = snapshot;
  if (report.unitId === null) return null;
  const row = report.units.find((u) => u.unitId === report.unitId);
  return row ? localName(row, locale) : snapshot.unitName;
}

/** The figures as they were when the report was published. */
export type ReportSnapshot = {
  format: typeof REPORT_FORMAT;
  agencyName: string;
  unitName: string | null;
  report: Report;
};

/** The download formats of the staff report page. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The parameters of the report form (GET), also carried by the publish form. */
export const REPORT_FORM_KEYS = ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit'] as const;
export type ReportFormKey = (typeof REPORT_FORM_KEYS)[number];
export type ReportFormValues = Record<ReportFormKey, string>;
