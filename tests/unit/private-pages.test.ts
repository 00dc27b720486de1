import { describe, expect, it } from 'vitest';

import { isPrivatePath, privateCacheControl } from '~/utils/private-pages';

describe('isPrivatePath', () => {
  it('covers the staff area, the follow-up, the form and the rating page, however the path is written', () => {
    for (const p of [
      '/can-bo',
      '/can-bo/pakn/1',
      '/can-bo/bao-cao.csv',
      '/CAN-BO/pakn/1',
      '/can%2Dbo/pakn/1',
      '/theo-doi',
      '/theo-doi/KHCN-2026-000001',
      '/theo-doi/van-ban/3.pdf',
      '/gop-y',
      '/gop-y/kiem-tra',
      '/danh-gia/1.abc',
    ]) {
      expect(isPrivatePath(p), p).toBe(true);
    }
  });
  it('leaves the public pages alone', () => {
    for (const p of [
      '/',
      '/cong-khai',
      '/so-cong-khai',
      '/van-ban/3.pdf',
      '/gop-yx',
      '/can-bob',
      '/%E0%A4%A',
    ]) {
      expect(isPrivatePath(p), p).toBe(false);
    }
  });
  it("keeps a route's own no-store value, replaces anything else", () => {
    expect(privateCacheControl('private, no-store')).toBe('private, no-store');
    expect(privateCacheControl('public, max-age=60')).toBe('no-store');
    expect(privateCacheControl(undefined)).toBe('no-store');
  });
});
