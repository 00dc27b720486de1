/**
 * Personal-data detector for publication (spec §7 VI.4, §8): finds what must not appear on the public site and
 * proposes it for redaction; staff confirm or dismiss each flag. It prefers false positives to false negatives.
 *
 * Offsets: every flag's start/end index the string that was passed to detectPii, whatever its normalisation
 * (NFC or NFD), and a flag never splits a base letter from its combining marks. Pass the same string to
 * applyRedactions. Matching runs on a per-character fold (NFKC, so full-width digits, letters and '＠' read as
 * ASCII; lower case, đ→d, no diacritics, no format characters such as zero-width spaces or soft hyphens; every
 * dash '-', every horizontal space ' ', a run of spaces one space) that remembers where each folded character
 * came from, so the publish check, the final pass and the redaction all see the same thing.
 *
 * What is flagged:
 * - phone: Vietnamese mobiles (0[35789] + 8 digits) and landlines (02 + 9 digits), national or +84/84 form,
 *   with spaces, dots, hyphens or dashes, slashes or underscores (one kind throughout: '03/05/2024 12' is a date)
 *   or a bracketed area code between digits; a bracket is part of the number only when both halves are.
 *   1900/1800 service numbers are not personal.
 *   A 10-digit number preceded by MST/mã số thuế is reported as tax_code instead.
 * - email.
 * - national_id: 12-digit CCCD starting with 001–096 (or any 12 digits after a CCCD/căn cước/định danh keyword),
 *   9-digit CMND; digits may be grouped with spaces or dots.
 * - tax_code: 10 digits (not a phone) or 10 digits-3 digits.
 * - name: the submitter's and the representative's full name; for names of three or more syllables also the last
 *   two syllables ('Hồng Đào' for 'Nguyễn Thị Hồng Đào'); the last syllable alone only right after an honorific
 *   (ông, bà, anh, chị, cô, chú, em, bác — only the syllable is flagged). Names of one syllable are not searched.
 *   The organisation's name, and that name without its legal form ('Công ty TNHH', 'Hợp tác xã'…) when two or
 *   more words remain.
 * - address: the submitter's address and its part before the first comma, each when at least 8 characters long.
 * Not flagged: dates (12/02/2026), amounts (1.500.000 đồng), document numbers (08/2010/TT-BKHCN), PAKN codes.
 * Flags never overlap: where two would, the longer one wins.
 */

export type PiiKind = 'phone' | 'email' | 'national_id' | 'tax_code' | 'name' | 'address';
export type PiiFlag = {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
  /** where the text came from, e.g. 'summary', 'answer', 'file:foo.pdf' */
  source: string;
};
export type PiiContext = {
  source: string;
  submitterName?: string | null;
  submitterAddress?: string | null;
  orgName?: string | null;
  representative?: string | null;
  /**
   * The agency's own phone numbers and e-mail addresses (its contact details, its units' addresses): a phone or
   * e-mail flag with the same value, however it is written, is not personal data and is not reported.
   */
  allowedContacts?: readonly (string | null | undefined)[];
};

export const REDACTION_MARKER_VI = '[đã ẩn thông tin cá nhân]';
export const REDACTION_MARKER_EN = '[personal data removed]';

type Folded = { f: string; from: number[]; to: number[] };

/**
 * One character (a base with its marks) as the detector sees it: compatibility forms unified (NFKC: full-width
 * digits and letters, the full-width @), lower case, đ→d, no diacritics, no format characters, every dash
 * an ASCII hyphen and every horizontal space a plain space.
 */
function foldChar(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[đð]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Pd}\u2212]/gu, '-')
    .replace(/[\p{Zs}\t]/gu, ' ')
    .normalize('NFC');
}

/**
 * Per-character fold: folded[i] came from original[from[i], to[i]). A run of horizontal spaces folds to one
 * space that maps back onto the whole run, so '0987   654   321' reads as '0987 654 321'.
 */
