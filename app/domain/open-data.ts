// The open-data export's columns, shared by the export and its documentation page.
/** The documented columns of the export, in order (also rendered on /du-lieu-mo). */
export const OPEN_DATA_COLUMNS = [
  'code',
  'url',
  'title',
  'summary',
  'answer',
  'type',
  'category',
  'field',
  'unit',
  'received_date',
  'answer_due',
  'answered_date',
  'published_date',
  'on_time',
] as const;
