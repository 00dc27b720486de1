// Staff accounts and signed-in cookies for route tests.
import crypto from 'node:crypto';

import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';

import type { Role } from '~/domain/permissions';
import { type Db, first, one } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, type TestApp } from './app';

export const DEFAULT_TEST_PASSWORD = 'Đồng-hồ-cát-xanh-2026';

/**
 * argon2id at the lowest cost, for the accounts the tests create: verifying reads the cost from the
 * hash, so signing in with them is cheap too. The portal's own hashes keep the production cost
 * (tests/unit/password-cost.test.ts); an account whose password a test changes gets it.
 */
export function cheapPasswordHash(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 } as Parameters<
    typeof hash
  >[1]);
}

/** Inserts an active account (unitCode = a seeded unit such as 'QLKHCN'); returns its id and credentials. */
export async function createStaffUser(
  db: Db,
  {
    role,
    unitCode,
    email,
    password = DEFAULT_TEST_PASSWORD,
    name,
  }: { role: Role; unitCode?: string; email?: string; password?: string; name?: string },
): Promise<{ id: number; email: string; password: string }> {
  let unitId: number | null = null;
  if (unitCode) {
    const unit = await first(db.select().from(s.units).where(eq(s.units.code, unitCode)));
    if (!unit) throw new Error(`createStaffUser: no unit ${unitCode}`);
    unitId = unit.id;
  }
  const address = (
    email ?? `${role}-${crypto.randomBytes(4).toString('hex')}@so-khcn.example.vn`
  ).toLowerCase();
  const row = await one(
    db
      .insert(s.users)
      .values({
        email: address,
        name: name ?? `Cán bộ ${role}`,
        role,
        unitId,
        passwordHash: await cheapPasswordHash(password),
      })
      .returning({ id: s.users.id }),
  );
  return { id: row.id, email: address, password };
}

/**
 * Follows a redirect that carries a confirmation in the flash cookie (pakn_flash), with the given
 * session cookie; returns the HTML of the page it lands on.
 */
export async function followFlash(app: TestApp, res: Response, cookie: string): Promise<string> {
  const flash = cookiesFrom(res).pakn_flash;
  if (!flash) throw new Error(`no flash cookie on the answer to ${res.url || 'the request'}`);
  const location = res.headers.get('Location') ?? '/';
  const landed = await app.fetch(location, { headers: { Cookie: `${cookie}; pakn_flash=${flash}` } });
  return landed.text();
}

/** Picks `name=value` pairs out of Set-Cookie headers. */
export function cookiesFrom(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const i = pair!.indexOf('=');
    out[pair!.slice(0, i).trim()] = pair!.slice(i + 1).trim();
  }
  return out;
}

/** Signs in through the real form; returns the Cookie header value to send with later requests. */
export async function signIn(
  app: TestApp,
  email: string,
  password: string,
  init: { ip?: string; cookie?: string } = {},
): Promise<string> {
  const res = await app.fetch('/can-bo/dang-nhap', {
    method: 'POST',
    ip: init.ip,
    headers: {
      Host: new URL(BASE).host,
      Origin: BASE,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: new URLSearchParams({ email, password }),
  });
  const token = cookiesFrom(res).pakn_staff;
  if (res.status !== 302 || !token) {
    throw new Error(
      `signIn(${email}) failed: HTTP ${res.status} ${res.status === 302 ? '' : (await res.text()).slice(0, 300)}`,
    );
  }
  return `pakn_staff=${token}`;
}

/** A form post as the browser sends it from our own pages. */
export function postForm(
  app: TestApp,
  path: string,
  cookie: string | null,
  fields: Record<string, string>,
  init: { ip?: string; origin?: string | null } = {},
) {
  // Host as a browser sends it: Remix refuses (500) a POST whose Origin does not match it
  const headers: Record<string, string> = {
    Host: new URL(BASE).host,
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  if (init.origin !== null) headers.Origin = init.origin ?? BASE;
  if (cookie) headers.Cookie = cookie;
  return app.fetch(path, { method: 'POST', ip: init.ip, headers, body: new URLSearchParams(fields) });
}
