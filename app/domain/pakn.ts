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

/** A proposed fix (7) or an initiative for a new rule (8) is by definition a kiến nghị (spec §2). */
export const PETITION_ONLY_CATEGORIES: readonly Category[] = [7, 8];

/** The categories a citizen may choose once the type and the subject are known. */
export function categoriesForChoice(type: PaknType, subject: Subject): readonly Category[] {
  const bySubject = categoriesFor(subject);
  return type === 'kien_nghi' ? bySubject : bySubject.filter((c) => !PETITION_ONLY_CATEGORIES.includes(c));
}

export const SUBMITTER_KINDS = ['individual', 'organisation'] as const;
export type SubmitterKind = (typeof SUBMITTER_KINDS)[number];

export const CHANNELS = ['online', 'post', 'in_person', 'phone', 'email', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a coordinator records by hand (spec §3: paper, phone, e-mail are keyed into the system). */
export const STAFF_CHANNELS = [
  'post',
  'in_person',
  'phone',
  'email',
  'hotline',
] as const satisfies readonly Exclude<Channel, 'online'>[];

export const RATINGS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const REFUSAL_REASONS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The outcome of an answer (spec §5). */
export const OUTCOMES = ['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** `KHCN-2026-000042`: agency prefix, year of receipt, sequence within the year. */
export function formatPaknCode(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export const PAKN_CODE_PATTERN = /^[A-Z0-9]{1,12}-\d{4}-\d{6,}$/;

/**
 * What a person typed into a code field: any case, spaces, dots or dashes between the parts, or no
 * separator at all (`khcn 2026 000042`, `KHCN2026000042` → `KHCN-2026-000042`). Anything else comes
 * back upper-cased without spaces, and simply matches no PAKN.
 */
export function normaliseCode(input: string): string {
  // control characters are never part of a code (and PostgreSQL refuses NUL in text)
  const upper = input
    .replace(/\p{Cc}/gu, '')
    .normalize('NFC')
    .trim()
    .toUpperCase();
  const parts = upper.split(/[\s\-–—_./]+/).filter(Boolean);
  if (parts.length === 3 && /^\d{4}$/.test(parts[1]!) && /^\d{6,}$/.test(parts[2]!)) return parts.join('-');
  const joined = /^([A-Z0-9]*[A-Z])(\d{4})(\d{6,})$/.exec(parts.join(''));
  if (joined) return `${joined[1]}-${joined[2]}-${joined[3]}`;
  return upper.replace(/\s+/g, '');
}
