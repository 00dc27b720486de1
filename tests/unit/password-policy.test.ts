import { describe, expect, it } from 'vitest';

import {
  checkPassword,
  COMMON_PASSWORDS,
  isCommonPassword,
  PASSWORD_MIN_LENGTH,
} from '~/domain/password-policy';

describe('password policy', () => {
  it('requires at least 12 characters (counted as characters, not bytes)', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkPassword('')).toBe('required');
    expect(checkPassword('Ngắn-quá-1')).toBe('tooShort');
    expect(checkPassword('Đồng-hồ-cát1')).toBeNull(); // 12 characters with diacritics
    expect(checkPassword('x'.repeat(257))).toBe('tooLong');
  });

  it('ships a list of about 200 common passwords including Vietnamese favourites', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(200);
    for (const p of ['matkhau123', '123456789', 'admin@123', 'anhyeuem', 'iloveyou'])
      expect(COMMON_PASSWORDS).toContain(p);
  });

  it('rejects common passwords and common words dressed up with digits and symbols', () => {
    for (const p of [
      '123456789012',
      'matkhau123456',
      'MatKhau@2026!!',
      'Admin@123456',
      'password1234',
      'qwertyuiop123',
      'iloveyou2026',
      'vietnam12345678',
      '111111111111',
      'aaaaaaaaaaaaaaa',
      'abcdefghijklm',
      'admin123admin123',
    ]) {
      expect(checkPassword(p), p).toBe('common');
    }
    expect(isCommonPassword('Cay-xoai-truoc-nha-2026')).toBe(false);
  });

  it('rejects a password containing the e-mail local part', () => {
    expect(checkPassword('nguyen.van.a-2026-xyz', { email: 'nguyen.van.a@so-khcn.gov.vn' })).toBe(
      'containsEmail',
    );
    expect(checkPassword('xxNGUYEN.VAN.Axx12', { email: 'nguyen.van.a@so-khcn.gov.vn' })).toBe(
      'containsEmail',
    );
    expect(checkPassword('Cay-xoai-truoc-nha-2026', { email: 'nguyen.van.a@so-khcn.gov.vn' })).toBeNull();
  });

  it('accepts long passphrases', () => {
    expect(checkPassword('ba con mèo trèo cây cau')).toBeNull();
    expect(checkPassword('Song-Hong-do-nang-2026', { email: 'tran.b@example.vn' })).toBeNull();
  });
});
