/**
 * Legal references in PAKN text ("Nghị định 20/2008/NĐ-CP", "NĐ 20/2008", "nghị định số 20", "nghi dinh so 20 nam
 * 2008", "Thông tư 12/2015/TT-BKHCN", "Luật Sở hữu trí tuệ") parsed to a canonical key such as `nd:20/2008`.
 * Used by the similarity engine: two PAKN citing the same document are about the same rule.
 *
 * Parsing is deliberately conservative: a reference that cannot be pinned to a document type and a number is
 * dropped (an unparsed citation is simply not used), and the short forms NĐ/TT/QĐ (and "quyết định", "luật",
 * which are also common nouns) need "số", a year or an issuer, so that "tt 5 người" is not read as a document.
 */
import { foldVietnamese } from './routing';

export type CitationKind = 'luat' | 'nd' | 'tt' | 'ttlt' | 'qd';

export type Citation = {
  kind: CitationKind;
  /** without leading zeros */
  number: number;
  year: number | null;
  /** folded issuer suffix, e.g. 'nd-cp', 'tt-bkhcn', 'qh11'; null when not written */
  issuer: string | null;
  /** `nd:20/2008`, or `nd:20` when the year is missing */
  key: string;
  /** `nd:20` — what a year-less reference can match */
  looseKey: string;
};

/** Laws are often cited by name only; folded name → the law's number/year. Extend by passing your own table. */
export const KNOWN_LAWS: Readonly<Record<string, { number: number; year: number }>> = {
  'so huu tri tue': { number: 50, year: 2005 },
  'do luong': { number: 4, year: 2011 },
  'chuyen giao cong nghe': { number: 7, year: 2017 },
  'nang luong nguyen tu': { number: 18, year: 2008 },
  'tieu chuan va quy chuan ky thuat': { number: 68, year: 2006 },
  'chat luong san pham, hang hoa': { number: 5, year: 2007 },
  'chat luong san pham hang hoa': { number: 5, year: 2007 },
  'khoa hoc va cong nghe': { number: 29, year: 2013 },
  'cong nghe cao': { number: 21, year: 2008 },
};

const KIND_WORDS: ReadonlyArray<[RegExp, CitationKind, boolean]> = [
  // [pattern on folded text, kind, does a bare number need "số", a year or an issuer to count]: short forms and
  // words that are also common nouns ("quyết định 3 người", "luật 2 năm") need one; "nghị định 20" does not
  [/thong tu lien tich/y, 'ttlt', false],
  [/ttlt/y, 'ttlt', true],
  [/nghi dinh/y, 'nd', false],
  [/thong tu/y, 'tt', false],
  [/quyet dinh/y, 'qd', true],
  [/luat/y, 'luat', true],
  [/nd/y, 'nd', true],
  [/tt/y, 'tt', true],
  [/qd/y, 'qd', true],
];

const ISSUER_KIND: ReadonlyArray<[RegExp, CitationKind]> = [
  [/^ttlt-/, 'ttlt'],
  [/^nd-/, 'nd'],
  [/^tt-/, 'tt'],
  [/^qd-/, 'qd'],
  [/^qh\d*$/, 'luat'],
];

const MIN_YEAR = 1945;
const MAX_YEAR = 2100;

// after the kind word: optional "số"/"so"/"số:" then number, optional /year or "năm year", optional /issuer
const NUMBER_PART =
  /\s*(?:(so)\s*:?\s*)?(\d{1,5})(?:\s*\/\s*(\d{4}))?(?:\s*\/\s*([a-z]{2,5}(?:-[a-z0-9]{1,10}){0,3}|qh\d{1,2}))?(?:\s+nam\s+(\d{4}))?/y;
// a bare number with an issuer, no kind word: "20/2008/NĐ-CP", "2421/QĐ-BKHCN"
const BARE =
  /(?<![\p{L}\p{N}/])(\d{1,5})(?:\/(\d{4}))?\/((?:ttlt|nd|tt|qd)-[a-z0-9]{1,10}(?:-[a-z0-9]{1,10}){0,2}|qh\d{1,2})(?![\p{L}\p{N}])/gu;

function validYear(y: number | null): boolean {
  return y === null || (y >= MIN_YEAR && y <= MAX_YEAR);
}

function make(
  kind: CitationKind,
  number: number,
  year: number | null,
  issuer: string | null,
): Citation | null {
  if (!Number.isFinite(number) || number <= 0 || !validYear(year)) return null;
  const looseKey = `${kind}:${number}`;
  return { kind, number, year, issuer, key: year === null ? looseKey : `${looseKey}/${year}`, looseKey };
}

function isWordStart(s: string, i: number): boolean {
  return i === 0 || !/[\p{L}\p{N}]/u.test(s[i - 1] ?? '');
}

export type FoundCitation = Citation & { start: number; end: number };