function foldWithMap(text: string): Folded {
  let f = '';
  const from: number[] = [];
  const to: number[] = [];
  // a base character with its combining marks, or stray marks at the start
  const seg = /\P{M}\p{M}*|\p{M}+/gsu;
  for (let m = seg.exec(text); m; m = seg.exec(text)) {
    const s = m[0];
    const out = foldChar(s);
    if (out.length === 0) continue;
    if (out === ' ' && f.endsWith(' ')) {
      to[to.length - 1] = m.index + s.length;
      continue;
    }
    for (let k = 0; k < out.length; k++) {
      from.push(m.index);
      to.push(m.index + s.length);
    }
    f += out;
  }
  return { f, from, to };
}

function foldNeedle(s: string): string {
  return [...s.normalize('NFC')].map(foldChar).join('').replace(/ {2,}/g, ' ');
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** '08/2010/TT-BKHCN', 'KHCN-2026-000042': a number glued to another token by / or - is part of a code. */
function gluedBefore(f: string, i: number): boolean {
  const p = f[i - 1];
  if (isAlnum(p)) return true;
  return (p === '/' || p === '-' || p === '.' || p === ',') && isAlnum(f[i - 2]);
}
function gluedAfter(f: string, end: number): boolean {
  const n = f[end];
  if (isAlnum(n)) return true;
  return (n === '/' || n === '-') && isAlnum(f[end + 1]);
}

const CURRENCY_AFTER = /^\s*(?:d|dong|vnd|trieu|ty|nghin|ngan|usd|%)(?![\p{L}\p{N}])/u;
const AMOUNT_SHAPE = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
const TAX_CONTEXT = /(?:\bmst|ma so thue|ma so doanh nghiep|\bmsdn)\b[^\d\n]{0,25}$/u;
const ID_CONTEXT = /(?:cmnd|cmtnd|cccd|can cuoc|chung minh|dinh danh|ho chieu|so id)[^\n]{0,25}$/u;

type Span = { kind: PiiKind; a: number; b: number }; // in folded coordinates

const PHONE_SEP = new Set([' ', '.', '-', '/', '_', '(', ')']);
/** separators that also join dates and document numbers: a phone written with them uses nothing else */
const STRICT_SEP = /[/_]/;

/**
 * '0987/654/321' is a phone; '03/05/2024 12' (a date, then a number) and '03/2024/0912…' (a document number)
 * are not: one separator throughout, and groups of three digits or more (a leading '+84' aside).
 */
function consistentSeparators(raw: string): boolean {
  if (!STRICT_SEP.test(raw)) return true;
  const body = raw.replace(/^\+84(?=\D)/, '').replace(/^\+/, '');
  if (new Set(body.match(/\D/g) ?? []).size !== 1) return false;
  return body.split(/\D/).every((g) => g.length >= 3);
}

function validPhoneDigits(d: string): boolean {
  return (
    /^0[35789]\d{8}$/.test(d) ||
    /^02\d{9}$/.test(d) ||
    /^84[35789]\d{8}$/.test(d) ||
    /^842\d{9}$/.test(d) ||
    /^840[35789]\d{8}$/.test(d) ||
    /^8402\d{9}$/.test(d)
  );
}

/**
 * A bracket belongs to the number only when both halves do: '(0257) 3 842 123' keeps its '(', while in
 * '(0912345678)' the closing one lies after the number, so the opening one stays in the text too.
 */
function bracketStart(f: string, i: number, raw: string): number {
  const opens = raw.includes('(');
  const closes = raw.includes(')');
  if (opens && !closes) return i + 1;
  if (closes && !opens && f[i - 1] === '(') return i - 1;
  return i;
}

function findPhones(f: string, out: Span[]): void {
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (!(c === '+' || c === '(' || c === '0' || c === '8')) continue;
    if (gluedBefore(f, i) || f[i - 1] === '+') continue;
    let j = i;
    if (f[j] === '(') j++;
    if (f[j] === '+') j++;
    if (!isDigit(f[j])) continue;
    let digits = '';
    const ends: number[] = [];
    let sepRun = 0;
    while (j < f.length && digits.length < 13) {
      const ch = f[j] as string;
      if (isDigit(ch)) {
        digits += ch;
        ends.push(++j);
        sepRun = 0;
      } else if (PHONE_SEP.has(ch) && sepRun < 2) {
        sepRun++;
        j++;
      } else break;
    }
    if (!digits.startsWith('0') && !digits.startsWith('84')) continue;
    for (let k = Math.min(12, digits.length); k >= 10; k--) {
      const end = ends[k - 1] as number;
      if (isDigit(f[end]) || !validPhoneDigits(digits.slice(0, k))) continue;
      const raw = f.slice(i, end);
      // 84.500.000.000 đồng is an amount
      if (AMOUNT_SHAPE.test(raw) || CURRENCY_AFTER.test(f.slice(end, end + 8))) continue;
      if (!consistentSeparators(raw)) continue;
      const before = f.slice(Math.max(0, i - 30), i);
      const kind: PiiKind = k === 10 && /^\d+$/.test(raw) && TAX_CONTEXT.test(before) ? 'tax_code' : 'phone';
      out.push({ kind, a: bracketStart(f, i, raw), b: end });
      i = end - 1;
      break;
    }
  }
}

