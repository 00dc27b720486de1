// The vocabulary of a PAKN (spec §2–§4). Labels live in app/locales under the same keys.
export const PAKN_TYPES = ['phan_anh', 'kien_nghi'] as const;
export type PaknType = (typeof PAKN_TYPES)[number];

/** Category 1 is about behaviour (hành vi hành chính); 2–8 about regulations (quy định hành chính). */
export const SUBJECTS = ['regulation', 'behaviour'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const CATEGORIES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type Category = (typeof CATEGORIES)[number];
export const BEHAVIOUR_CATEGORIES: readonly Category[] = [1];
export const REGULATION_CATEGORIES: readonly Category[] = [2, 3, 4, 5, 6, 7, 8];

export function categoriesFor(subject: Subject): readonly Category[] {
  return subject === 'behaviour' ? BEHAVIOUR_CATEGORIES : REGULATION_CATEGORIES;
}

export const SUBMITTER_KINDS = ['individual', 'organisation'] as const;
export type SubmitterKind = (typeof SUBMITTER_KINDS)[number];

export const CHANNELS = ['online', 'post', 'in_person', 'phone', 'email', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a coordinator records by hand (spec §3: paper, phone, e-mail are keyed into the system). */
export const STAFF_CHANNELS = CHANNELS.filter((c): c is Exclude<Channel, 'online'> => c !== 'online');

export const RATINGS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const REFUSAL_REASONS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** `KHCN-2026-000042`: agency prefix, year of receipt, sequence within the year. */
export function formatPaknCode(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export const PAKN_CODE_PATTERN = /^[A-Z0-9]{1,12}-\d{4}-\d{6,}$/;

export function normaliseCode(input: string): string {
  return input.normalize('NFC').trim().toUpperCase().replace(/\s+/g, '');
}
