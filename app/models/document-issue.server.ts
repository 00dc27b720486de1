// Issuing the accountability documents (plan VI.3/VI.4): inside the transaction of the workflow step they belong
// to, numbered per series and year (max + 1, SQLite serialises write transactions), with the redacted version of
// the public types stored beside the full one. Reading them and who sees what: documents.server.ts.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';

import { type LocalDate, toLocalDate } from '~/domain/dates';
import { computeDueDate } from '~/domain/deadlines';
import {
  type AnswerOutcome,
  buildDocument,
  type Common,
  type DocumentInput,
  type DocumentType,
  formatDocumentNumber,
  NUMBER_SERIES,
  type NumberParts,
  OUTCOMES,
  PUBLIC_DOCUMENT_TYPES,
  publicVersion,
  type TemplateInputs,
  typesInSeries,
} from '~/domain/document-templates';
import { REFUSAL_REASONS, type RefusalReason } from '~/domain/pakn';
import { getSetting } from '~/models/admin/settings.server';
import { repeatOfRefusal } from '~/models/similarity.server';
import { type DbOrTx, first, one } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { getAgency, getCalendar, getDeadlineRules } from './config.server';
import {
  publicContextOf,
  submitterDocumentPdfUrl,
  submitterDocumentUrl,
  submitterOf,
} from './documents.server';
import type { Step } from './notifications.server';
import { answerDueDate } from './pakn.server';

type Pakn = typeof s.pakn.$inferSelect;

/** Which document each workflow step issues (steps not listed issue none). */
export const STEP_DOCUMENT: Partial<Record<Step, DocumentType>> = {
  refused: 'refusal',
  info_requested: 'info_request',
  extended: 'late_apology',
  transferred: 'transfer',
  answered: 'reply_cover',
};

/**
 * The next number of `type`'s series in `year`: max + 1 over the documents of that series and year. Must run in
 * the transaction that inserts the document (SQLite serialises write transactions).
 */
export async function nextDocumentSeq(tx: DbOrTx, type: DocumentType, year: number): Promise<number> {
  const row = await first(
    tx
      .select({ max: sql<number | null>`max(${s.documents.seq})` })
      .from(s.documents)
      .where(and(eq(s.documents.year, year), inArray(s.documents.type, typesInSeries(NUMBER_SERIES[type])))),
  );
  return Number(row?.max ?? 0) + 1;
}

/** The agency's abbreviation (setting, else the code prefix) and the drafting unit: the PAKN's, else the setting's. */
async function numberParts(db: DbOrTx, p: Pakn): Promise<NumberParts> {
  const agency = (await getSetting('documents.agencyAbbreviation', db)) || (await getAgency(db)).codePrefix;
  const unit = p.unitId
    ? (await first(db.select({ code: s.units.code }).from(s.units).where(eq(s.units.id, p.unitId))))?.code
    : undefined;
  return { agency, unit: unit ?? (await getSetting('documents.draftingUnit', db)) };
}

export type IssueArgs<K extends DocumentType = DocumentType> = {
  paknId: number;
  type: K;
  actorUserId: number | null;
  input: TemplateInputs[K];
  now?: Date;
};

/**
 * Builds, numbers and stores one document for a PAKN inside the caller's transaction. The public types also get
 * their redacted version (publicContent) and isPublic = true.
 */
export async function issueDocument<K extends DocumentType>(
  db: DbOrTx,
  args: IssueArgs<K>,
): Promise<{ id: number; number: string }> {
  const { paknId, type, actorUserId, now = new Date() } = args;
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p) throw new Error(`issueDocument: PAKN ${paknId} not found`);
  const agency = await getAgency(db);
  const issuedDate = toLocalDate(now);
  const year = Number(issuedDate.slice(0, 4));
  const seq = await nextDocumentSeq(db, type, year);
  const number = formatDocumentNumber(seq, type, await numberParts(db, p));
  const common: Common = {
    number,
    issuedDate,
    agency: {
      name: agency.name,
      parentName: agency.parentName,
      province: agency.province,
      signerTitle: agency.signerTitle,
      signerName: agency.signerName,
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
    },
    pakn: { code: p.code, title: p.title, receivedDate: p.receivedDate },
    submitter: submitterOf(p),
    followUrl: `${getEnv().BASE_URL}/theo-doi`,
  };
  const doc = buildDocument(common, { type, ...args.input } as DocumentInput);
  const isPublic = PUBLIC_DOCUMENT_TYPES.has(type);
  const row = await one(
    db
      .insert(s.documents)
      .values({
        paknId,
        type,
        year,
        seq,
        number,
        issuedDate,
        addressee: doc.addressee ?? '',
        content: JSON.stringify(doc),
        publicContent: isPublic
          ? JSON.stringify(publicVersion(doc, await publicContextOf(db, p, type)))
          : null,
        isPublic,
        createdByUserId: actorUserId,
        createdAt: now,
      })
      .returning({ id: s.documents.id }),
  );
  await audit(
    {
      actorUserId,
      action: 'document.issue',
      targetType: 'document',
      targetId: row.id,
      detail: { code: p.code, type, number },
    },
    db,
  );
  return { id: row.id, number };
}

