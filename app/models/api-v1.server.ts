// What the JSON API /api/v1 reads: a PAKN's status and public answer (the public record only), the status changes
// since a cursor (the timeline's status events), and for staff keys the open queue.
import { and, asc, desc, eq, gt, isNotNull, lt, notInArray, type SQL } from 'drizzle-orm';

import { localName } from '~/domain/local-name';
import { isoVietnam } from '~/domain/open311';
import { type Channel, normaliseCode } from '~/domain/pakn';
import {
  answerClockApplies,
  isClosed,
  isStatus,
  publicStatus,
  type Status,
  STATUSES,
} from '~/domain/workflow';
import { type DbOrTx, first, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';

import { getAgency, listFields } from './config.server';

const asStatus = (v: string | null | undefined): Status => (v && isStatus(v) ? v : 'received');

export async function getPaknStatus(rawCode: string, locale: 'vi' | 'en', db: DbOrTx = getDb()) {
  const p = await first(
    db
      .select()
      .from(s.pakn)
      .where(eq(s.pakn.code, normaliseCode(rawCode))),
  );
  if (!p) return null;
  const status = asStatus(p.status);
  const field = p.fieldId
    ? await first(db.select().from(s.fields).where(eq(s.fields.id, p.fieldId)))
    : undefined;
  const unit = p.unitId ? await first(db.select().from(s.units).where(eq(s.units.id, p.unitId))) : undefined;
  const pub = publicStatus(status);
  const published = p.publication === 'published' && p.publishedAt;
  return {
    code: p.code,
    status: pub.key,
    statusLabel: locale === 'en' ? pub.en : pub.vi,
    open: !isClosed(status),
    receivedAt: isoVietnam(p.receivedAt),
    dueDate: answerClockApplies(status) ? (p.extendedTo ?? p.answerDue) : null,
    field: field ? { code: field.code, name: localName(field, locale) } : null,
    responsible: unit ? localName(unit, locale) : localName(await getAgency(db), locale),
    publicAnswer: published
      ? {
          title: p.publicTitle ?? '',
          summary: p.publicSummary ?? '',
          answer: p.publicAnswer ?? '',
          publishedAt: isoVietnam(p.publishedAt!),
          url: `${getEnv().BASE_URL}/cong-khai/${p.code}`,
        }
      : null,
  };
}

export async function listChanges(
  { cursor = 0, limit = 100 }: { cursor?: number; limit?: number },
  db: DbOrTx = getDb(),
) {
  const rows = await db
    .select({ id: s.events.id, toStatus: s.events.toStatus, at: s.events.createdAt, code: s.pakn.code })
    .from(s.events)
    .innerJoin(s.pakn, eq(s.pakn.id, s.events.paknId))
    .where(and(gt(s.events.id, cursor), isNotNull(s.events.toStatus)))
    .orderBy(asc(s.events.id))
    .limit(limit);
  return {
    changes: rows.map((r) => {
      const status = asStatus(r.toStatus);
      return {
        cursor: String(r.id),
        code: r.code,
        status: publicStatus(status).key,
        open: !isClosed(status),
        at: isoVietnam(r.at),
      };
    }),
    nextCursor: String(rows.at(-1)?.id ?? cursor),
  };
}

const CLOSED = STATUSES.filter((st) => isClosed(st));

export async function listQueue(
  { cursor, limit = 50, locale }: { cursor?: number; limit?: number; locale: 'vi' | 'en' },
  db: DbOrTx = getDb(),
) {
  const where: SQL[] = [notInArray(s.pakn.status, CLOSED)];
  if (cursor) where.push(lt(s.pakn.id, cursor));
  const rows = await db
    .select({
      id: s.pakn.id,
      code: s.pakn.code,
      status: s.pakn.status,
      title: s.pakn.title,
      channel: s.pakn.channel,
      receivedDate: s.pakn.receivedDate,
      stepDue: s.pakn.stepDue,
      unitId: s.pakn.unitId,
      fieldId: s.pakn.fieldId,
    })
    .from(s.pakn)
    .where(and(...where))
    .orderBy(desc(s.pakn.id))
    .limit(limit + 1);
  const fields = new Map((await listFields({ activeOnly: false, db })).map((f) => [f.id, f]));
  const units = new Map((await db.select().from(s.units)).map((u) => [u.id, u]));
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => {
      const unit = r.unitId ? units.get(r.unitId) : undefined;
      const field = r.fieldId ? fields.get(r.fieldId) : undefined;
      return {
        code: r.code,
        status: asStatus(r.status),
        title: r.title,
        channel: r.channel as Channel,
        receivedDate: r.receivedDate,
        stepDue: r.stepDue ?? null,
        unit: unit ? localName(unit, locale) : null,
        field: field ? localName(field, locale) : null,
      };
    }),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