function findEmails(f: string, out: Span[]): void {
  const re =
    /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}])?@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}/gu;
  for (const m of f.matchAll(re)) out.push({ kind: 'email', a: m.index, b: m.index + m[0].length });
}

/** Digit groups joined by single spaces or dots, e.g. '079 203 004 567', '123.456.789'. */
function findIdNumbers(f: string, out: Span[]): void {
  const taxBranch = /\d{10}-\d{3}/g;
  for (const m of f.matchAll(taxBranch)) {
    const a = m.index;
    const b = a + m[0].length;
    if (!gluedBefore(f, a) && !gluedAfter(f, b)) out.push({ kind: 'tax_code', a, b });
  }
  const run = /\d+(?:[ .]\d+)*/g;
  for (const m of f.matchAll(run)) {
    const a = m.index;
    const b = a + m[0].length;
    if (gluedBefore(f, a) || gluedAfter(f, b)) continue;
    const whole = classifyId(f, a, b);
    if (whole) {
      out.push({ kind: whole, a, b });
      continue;
    }
    // '123456789 0912345678': try each group on its own
    for (const g of m[0].matchAll(/\d+/g)) {
      const ga = a + g.index;
      const gb = ga + g[0].length;
      const kind = classifyId(f, ga, gb);
      if (kind) out.push({ kind, a: ga, b: gb });
    }
  }
}

function classifyId(f: string, a: number, b: number): PiiKind | null {
  const raw = f.slice(a, b);
  const d = raw.replace(/\D/g, '');
  const before = f.slice(Math.max(0, a - 40), a);
  const idCtx = ID_CONTEXT.test(before);
  const taxCtx = TAX_CONTEXT.test(before);
  if (!idCtx && !taxCtx && (AMOUNT_SHAPE.test(raw) || CURRENCY_AFTER.test(f.slice(b, b + 8)))) return null;
  if (d.length === 12) {
    const province = Number(d.slice(0, 3));
    return idCtx || (province >= 1 && province <= 96) ? 'national_id' : null;
  }
  if (d.length === 9) return 'national_id';
  if (d.length === 10) return idCtx && !taxCtx ? 'national_id' : 'tax_code';
  if (d.length === 13 && taxCtx) return 'tax_code';
  return null;
}

const HONORIFIC = '(?:ong|ba|anh|chi|co|chu|em|bac)';
const LEGAL_FORM =
  /^(?:cong ty (?:tnhh|trach nhiem huu han|co phan|cp|hop danh)(?: (?:mot|hai) thanh vien(?: tro len)?| mtv)?|cong ty|doanh nghiep tu nhan|dntn|hop tac xa|htx|to hop tac|ho kinh doanh)\s+/;

