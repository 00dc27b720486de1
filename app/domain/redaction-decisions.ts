// "Hide all of this kind" on the publish page (issue 13.27): one button decides every flag of a kind, as a plain
// form post. Flags already kept with a reason stay as they are: the button must not throw away a reason typed
// on purpose; everything else of that kind (undecided, or kept without a reason yet) becomes "redact".
import type { PiiKind } from './redaction';

export const PII_KINDS: readonly PiiKind[] = ['phone', 'email', 'national_id', 'tax_code', 'name', 'address'];

export const HIDE_ALL_PREFIX = 'hideAll:';

/** 'hideAll:phone' → 'phone'; null when the intent is not a bulk action; 'unknown' for an unknown kind. */
export function parseHideAllIntent(intent: string): PiiKind | 'unknown' | null {
  if (!intent.startsWith(HIDE_ALL_PREFIX)) return null;
  const kind = intent.slice(HIDE_ALL_PREFIX.length);
  return PII_KINDS.find((k) => k === kind) ?? 'unknown';
}

/** The form values with every flag of `kind` set to redact, except those kept with a reason. */
export function redactAllOfKind(
  values: Readonly<Record<string, string>>,
  groups: readonly { key: string; kind: PiiKind }[],
  kind: PiiKind,
): Record<string, string> {
  const out = { ...values };
  for (const g of groups) {
    if (g.kind !== kind) continue;
    const keptWithReason = out[`d_${g.key}`] === 'dismiss' && (out[`r_${g.key}`] ?? '').trim() !== '';
    if (!keptWithReason) out[`d_${g.key}`] = 'redact';
  }
  return out;
}
