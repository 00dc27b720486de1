import { describe, expect, it } from 'vitest';

import { agencyHeaderName, headerSegments, wrapHeader } from '~/domain/document-layout';

// one unit per character: enough to check where lines break
const len = (s: string) => [...s].length;

describe('headerSegments', () => {
  it('splits before the name of an administrative unit, keeping the name whole', () => {
    expect(headerSegments('ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN')).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH PHÚ YÊN']);
    expect(headerSegments('Ủy ban nhân dân thành phố Hà Nội')).toEqual([
      'Ủy ban nhân dân',
      'thành phố Hà Nội',
    ]);
    expect(headerSegments('ỦY BAN NHÂN DÂN THỊ XÃ SÔNG CẦU')).toEqual(['ỦY BAN NHÂN DÂN', 'THỊ XÃ SÔNG CẦU']);
    expect(headerSegments('SỞ KHOA HỌC VÀ CÔNG NGHỆ')).toEqual(['SỞ KHOA HỌC VÀ CÔNG NGHỆ']);
  });
});

describe('wrapHeader', () => {
  it('keeps a line that fits', () => {
    expect(wrapHeader('ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN', 40, len)).toEqual(['ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN']);
  });
  it('never breaks a place name: TỈNH PHÚ / YÊN', () => {
    expect(wrapHeader('ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN', 24, len)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH PHÚ YÊN']);
    expect(wrapHeader('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 26, len)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HỒ CHÍ MINH',
    ]);
  });
  it('breaks a phrase too long for a line into even lines', () => {
    expect(wrapHeader('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 20, len)).toEqual(['SỞ KHOA HỌC', 'VÀ CÔNG NGHỆ']);
    expect(wrapHeader('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH PHÚ YÊN', 20, len)).toEqual([
      'SỞ KHOA HỌC',
      'VÀ CÔNG NGHỆ',
      'TỈNH PHÚ YÊN',
    ]);
  });
});

describe('agencyHeaderName', () => {
  it('does not repeat the place of the parent agency', () => {
    expect(agencyHeaderName('Sở Khoa học và Công nghệ tỉnh Phú Yên', 'Ủy ban nhân dân tỉnh Phú Yên')).toBe(
      'Sở Khoa học và Công nghệ',
    );
    expect(agencyHeaderName('Sở Khoa học và Công nghệ tỉnh Phú Yên', 'Bộ Khoa học và Công nghệ')).toBe(
      'Sở Khoa học và Công nghệ tỉnh Phú Yên',
    );
    expect(agencyHeaderName('Sở Khoa học và Công nghệ', 'Ủy ban nhân dân tỉnh Phú Yên')).toBe(
      'Sở Khoa học và Công nghệ',
    );
  });
});