/**
 * All references in the text, in order, each with its span in `foldVietnamese(text)` (the similarity engine cuts
 * them out of the folded text; they are not offsets into the original).
 */
export function findCitations(
  text: string,
  laws: Readonly<Record<string, { number: number; year: number }>> = KNOWN_LAWS,
): FoundCitation[] {
  const f = foldVietnamese(text);
  const found: FoundCitation[] = [];
  const taken: boolean[] = [];
  const claim = (a: number, b: number) => {
    for (let i = a; i < b; i++) taken[i] = true;
  };
  const push = (c: Citation | null, start: number, end: number) => {
    if (!c) return;
    found.push({ ...c, start, end });
    claim(start, end);
  };

  for (let i = 0; i < f.length; i++) {
    if (taken[i] || !isWordStart(f, i)) continue;
    for (const [re, kind, needsMore] of KIND_WORDS) {
      re.lastIndex = i;
      const m = re.exec(f);
      if (!m) continue;
      let j = i + m[0].length;
      if (/[\p{L}]/u.test(f[j] ?? '')) continue; // "luatsu", "tten": not a kind word
      if (kind === 'luat') {
        const named = matchLawName(f, j, laws);
        if (named) {
          push(make('luat', named.number, named.year, 'qh'), i, named.end);
          break;
        }
      }
      NUMBER_PART.lastIndex = j;
      const n = NUMBER_PART.exec(f);
      if (!n) continue;
      // a number glued to letters ("tt5a", "nd 20abc") is not a reference
      if (/[\p{L}\p{N}]/u.test(f[NUMBER_PART.lastIndex] ?? '')) continue;
      const [, so, num, slashYear, issuer, namYear] = n;
      const yearText = slashYear ?? namYear ?? null;
      if (needsMore && !so && !yearText && !issuer) continue;
      j = NUMBER_PART.lastIndex;
      push(make(kind, Number(num), yearText ? Number(yearText) : null, issuer ?? null), i, j);
      break;
    }
  }

  BARE.lastIndex = 0;
  for (let m = BARE.exec(f); m; m = BARE.exec(f)) {
    if (taken[m.index]) continue;
    const issuer = m[3] ?? '';
    const byIssuer = ISSUER_KIND.find(([r]) => r.test(issuer));
    if (!byIssuer) continue;
    push(make(byIssuer[1], Number(m[1]), m[2] ? Number(m[2]) : null, issuer), m.index, m.index + m[0].length);
  }
  return found.sort((a, b) => a.start - b.start);
}

function matchLawName(
  f: string,
  at: number,
  laws: Readonly<Record<string, { number: number; year: number }>>,
): { number: number; year: number; end: number } | null {
  const rest = f.slice(at).replace(/^\s+/, '');
  const skipped = f.length - at - rest.length;
  let best: { number: number; year: number; end: number } | null = null;
  for (const [name, law] of Object.entries(laws)) {
    if (!rest.startsWith(name)) continue;
    const after = rest[name.length] ?? '';
    if (/[\p{L}\p{N}]/u.test(after)) continue;
    const end = at + skipped + name.length;
    if (!best || end > best.end) best = { ...law, end };
  }
  if (!best) return null;
  // "Luật Đo lường số 04/2011/QH12" or "Luật Đo lường năm 2011": swallow the tail so it is not read twice
  // "Luật Khoa học và Công nghệ 2000" is the earlier law of that name: not the one in the table, so not pinned
  const tail = /\s*(?:(?:so\s*:?\s*)?\d{1,5}\/(\d{4})(?:\/qh\d{1,2})?|nam\s+(\d{4})|(\d{4}))/y;
  tail.lastIndex = best.end;
  const t = tail.exec(f);
  if (!t) return best;
  const written = Number(t[1] ?? t[2] ?? t[3]);
  if (written !== best.year) return null;
  best.end = tail.lastIndex;
  return best;
}

/** Distinct citations of a text (by key). */
export function parseCitations(
  text: string,
  laws?: Readonly<Record<string, { number: number; year: number }>>,
): Citation[] {
  const seen = new Map<string, Citation>();
  for (const { start: _s, end: _e, ...c } of findCitations(text, laws)) {
    if (!seen.has(c.key)) seen.set(c.key, c);
  }
  return [...seen.values()];
}

/**
 * 'exact' when kind, number and year agree; 'loose' when one side has no year (a "nghị định số 20" may be
 * 20/2008); null when they differ (same number, different year = a different document).
 */
export function compareCitations(a: Citation, b: Citation): 'exact' | 'loose' | null {
  if (a.looseKey !== b.looseKey) return null;
  if (a.year !== null && b.year !== null) return a.year === b.year ? 'exact' : null;
  return 'loose';
}

/** Canonical keys for indexing: the full key and, when a year is known, the loose key too. */
export function citationIndexKeys(c: Citation): string[] {
  return c.year === null ? [c.looseKey] : [c.key, c.looseKey];
}
