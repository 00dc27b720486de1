import { describe, expect, it } from 'vitest';

import { citationIndexKeys, compareCitations, findCitations, parseCitations } from '~/domain/citations';

const keys = (text: string) => parseCitations(text).map((c) => c.key);

describe('parseCitations', () => {
  it.each([
    ['Nghị định 20/2008/NĐ-CP', 'nd:20/2008'],
    ['Nghị định số 20/2008/NĐ-CP ngày 14/02/2008', 'nd:20/2008'],
    ['NĐ 20/2008', 'nd:20/2008'],
    ['NĐ20/2008', 'nd:20/2008'],
    ['nđ số 20/2008', 'nd:20/2008'],
    ['nghị định số 20', 'nd:20'],
    ['nghị định 20', 'nd:20'],
    ['NGHỊ ĐỊNH SỐ: 20/2008/NĐ-CP', 'nd:20/2008'],
    ['nghi dinh so 20 nam 2008', 'nd:20/2008'],
    ['nghi dinh 20/2008/ND-CP', 'nd:20/2008'],
    ['Nghị định số 20 năm 2008', 'nd:20/2008'],
    ['căn cứ 20/2008/NĐ-CP', 'nd:20/2008'],
    ['Thông tư 23/2013/TT-BKHCN', 'tt:23/2013'],
    ['TT 23/2013', 'tt:23/2013'],
    ['theo TT số 23', 'tt:23'],
    ['thong tu so 23/2013/tt-bkhcn', 'tt:23/2013'],
    ['Thông tư số 08/2019/TT-BKHCN', 'tt:8/2019'],
    ['Thông tư 8/2019', 'tt:8/2019'],
    ['Thông tư liên tịch 27/2015/TTLT-BKHCN-BTC', 'ttlt:27/2015'],
    ['TTLT 27/2015', 'ttlt:27/2015'],
    ['Quyết định 2421/QĐ-BKHCN', 'qd:2421'],
    ['quyết định số 2421', 'qd:2421'],
    ['QĐ số 118/QĐ-TTg', 'qd:118'],
    ['Quyết định số 18/2019/QĐ-TTg', 'qd:18/2019'],
    ['quyet dinh 18/2019/qd-ttg', 'qd:18/2019'],
    ['Luật số 50/2005/QH11', 'luat:50/2005'],
    ['Luật 07/2017/QH14', 'luat:7/2017'],
    ['Luật Sở hữu trí tuệ', 'luat:50/2005'],
    ['luat so huu tri tue nam 2005', 'luat:50/2005'],
    ['Luật Đo lường 2011', 'luat:4/2011'],
    ['Luật Năng lượng nguyên tử', 'luat:18/2008'],
    ['Luật Chuyển giao công nghệ số 07/2017/QH14', 'luat:7/2017'],
    ['50/2005/QH11', 'luat:50/2005'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });

  it('treats NFD input like NFC', () => {
    expect(keys('Nghị định số 20/2008/NĐ-CP'.normalize('NFD'))).toEqual(['nd:20/2008']);
  });

  it('finds several references in one text, once each', () => {
    expect(
      keys('Theo Nghị định 132/2008/NĐ-CP và Thông tư 28/2012/TT-BKHCN; xem lại NĐ 132/2008 và QĐ số 2421'),
    ).toEqual(['nd:132/2008', 'tt:28/2012', 'qd:2421']);
  });

  it('keeps the issuer when written', () => {
    const [c] = parseCitations('Thông tư 23/2013/TT-BKHCN');
    expect(c).toMatchObject({ kind: 'tt', number: 23, year: 2013, issuer: 'tt-bkhcn', looseKey: 'tt:23' });
  });

  it.each([
    ['nghị định mới về đo lường'],
    ['nghị định số'],
    ['thông tư hướng dẫn'],
    ['Luật'],
    ['Luật sư tư vấn cho tôi'],
    ['tt 5 người'],
    ['nd 20'],
    ['QĐ 15'],
    ['qd số abc'],
    ['tten 20/2008'],
    ['nghị định 0/2008'],
    ['nghị định 20/1800'],
    ['nghị định 20abc'],
    ['quyết định 3 người đi'],
    ['luật 2 năm nay'],
    ['ttlt 5 bên'],
    ['số điện thoại 0912345678'],
    ['ngày 20/2008'],
    ['QCVN 3:2019/BKHCN'],
    ['Luật Khoa học và Công nghệ năm 2000'],
    [''],
  ])('%s → nothing', (text) => {
    expect(keys(text)).toEqual([]);
  });
});

describe('findCitations', () => {
  it('gives the span in the folded text', () => {
    const [c] = findCitations('Theo NĐ 20/2008 thì');
    expect(c).toMatchObject({ key: 'nd:20/2008', start: 5, end: 15 });
  });
});

describe('compareCitations', () => {
  const one = (t: string) => {
    const [c] = parseCitations(t);
    if (!c) throw new Error(`no citation in ${t}`);
    return c;
  };

  it('exact when kind, number and year agree, whatever the form', () => {
    expect(compareCitations(one('Nghị định 20/2008/NĐ-CP'), one('nghi dinh so 20 nam 2008'))).toBe('exact');
  });

  it('loose when one side has no year', () => {
    expect(compareCitations(one('Nghị định 20/2008/NĐ-CP'), one('nghị định số 20'))).toBe('loose');
  });

  it('nothing for the same number in another year or of another kind', () => {
    expect(compareCitations(one('Nghị định 13/2019/NĐ-CP'), one('Nghị định 13/2012/NĐ-CP'))).toBeNull();
    expect(compareCitations(one('Nghị định 13/2019'), one('Thông tư 13/2019'))).toBeNull();
  });

  it('indexes a dated reference under both keys', () => {
    expect(citationIndexKeys(one('NĐ 20/2008'))).toEqual(['nd:20/2008', 'nd:20']);
    expect(citationIndexKeys(one('nghị định số 20'))).toEqual(['nd:20']);
  });
});
