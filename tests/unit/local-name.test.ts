import { describe, expect, it } from 'vitest';

import { localName } from '~/domain/local-name';

describe('localName', () => {
  const unit = { name: 'Phòng Quản lý KH&CN', nameEn: 'Science and Technology Management Division' };
  it('gives the Vietnamese name to Vietnamese readers', () => expect(localName(unit, 'vi')).toBe(unit.name));
  it('gives the English name to English readers', () => expect(localName(unit, 'en')).toBe(unit.nameEn));
  it('falls back to the Vietnamese name when the English one is empty', () =>
    expect(localName({ name: 'Chi cục Tiêu chuẩn, Đo lường, Chất lượng', nameEn: '' }, 'en')).toBe(
      'Chi cục Tiêu chuẩn, Đo lường, Chất lượng',
    ));
});