function isRefusalReason(x: string | null): x is RefusalReason {
  return x !== null && (REFUSAL_REASONS as readonly string[]).includes(x);
}
function isOutcome(x: string | null | undefined): x is AnswerOutcome {
  return typeof x === 'string' && (OUTCOMES as readonly string[]).includes(x);
}

async function lastEventData(
  db: DbOrTx,
  paknId: number,
  type: string,
): Promise<Record<string, unknown> | null> {
  const ev = await first(
    db
      .select({ data: s.events.data })
      .from(s.events)
      .where(and(eq(s.events.paknId, paknId), eq(s.events.type, type)))
      .orderBy(desc(s.events.id)),
  );
  if (!ev?.data) return null;
  try {
    const v = JSON.parse(ev.data) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isLocalDate = (x: unknown): x is LocalDate => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x);

export type IssuedDocument = { id: number; number: string; type: DocumentType; url: string; pdfUrl: string };

/**
 * Issues the document of a workflow step, reading what it needs through `tx`; null for steps without one.
 * Call it after the PAKN row (status, refusal reason, transfer agency, extended_to), the step's event and the
 * approved answer are written — i.e. right before notifyStep — and pass the result to the step's e-mail.
 * `note` is the staff's text of the step (the reason, the question, the explanation).
 */
export async function issueDocumentForStep(
  db: DbOrTx,
  {
    paknId,
    step,
    actorUserId,
    note,
    now = new Date(),
  }: { paknId: number; step: Step; actorUserId: number | null; note?: string | null; now?: Date },
): Promise<IssuedDocument | null> {
  const type = STEP_DOCUMENT[step];
  if (!type) return null;
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p) throw new Error(`issueDocumentForStep: PAKN ${paknId} not found`);
  const text = note ?? '';
  let issued: { id: number; number: string };
  const base = { paknId, actorUserId, now };
  switch (type) {
    case 'refusal':
      issued = await issueDocument(db, {
        ...base,
        type,
        input: {
          reason: isRefusalReason(p.refusalReason) ? p.refusalReason : null,
          note: text,
          repeatOf: await repeatOfRefusal(db, p),
        },
      });
      break;
    case 'info_request': {
      const wait = (await getDeadlineRules(db)).infoWait;
      const today = toLocalDate(now);
      const until = computeDueDate({
        start: today,
        days: wait.days,
        unit: wait.unit,
        calendar: await getCalendar(db),
      }).due;
      issued = await issueDocument(db, {
        ...base,
        type,
        input: { question: text, waitDays: wait.days, waitUnit: wait.unit, waitUntil: until },
      });
      break;
    }
    case 'late_apology': {
      const data = await lastEventData(db, paknId, 'extend');
      const previousDue = isLocalDate(data?.from)
        ? data.from
        : (await answerDueDate({ ...p, extendedTo: null }, db)).due;
      const newDue = p.extendedTo ?? (isLocalDate(data?.to) ? data.to : (await answerDueDate(p, db)).due);
      issued = await issueDocument(db, { ...base, type, input: { reason: text, previousDue, newDue } });
      break;
    }
    case 'transfer': {
      const ext = p.transferAgencyId
        ? await first(
            db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)),
          )
        : undefined;
      const data = await lastEventData(db, paknId, 'transfer');
      const name = ext?.name ?? (typeof data?.agencyName === 'string' ? data.agencyName : '');
      issued = await issueDocument(db, {
        ...base,
        type,
        input: { target: { name, address: ext?.address ?? null, email: ext?.email ?? null }, note: text },
      });
      break;
    }
    case 'reply_cover': {
      const answer = await first(db.select().from(s.answers).where(eq(s.answers.paknId, paknId)));
      issued = await issueDocument(db, {
        ...base,
        type,
        input: {
          answerBody: answer?.body ?? '',
          outcome: isOutcome(answer?.outcome) ? answer.outcome : null,
          publicUrl: `${getEnv().BASE_URL}/cong-khai`,
        },
      });
      break;
    }
  }
  return {
    ...issued,
    type,
    url: submitterDocumentUrl(issued.id),
    pdfUrl: submitterDocumentPdfUrl(issued.id),
  };
}