const tokens = (s: string): string[] => foldNeedle(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** whole-word match of the token sequence, any 1–3 non-alphanumerics between tokens */
function tokenPattern(toks: readonly string[]): string {
  return toks.map(escapeRe).join('[^\\p{L}\\p{N}]{1,3}');
}

function findPhrase(f: string, toks: readonly string[], kind: PiiKind, out: Span[], prefix = ''): void {
  if (toks.length === 0) return;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${prefix}(${tokenPattern(toks)})(?![\\p{L}\\p{N}])`, 'gu');
  for (const m of f.matchAll(re)) {
    const inner = m[1] as string;
    const a = m.index + m[0].length - inner.length;
    out.push({ kind, a, b: a + inner.length });
  }
}

function findPerson(f: string, name: string | null | undefined, out: Span[]): void {
  const t = tokens(name ?? '');
  if (t.length < 2) return;
  findPhrase(f, t, 'name', out);
  if (t.length >= 3) findPhrase(f, t.slice(-2), 'name', out);
  findPhrase(f, t.slice(-1), 'name', out, `${HONORIFIC}[^\\p{L}\\p{N}]{1,3}`);
}

function findOrg(f: string, org: string | null | undefined, out: Span[]): void {
  const t = tokens(org ?? '');
  if (t.length === 0 || t.join(' ').length < 4) return;
  findPhrase(f, t, 'name', out);
  const stripped = t.join(' ').replace(LEGAL_FORM, '');
  const st = stripped.split(' ');
  if (stripped !== t.join(' ') && st.length >= 2) findPhrase(f, st, 'name', out);
}

function findAddress(f: string, address: string | null | undefined, out: Span[]): void {
  if (!address) return;
  const full = tokens(address);
  if (full.join(' ').length >= 8) findPhrase(f, full, 'address', out);
  const comma = address.indexOf(',');
  if (comma > 0) {
    const first = tokens(address.slice(0, comma));
    if (first.join(' ').length >= 8) findPhrase(f, first, 'address', out);
  }
}

// on equal spans: a structured match beats a guess
const KIND_ORDER: readonly PiiKind[] = ['email', 'phone', 'national_id', 'tax_code', 'address', 'name'];

/** A phone's digits in national form ('+84 257…' → '0257…') or a folded e-mail; null for anything else. */
export function contactValue(text: string): string | null {
  const f = foldNeedle(text).trim();
  if (f.includes('@')) return f;
  const digits = f.replace(/\D/g, '').replace(/^840?/, '0');
  return digits.length >= 9 ? digits : null;
}

function allowedSet(ctx: PiiContext): Set<string> {
  const out = new Set<string>();
  for (const c of ctx.allowedContacts ?? []) {
    const v = c ? contactValue(c) : null;
    if (v) out.add(v);
  }
  return out;
}

export function detectPii(text: string, ctx: PiiContext): PiiFlag[] {
  const { f, from, to } = foldWithMap(text);
  const spans: Span[] = [];
  findEmails(f, spans);
  findPhones(f, spans);
  findIdNumbers(f, spans);
  findPerson(f, ctx.submitterName, spans);
  findPerson(f, ctx.representative, spans);
  findOrg(f, ctx.orgName, spans);
  findAddress(f, ctx.submitterAddress, spans);

  // longest first, then earliest; drop anything overlapping a kept span
  const rank = (k: PiiKind): number => KIND_ORDER.indexOf(k);
  spans.sort((x, y) => y.b - y.a - (x.b - x.a) || x.a - y.a || rank(x.kind) - rank(y.kind));
  const kept: Span[] = [];
  for (const s of spans) {
    if (s.b <= s.a) continue;
    if (kept.some((k) => s.a < k.b && k.a < s.b)) continue;
    kept.push(s);
  }
  kept.sort((x, y) => x.a - y.a);
  const allowed = allowedSet(ctx);
  const own = (s: Span) =>
    (s.kind === 'phone' || s.kind === 'email') && allowed.has(contactValue(f.slice(s.a, s.b)) ?? '');
  return kept
    .filter((s) => !own(s))
    .map((s) => {
      const start = from[s.a] as number;
      const end = to[s.b - 1] as number;
      return { kind: s.kind, start, end, text: text.slice(start, end), source: ctx.source };
    });
}

/** Replaces each flagged range with the marker; overlapping or touching ranges are merged first. */
export function applyRedactions(
  text: string,
  flags: readonly Pick<PiiFlag, 'start' | 'end'>[],
  marker: string = REDACTION_MARKER_VI,
): string {
  const ranges = flags
    .map((r) => ({
      start: Math.max(0, Math.min(r.start, text.length)),
      end: Math.max(0, Math.min(r.end, text.length)),
    }))
    .filter((r) => r.end > r.start)
    .sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = text;
  for (let i = merged.length - 1; i >= 0; i--) {
    const r = merged[i] as { start: number; end: number };
    out = out.slice(0, r.start) + marker + out.slice(r.end);
  }
  return out;
}
