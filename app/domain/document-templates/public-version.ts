// The public version of a document, for the public register (see index.ts).
import type { OfficialDocument } from '~/domain/official-document';
import { applyRedactions, detectPii, REDACTION_MARKER_VI, type PiiContext } from '~/domain/redaction';
import { TITLE_HIDDEN_VI } from './legal-text';
import { clean, quoted } from './text';
import type { SubmitterInfo } from './types';

export type PublicContext = {
  submitter: SubmitterInfo;
  /** the submitter's own title, hidden in the public version */
  title?: string | null;
  /** the reviewed title of a published PAKN, shown instead when there is one */
  publicTitle?: string | null;
  /** false for letters addressed to another agency (transfer): their addressee is not personal data */
  addresseeIsSubmitter: boolean;
  /**
   * Text that is not personal data although it looks like it: the agency's own address, phone, hotline and
   * e-mail (detectPii flags any phone number or e-mail). A flag lying inside one of these is dropped, unless it
   * is the submitter's own.
   */
  allow?: readonly (string | null | undefined)[];
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive whole-word occurrences of `needle` (NFC), for the exact pass after detectPii. */
function exactFlags(text: string, needle: string | null | undefined): { start: number; end: number }[] {
  const n = clean(needle).replace(/\s+/g, ' ');
  if (n.length < 3) return [];
  const pattern = escapeRe(n).replace(/ /g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Digits of a phone number in any grouping: '0905 123 456', '0905.123.456', '+84 905 123 456'. */
function phoneFlags(text: string, phone: string | null | undefined): { start: number; end: number }[] {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^84/, '0');
  if (digits.length < 6) return [];
  const national = digits.startsWith('0') ? digits.slice(1) : digits;
  const sep = '[\\s.\\-()]{0,2}';
  const body = national.split('').join(sep);
  const re = new RegExp(`(?<![\\p{N}])(?:(?:\\+?84|0)${sep})?${body}(?![\\p{N}])`, 'gu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Every personal-data range of `text` for this submitter. */
export function redactText(text: string, ctx: PublicContext, source = 'document'): string {
  const s = ctx.submitter;
  const input = text.normalize('NFC');
  const pii: PiiContext = {
    source,
    submitterName: s.fullName,
    submitterAddress: s.address,
    orgName: s.orgName ?? null,
    representative: s.representative ?? null,
  };
  const allowed = (ctx.allow ?? []).flatMap((a) => exactFlags(input, a));
  // only contact-shaped flags can be the agency's own; names and addresses from the submitter's context always go
  const inAllowed = (f: { kind: string; start: number; end: number }) =>
    f.kind !== 'name' && f.kind !== 'address' && allowed.some((a) => a.start <= f.start && f.end <= a.end);
  const flags = [
    ...detectPii(input, pii).filter((f) => !inAllowed(f)),
    ...exactFlags(input, s.fullName),
    ...exactFlags(input, s.orgName),
    ...exactFlags(input, s.representative),
    ...exactFlags(input, s.address),
    ...exactFlags(input, s.email),
    ...phoneFlags(input, s.phone),
  ];
  return applyRedactions(input, flags, REDACTION_MARKER_VI);
}

/** The redacted document for the public register (see the module comment). */
export function publicVersion(doc: OfficialDocument, ctx: PublicContext): OfficialDocument {
  const title = clean(ctx.title);
  const publicTitle = clean(ctx.publicTitle);
  const hideTitle = (s: string): string => {
    if (!title) return s;
    const replacement = publicTitle ? quoted(publicTitle) : TITLE_HIDDEN_VI;
    return s.normalize('NFC').split(quoted(title)).join(replacement);
  };
  const r = (s: string, source: string) => redactText(hideTitle(s), ctx, source);
  return {
    ...doc,
    subtitle: doc.subtitle === undefined ? undefined : r(doc.subtitle, 'subtitle'),
    addressee:
      doc.addressee === undefined
        ? undefined
        : ctx.addresseeIsSubmitter
          ? REDACTION_MARKER_VI
          : r(doc.addressee, 'addressee'),
    paragraphs: doc.paragraphs.map((p, i) => r(p, `paragraph:${i + 1}`)),
    recipients: doc.recipients?.map((x, i) => r(x, `recipient:${i + 1}`)),
  };
}
