// The submitter's rating of an answer, and their request to reconsider it. The link in the answer
// e-mail is signed (HMAC of the PAKN id), so it needs no stored token and cannot be guessed; the page
// behind it shows nothing personal.
import { createHmac, timingSafeEqual } from 'node:crypto';

import { eq } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import { workingDaysBetween } from '~/domain/deadlines';
import type { RatingInput } from '~/domain/rating';
import { getSetting } from '~/models/admin/settings.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { getCalendar } from './config.server';

const sign = (id: number) =>
  createHmac('sha256', getEnv().SESSION_SECRET).update(`rating:${id}`).digest('base64url').slice(0, 32);

export function ratingToken(paknId: number): string {
  return `${paknId}.${sign(paknId)}`;
}

export function ratingUrl(paknId: number): string {
  return `${getEnv().BASE_URL}/danh-gia/${ratingToken(paknId)}`;
}

export function verifyRatingToken(token: string): number | null {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** [policy] days after the answer during which an unsatisfied submitter may ask for reconsideration. */
export async function reconsiderationDays(db: DbOrTx = getDb()): Promise<number> {
  return getSetting('feedback.reconsiderationDays', db);
}

export async function getRatingContext({ paknId }: { paknId: number }, db: DbOrTx = getDb()) {
  const p = await first(
    db
      .select({
        id: s.pakn.id,
        code: s.pakn.code,
        title: s.pakn.title,
        publicTitle: s.pakn.publicTitle,
        status: s.pakn.status,
        answeredAt: s.pakn.answeredAt,
        publication: s.pakn.publication,
      })
      .from(s.pakn)
      .where(eq(s.pakn.id, paknId)),
  );
  if (!p || p.status !== 'answered' || !p.answeredAt) return null;
  const rating = await first(db.select().from(s.feedbackRatings).where(eq(s.feedbackRatings.paknId, paknId)));
  const days = await reconsiderationDays(db);
  const elapsed = workingDaysBetween(
    toLocalDate(p.answeredAt),
    toLocalDate(new Date()),
    await getCalendar(db),
  );
  return { pakn: p, rating, canReconsider: elapsed <= days, reconsiderationDays: days };
}

/**
 * Records (or replaces) the rating; a reconsideration request is an internal event that puts the
 * PAKN in the coordinators' queue (tab "xem xét lại") — it does not change the answer by itself.
 */
export async function submitRating(
  { paknId, input, ip }: { paknId: number; input: RatingInput; ip?: string },
  db: DbOrTx = getDb(),
): Promise<{ ok: true } | { ok: false; error: 'reconsiderClosed' | 'alreadyRequested' }> {
  const ctx = await getRatingContext({ paknId }, db);
  if (!ctx) return { ok: false, error: 'reconsiderClosed' };
  if (input.reconsider && !ctx.canReconsider) return { ok: false, error: 'reconsiderClosed' };
  if (input.reconsider && ctx.rating?.reconsiderationRequested)
    return { ok: false, error: 'alreadyRequested' };
  await transaction(db, async (tx) => {
    const values = {
      rating: input.rating,
      comment: input.comment || null,
      reconsiderationRequested: input.reconsider || (ctx.rating?.reconsiderationRequested ?? false),
    };
    await tx
      .insert(s.feedbackRatings)
      .values({ paknId, ...values })
      .onConflictDoUpdate({ target: s.feedbackRatings.paknId, set: values });
    await tx.insert(s.events).values({
      paknId,
      type: input.reconsider ? 'reconsideration_requested' : 'rated',
      note: input.reconsider ? input.comment : null,
      isPublic: false,
      data: JSON.stringify({ rating: input.rating }),
    });
    await audit(
      {
        actorUserId: null,
        action: input.reconsider ? 'pakn.reconsideration' : 'pakn.rating',
        targetType: 'pakn',
        targetId: paknId,
        ip,
      },
      tx,
    );
  });
  return { ok: true };
}
