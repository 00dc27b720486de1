// "PAKN của tôi": a citizen who lost their codes asks for a one-time link by e-mail, then sees every
// PAKN sent with that address (no account). The answer to the request never says whether the address
// sent anything; only a token's hash is stored; a link expires and works once.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';

import { localName } from '~/domain/local-name';
import { fixedLimit, RATE_LIMITS } from '~/domain/rate-limits';
import { publicStatus } from '~/domain/workflow/transitions';
import { enqueueMail } from '~/models/outbox.server';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { type Db, type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';
import { renderMyPaknEmail } from '~emails/my-pakn';

import { getAgency } from './config.server';
import { hitRateLimit } from './rate-limit.server';

export const MY_PAKN_LINK_TTL_MS = 30 * 60_000;
export const MY_PAKN_LIMITS = {
  /** per e-mail address: nobody can flood one inbox */
  perEmail: fixedLimit('my-pakn-email'),
  /** per client address: nobody can probe many addresses */
  perIp: fixedLimit('my-pakn-ip'),
  windowSeconds: RATE_LIMITS['my-pakn-ip'].windowSeconds,
} as const;

export type MyPaknRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number };

async function paknCountFor(email: string, db: DbOrTx): Promise<number> {
  return (
    (
      await first(
        db
          .select({ n: sql<number>`count(*)` })
          .from(s.pakn)
          .where(sql`lower(${s.pakn.email}) = ${email}`),
      )
    )?.n ?? 0
  );
}

/**
 * Counts the request against both limits, then mails a link only if the address sent a PAKN. The
 * caller shows the same page either way.
 */
export async function requestMyPaknLink(
  { email, ip, locale, now = Date.now() }: { email: string; ip: string; locale: 'vi' | 'en'; now?: number },
  db: Db = getDb(),
): Promise<MyPaknRequestResult> {
  const address = email.trim().toLowerCase();
  // the address is kept hashed in the rate-limit table
  const limits = [
    await hitRateLimit({ bucket: 'my-pakn-ip', key: ip, now }, db),
    await hitRateLimit({ bucket: 'my-pakn-email', key: sha256(address), now }, db),
  ];
  const blocked = limits.find((l) => !l.allowed);
  if (blocked) return { ok: false, retryAfterSeconds: blocked.retryAfterSeconds };
  const count = await paknCountFor(address, db);
  if (!count) return { ok: true };
  const token = randomToken(32);
  const agency = await getAgency(db);
  const rendered = renderMyPaknEmail({
    locale,
    url: `${getEnv().BASE_URL}/pakn-cua-toi/${token}`,
    expiresMinutes: MY_PAKN_LINK_TTL_MS / 60_000,
    count,
    agency: {
      name: localName(agency, locale),
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: locale === 'en' ? agency.officeHoursEn : agency.officeHours,
    },
  });
  await transaction(db, async (tx) => {
    await tx
      .insert(s.myPaknLinks)
      .values({ tokenHash: sha256(token), email: address, expiresAt: new Date(now + MY_PAKN_LINK_TTL_MS) });
    await enqueueMail(tx, { to: address, ...rendered, template: 'my-pakn' });
  });
  return { ok: true };
}

/** Uses a link once: the address it was sent to, or null when unknown, used or expired. */
export async function consumeMyPaknLink(
  token: string,
  now = Date.now(),
  db: DbOrTx = getDb(),
): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const used = await first(
    db
      .update(s.myPaknLinks)
      .set({ usedAt: new Date(now) })
      .where(
        and(
          eq(s.myPaknLinks.tokenHash, sha256(token)),
          isNull(s.myPaknLinks.usedAt),
          gt(s.myPaknLinks.expiresAt, new Date(now)),
        ),
      )
      .returning({ email: s.myPaknLinks.email }),
  );
  return used?.email ?? null;
}

/** Every PAKN sent with this address, newest first. */
export async function listPaknByEmail(email: string, db: DbOrTx = getDb()) {
  return (
    await db
      .select({
        id: s.pakn.id,
        code: s.pakn.code,
        title: s.pakn.title,
        receivedAt: s.pakn.receivedAt,
        status: s.pakn.status,
      })
      .from(s.pakn)
      .where(sql`lower(${s.pakn.email}) = ${email.toLowerCase()}`)
      .orderBy(desc(s.pakn.receivedAt), desc(s.pakn.id))
      .limit(1000)
  ).map((p) => ({ ...p, publicStatus: publicStatus(p.status) }));
}

/** The PAKN, if it was sent with this address (the list's "open" button). */
export async function findPaknOfEmail({ id, email }: { id: number; email: string }, db: DbOrTx = getDb()) {
  return (
    (await first(
      db
        .select({ id: s.pakn.id, code: s.pakn.code })
        .from(s.pakn)
        .where(and(eq(s.pakn.id, id), sql`lower(${s.pakn.email}) = ${email.toLowerCase()}`)),
    )) ?? null
  );
}
