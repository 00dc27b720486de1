// Registering a PAKN (vào sổ) and what its submitter may see of it.
import { and, asc, eq, sql } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import { computeDueDate, type DueDate } from '~/domain/deadlines';
import { type Channel, formatPaknCode, type PaknType, type Subject, type SubmitterKind } from '~/domain/pakn';
import { foldVietnamese } from '~/domain/routing';
import { normalisePhone } from '~/domain/text';
import { publicStatus } from '~/domain/workflow/transitions';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { type DbOrTx, dialectOf, first, getDb, one, pgQueryableOf, rawAll } from '~/utils/db.server';
import * as s from '~db/schema';

import { type Agency, getAgency, getCalendar, getDeadlineRules } from './config.server';
import { upsertSimilarIndex } from './pg/search.server';
import { recordWebhookEvent, subscribedWebhooks } from './webhook-deliveries.server';

export type Pakn = typeof s.pakn.$inferSelect;

export type NewPakn = {
  type: PaknType;
  subject: Subject;
  category: number;
  submitterKind: SubmitterKind;
  orgName: string | null;
  representative: string | null;
  fullName: string;
  address: string;
  phone: string;
  email: string | null;
  title: string;
  content: string;
  regulationRef: string | null;
  fieldId: number | null;
  channel: Channel;
  lang: 'vi' | 'en';
  receivedAt: Date;
  consent: boolean;
  showIdentity: boolean;
  actorUserId?: number | null;
};

export function buildSearchText(
  p: Pick<Pakn, 'code' | 'title' | 'content' | 'fullName' | 'orgName' | 'email' | 'phone'>,
) {
  return foldVietnamese(
    [p.code, p.title, p.content, p.fullName, p.orgName ?? '', p.email ?? '', p.phone].join(' '),
  );
}

/** A PAKN being registered, before its code: what the caller writes with it (files, the draft's link). */
export type Registering = Omit<Pakn, 'code'>;

/**
 * Registers a PAKN inside the caller's transaction: the row with its deadlines, its first event, then
 * `beforeCode` (what the caller writes with it: files, the draft's link), and last, on PostgreSQL, its
 * similar-PAKN row, then the next code of the year and the webhook event. The code's row and the similar index's
 * counters are updated by every submission and stay locked from that update to the commit on PostgreSQL: coming
 * last, they make concurrent submissions queue over a few statements rather than the whole registration (ADR
 * 0019). Until then the row carries a provisional code, which no other transaction can see.
 */
export async function createPakn(
  tx: DbOrTx,
  input: NewPakn,
  beforeCode?: (pakn: Registering) => Promise<void>,
): Promise<{ pakn: Pakn; accessToken: string; answerDue: DueDate; agency: Agency }> {
  const receivedDate = toLocalDate(input.receivedAt);
  const year = Number(receivedDate.slice(0, 4));
  const agency = await getAgency(tx);
  const calendar = await getCalendar(tx);
  const rules = await getDeadlineRules(tx);
  const classifyDue = computeDueDate({ start: receivedDate, ...rules.classify, calendar }).due;
  const answerDue = computeDueDate({ start: receivedDate, ...rules.answer, calendar });
  const accessToken = randomToken();
  const accessTokenHash = sha256(accessToken);
  const { actorUserId, consent, ...fields } = input;
  const draft = await one(
    tx
      .insert(s.pakn)
      .values({
        ...fields,
        code: `~${accessTokenHash}`,
        receivedDate,
        classifyDue,
        answerDue: answerDue.due,
        consentAt: consent ? input.receivedAt : null,
        accessTokenHash,
        searchText: '',
        status: 'received',
      })
      .returning(),
  );
  await tx.insert(s.events).values({
    paknId: draft.id,
    type: 'received',
    actorUserId: actorUserId ?? null,
    toStatus: 'received',
    isPublic: true,
    data: JSON.stringify({ channel: input.channel }),
  });
  await beforeCode?.(draft);
  // read before the rows every submission updates (below), so that they stay locked for fewer statements
  const hooks = await subscribedWebhooks(tx, 'received');
  // PostgreSQL has no trigger that can run the tokenizer: the similar-PAKN row is written here (ADR 0015)
  if (dialectOf(tx) === 'pg') await upsertSimilarIndex(pgQueryableOf(tx), [draft]);
  const { last } = await one(
    await rawAll<{ last: number }>(
      tx,
      // `code_sequences.last`: a bare `last` is ambiguous on PostgreSQL (the row or EXCLUDED)
      sql`INSERT INTO code_sequences (year, last) VALUES (${year}, 1)
        ON CONFLICT(year) DO UPDATE SET last = code_sequences.last + 1 RETURNING last`,
    ),
  );
  const code = formatPaknCode(agency.codePrefix, year, last);
  const pakn = await one(
    tx
      .update(s.pakn)
      .set({ code, searchText: buildSearchText({ ...input, code }) })
      .where(eq(s.pakn.id, draft.id))
      .returning(),
  );
  // every way in (the citizen form, staff intake, the API) registers through here: one event per PAKN
  await recordWebhookEvent(tx, { paknId: pakn.id, event: 'received', now: input.receivedAt, hooks });
  return { pakn, accessToken, answerDue, agency };
}

