import { describe, expect, it } from 'vitest';

import { prepareDocument } from '~/domain/similarity';
import {
  citationFromKey,
  citationLabel,
  ftsOr,
  indexCiteKeys,
  indexCiteTokens,
  indexTokens,
  pickQueryTerms,
  preparedFromIndex,
  textMatch,
  textQuery,
} from '~/domain/similarity-index';

import { CORPUS } from '../fixtures/similarity/corpus';

// what an index row cannot carry: a citation's issuer, and the text as written (only a query's reasons spell
// their phrases from it)
const withoutIssuer = (d: Awaited<ReturnType<typeof prepareDocument>>) => ({
  ...d,
  source: undefined,
  citations: d.citations.map((c) => ({ ...c, issuer: null })).sort((a, b) => a.key.localeCompare(b.key)),
});

describe('the stored index row', () => {
  it('rebuilds the same prepared document as the text, for every document of the labelled set', () => {
    for (const d of CORPUS) {
      const fromText = prepareDocument({ id: 1, title: d.title, content: d.content, submitterKey: 'k' });
      const fromIndex = preparedFromIndex({
        id: 1,
        titleTerms: indexTokens(d.title),
        contentTerms: indexTokens(d.content),
        citeKeys: indexCiteKeys(d.title, d.content, null),
        submitterKey: 'k',
      });
      expect(withoutIssuer(fromIndex)).toEqual(withoutIssuer(fromText));
    }
  });

  it('keeps citation keys and their year-less forms as tokens; a citation that parses to nothing is not kept', () => {
    const keys = indexCiteKeys(
      'Theo NĐ 20/2008 và nghị định số 43',
      'Thông tư 12/2015/TT-BKHCN',
      'Nghị định số',
    );
    expect(keys.split(' ').sort()).toEqual(['nd:20/2008', 'nd:43', 'tt:12/2015']);
    expect(indexCiteTokens(keys).split(' ').sort()).toEqual([
      'nd_20',
      'nd_20_2008',
      'nd_43',
      'tt_12',
      'tt_12_2015',
    ]);
    expect(indexCiteKeys('NĐ và TT abc', 'không có số', null)).toBe('');
    expect(citationFromKey('xx:1/2000')).toBeNull();
    expect([citationLabel('nd:20/2008'), citationLabel('tt:12'), citationLabel('conflict')]).toEqual([
      'NĐ 20/2008',
      'TT 12',
      'conflict',
    ]);
    expect(citationFromKey('nd:20')).toMatchObject({ kind: 'nd', number: 20, year: null, looseKey: 'nd:20' });
  });
});

describe('choosing the query terms', () => {
  const df = new Map([
    ['kiem', 10],
    ['dinh', 900],
    ['dong', 50],
    ['ho', 5000],
    ['nuoc', 30_000],
  ]);
  it('takes the rarest known words within the postings budget, skipping words in most PAKN', () => {
    expect(pickQueryTerms(['nuoc', 'ho', 'dinh', 'kiem', 'dong', 'zz'], df, 40_000)).toEqual([
      'kiem',
      'dong',
      'dinh',
      'ho',
    ]);
    expect(
      pickQueryTerms(['nuoc', 'ho'], df, 40_000, { maxPostings: 100, maxTerms: 5, maxShare: 0.9 }),
    ).toEqual(['ho']);
  });
  it('ORs the chosen words, or takes the two rarest together when every word is common', () => {
    expect(textMatch(['nuoc', 'ho', 'dinh', 'kiem', 'dong'], df, 40_000)).toBe(
      'terms : (kiem OR dong OR dinh OR ho)',
    );
    const common = new Map([
      ['a', 30_000],
      ['b', 20_000],
      ['c', 25_000],
    ]);
    expect(textMatch(['a', 'b', 'c'], common, 100_000)).toBe('terms : (b AND c)');
    expect(textMatch(['b'], common, 100_000)).toBe('terms : (b)');
    expect(textMatch(['zz'], common, 100_000)).toBeNull();
  });
  it('orders the OR of rare words by bm25, the fallback for common words newest first', () => {
    expect(textQuery(['nuoc', 'ho', 'dinh', 'kiem', 'dong'], df, 40_000)).toEqual({
      match: 'terms : (kiem OR dong OR dinh OR ho)',
      order: 'rank',
    });
    const common = new Map([
      ['a', 22_000],
      ['b', 20_000],
    ]);
    expect(textQuery(['a', 'b'], common, 100_000)).toEqual({ match: 'terms : (b AND a)', order: 'newest' });
    // one common word alone: no pair to narrow it, still newest first
    expect(textQuery(['b'], common, 100_000)).toEqual({ match: 'terms : (b)', order: 'newest' });
    expect(textQuery(['zz'], common, 100_000)).toBeNull();
  });
  it('builds a MATCH expression of safe tokens only', () => {
    expect(ftsOr('terms', ['a', 'b"c', 'd'])).toBe('terms : (a OR d)');
    expect(ftsOr('cites', [])).toBeNull();
  });
});
