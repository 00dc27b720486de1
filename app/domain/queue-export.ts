// The queue's export (issue 13, item 31): what a file holds, between the model that reads the rows and the
// renderers that write CSV or XLSX. Pure: no I/O.
import type { ClockKey } from '~/domain/clocks';

/** the most rows one file holds (the file says so when it is cut) */
export const QUEUE_EXPORT_MAX_ROWS = 10_000;

export type QueueExportRow = {
  code: string;
  title: string;
  status: string;
  unitId: number | null;
  handlerName: string | null;
  receivedDate: string;
  answerDue: string;
  clock: ClockKey | null;
  stepDue: string | null;
  workingDays: number | null;
};
/** the submitter's contact details, only for roles that may read them (pakn:contact:read) */
export type QueueExportContact = { fullName: string; phone: string; email: string | null; address: string };

export type QueueExportData = {
  rows: Array<{ row: QueueExportRow; contact: QueueExportContact | undefined }>;
  truncated: boolean;
  withContact: boolean;
  /** unit id → name in the export's language */
  unitNames: Map<number, string>;
  /** without extension */
  fileName: string;
};