export async function answerDueDate(
  p: Pick<Pakn, 'receivedDate' | 'extendedTo' | 'id'>,
  db: DbOrTx = getDb(),
): Promise<DueDate> {
  const rules = await getDeadlineRules(db);
  const pauses = await db
    .select({ from: s.paknPauses.fromDate, to: s.paknPauses.toDate })
    .from(s.paknPauses)
    .where(eq(s.paknPauses.paknId, p.id));
  return computeDueDate({
    start: p.receivedDate,
    ...rules.answer,
    calendar: await getCalendar(db),
    pauses,
    extendedTo: p.extendedTo,
  });
}

/**
 * The follow-up check: code plus the e-mail or phone given at submission. Returns the id only when
 * both match, so a caller cannot tell a wrong code from a wrong contact.
 */
export async function findPaknForSubmitter(
  { code, contact }: { code: string; contact: string },
  db: DbOrTx = getDb(),
) {
  const row = await first(
    db
      .select({ id: s.pakn.id, email: s.pakn.email, phone: s.pakn.phone })
      .from(s.pakn)
      .where(eq(s.pakn.code, code)),
  );
  if (!row) return null;
  const trimmed = contact.normalize('NFC').trim();
  const byEmail = row.email !== null && trimmed.toLowerCase() === row.email.toLowerCase();
  const phone = normalisePhone(trimmed);
  const byPhone = phone !== null && phone === row.phone;
  return byEmail || byPhone ? row.id : null;
}

export async function findPaknByAccessToken(token: string, db: DbOrTx = getDb()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return (
    (await first(
      db
        .select({ id: s.pakn.id, code: s.pakn.code, lang: s.pakn.lang })
        .from(s.pakn)
        .where(eq(s.pakn.accessTokenHash, sha256(token))),
    )) ?? null
  );
}

/** The submitter's own full record (spec §8): everything they sent, the status and the public history. */
export async function getSubmitterView({ id }: { id: number }, db: DbOrTx = getDb()) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, id)));
  if (!p) return null;
  const field = p.fieldId
    ? await first(db.select().from(s.fields).where(eq(s.fields.id, p.fieldId)))
    : undefined;
  const unit = p.unitId ? await first(db.select().from(s.units).where(eq(s.units.id, p.unitId))) : undefined;
  const files = await db
    .select({ id: s.attachments.id, name: s.attachments.originalName, size: s.attachments.size })
    .from(s.attachments)
    .where(and(eq(s.attachments.paknId, id), eq(s.attachments.source, 'submitter')))
    .orderBy(asc(s.attachments.id));
  const history = await db
    .select({
      id: s.events.id,
      type: s.events.type,
      toStatus: s.events.toStatus,
      note: s.events.note,
      at: s.events.createdAt,
    })
    .from(s.events)
    .where(and(eq(s.events.paknId, id), eq(s.events.isPublic, true)))
    .orderBy(asc(s.events.id));
  const due = await answerDueDate(p, db);
  const answer = await first(db.select().from(s.answers).where(eq(s.answers.paknId, id)));
  return {
    pakn: p,
    field,
    unit,
    files,
    history,
    due,
    answer,
    publicStatus: publicStatus(p.status),
  };
}

export async function countPakn(db: DbOrTx = getDb()): Promise<number> {
  return (await first(db.select({ n: sql<number>`count(*)` }).from(s.pakn)))?.n ?? 0;
}
