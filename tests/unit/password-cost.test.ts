// The portal hashes staff passwords with argon2id at the OWASP cost; only the test fixtures use a cheaper
// one (tests/support/staff.ts), and a password hashed either way verifies through the portal's code.
import { expect, it } from 'vitest';

import { hashPassword, verifyPassword } from '~/utils/password-hash.server';

import { cheapPasswordHash } from '../support/staff';

it('the portal hashes with argon2id, 19 MiB, 2 passes, 1 lane, whatever NODE_ENV says', async () => {
  for (const env of ['production', 'test', 'development'] as const) {
    process.env.NODE_ENV = env;
    const h = await hashPassword('Mật-khẩu-thử-2026');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Mật-khẩu-thử-2026')).toBe(true);
  }
});

it('the fixtures’ cheap hashes verify through the same code', async () => {
  const h = await cheapPasswordHash('Mật-khẩu-thử-2026');
  expect(h).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
  expect(await verifyPassword(h, 'Mật-khẩu-thử-2026')).toBe(true);
  expect(await verifyPassword(h, 'sai')).toBe(false);
});
