import { describe, expect, it } from 'vitest';

import {
  FIELD_SCORE,
  type FieldRule,
  foldVietnamese,
  type KeywordRule,
  suggestUnits,
} from '~/domain/routing';

describe('foldVietnamese', () => {
  it('folds case, diacritics and đ', () => {
    expect(foldVietnamese('Đường THỦ TỤC')).toBe('duong thu tuc');
    expect(foldVietnamese('Quyền sử dụng đất')).toBe('quyen su dung dat');
    expect(foldVietnamese('Nghị định 92/2017/NĐ-CP')).toBe('nghi dinh 92/2017/nd-cp');
  });

  it('treats NFD and NFC input the same', () => {
    const nfd = 'Đường THỦ TỤC'.normalize('NFD');
    expect(nfd).not.toBe('Đường THỦ TỤC');
    expect(foldVietnamese(nfd)).toBe('duong thu tuc');
  });

  it('collapses and trims whitespace of any kind', () => {
    expect(foldVietnamese('  thuế \t\n  phí\u00a0 ')).toBe('thue phi');
    expect(foldVietnamese('')).toBe('');
  });

  it('maps the legacy-encoding eth to d', () => {
    expect(foldVietnamese('ÐẤT ĐAI')).toBe('dat dai');
  });
});

describe('suggestUnits', () => {
  const fields: FieldRule[] = [
    { fieldId: 10, unitId: 1 },
    { fieldId: 20, unitId: 2 },
  ];
  const keywords: KeywordRule[] = [
    { keyword: 'đất đai', unitId: 3 },
    { keyword: 'thuế', unitId: 4 },
    { keyword: 'hộ kinh doanh', unitId: 4 },
    { keyword: 'thuế', unitId: 5 },
    { keyword: 'đất', unitId: 1 },
  ];
  const rules = { fields, keywords };

  it('returns [] when nothing matches', () => {
    expect(suggestUnits({ fieldId: null, text: 'Giấy phép lái xe' }, rules)).toEqual([]);
    expect(suggestUnits({ fieldId: 99, text: '' }, rules)).toEqual([]);
    expect(suggestUnits({ fieldId: 10, text: 'x' }, { fields: [], keywords: [] })).toEqual([]);
  });

  it('matches keywords without diacritics in the text', () => {
    const s = suggestUnits({ fieldId: null, text: 'Thu tuc cap so DAT DAI qua cham' }, rules);
    expect(s.map((x) => x.unitId)).toEqual([3, 1]);
    expect(s[0]).toEqual({ unitId: 3, reason: 'keyword', detail: 'đất đai', score: 2 });
  });

  it('matches whole words only', () => {
    // Folding makes "thuê" (rent) equal "thuế" (tax): accepted, the coordinator confirms every suggestion.
    expect(suggestUnits({ fieldId: null, text: 'Hợp đồng thuetro' }, rules)).toEqual([]);
    expect(suggestUnits({ fieldId: null, text: 'đấtđai' }, rules)).toEqual([]);
    const s = suggestUnits({ fieldId: null, text: '(thuế), hộ kinh doanh.' }, rules);
    expect(s.map((x) => x.unitId)).toEqual([4, 5]);
  });

  it('ranks a field rule above any keyword evidence', () => {
    const s = suggestUnits({ fieldId: 20, text: 'Thuế hộ kinh doanh và đất đai' }, rules);
    expect(s[0]).toEqual({ unitId: 2, reason: 'field', detail: 'field 20', score: FIELD_SCORE });
    // 4: "thuế" + 3-word phrase; 3: 2-word phrase; 1 and 5: one word each, tie broken by id.
    expect(s.map((x) => [x.unitId, x.score])).toEqual([
      [2, FIELD_SCORE],
      [4, 4],
      [3, 2],
      [1, 1],
      [5, 1],
    ]);
  });

  it('adds keyword evidence to a field match instead of listing the unit twice', () => {
    const s = suggestUnits({ fieldId: 10, text: 'tranh chấp đất' }, rules);
    expect(s).toEqual([
      { unitId: 1, reason: 'field', detail: 'field 10; keywords: đất', score: FIELD_SCORE + 1 },
    ]);
  });

  it('returns unique units and counts a repeated rule once', () => {
    const s = suggestUnits(
      { fieldId: 10, text: 'đất đất đất' },
      {
        fields: [...fields, { fieldId: 10, unitId: 1 }],
        keywords: [...keywords, { keyword: 'ĐẤT', unitId: 1 }],
      },
    );
    expect(s).toHaveLength(1);
    expect(s[0]?.score).toBe(FIELD_SCORE + 1);
  });

  it('breaks ties by unit id so the order is deterministic', () => {
    const s = suggestUnits({ fieldId: null, text: 'thuế' }, rules);
    expect(s.map((x) => [x.unitId, x.score])).toEqual([
      [4, 1],
      [5, 1],
    ]);
    const reversed = suggestUnits(
      { fieldId: null, text: 'thuế' },
      { fields, keywords: [...keywords].reverse() },
    );
    expect(reversed.map((x) => x.unitId)).toEqual([4, 5]);
  });

  it('orders several field units by id when the field maps to more than one unit', () => {
    const s = suggestUnits(
      { fieldId: 30, text: '' },
      {
        fields: [
          { fieldId: 30, unitId: 9 },
          { fieldId: 30, unitId: 8 },
        ],
        keywords: [],
      },
    );
    expect(s.map((x) => x.unitId)).toEqual([8, 9]);
  });

  it('ignores keywords that fold to nothing', () => {
    expect(
      suggestUnits(
        { fieldId: null, text: 'a - b' },
        { fields: [], keywords: [{ keyword: ' - ', unitId: 1 }] },
      ),
    ).toEqual([]);
  });
});
