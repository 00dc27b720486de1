// What staff see of one PAKN: the record page and its attachments. Reading the submitter's contact is
// audited, once per session and record; people without pakn:contact:read get it masked.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

import { createReadableStreamFromReadable } from '@remix-run/node';
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';

import { currentClock, lateSteps } from '~/domain/clocks';
import { toLocalDate } from '~/domain/dates';
import { computeDueDate, dueState, maxExtensionDate } from '~/domain/deadlines';
import { infoWaitEnds, mayCloseForNoInfo } from '~/domain/info-wait';
import { groupBlocksIntent } from '~/domain/pakn-groups';
import { type Actor, availableActions, can, canOnPakn, canReadPakn } from '~/domain/permissions';
import { suggestUnits } from '~/domain/routing';
import { WorkflowError } from '~/domain/workflow/errors';
import type { Intent } from '~/domain/workflow/intents';
import { isOpen } from '~/domain/workflow/transitions';
import { type DbOrTx, dialectOf, first, getDb } from '~/utils/db.server';
import { uploadPath } from '~/utils/uploads.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { getCalendar, getDeadlineRules, listFields, listUnits } from './config.server';
import {
  extensionNeedsApproval,
  type ExtensionRequest,
  pendingExtensionRequest,
} from './extension-requests.server';
import { answerDueDate } from './pakn.server';
import { groupRoleOf } from './workflow/group.server';

export function maskPhone(phone: string): string {
  return phone ? `${'•'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}` : '';
}
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** The non-transition intents this actor may use now, after the workflow ones. */
function extraIntents(
  actor: Actor,
  p: typeof s.pakn.$inferSelect,
  pendingExtension: ExtensionRequest | null,
): Intent[] {
  const out: Intent[] = [];
  if (['received', 'assigned'].includes(p.status) && canOnPakn(actor, 'pakn:classify', p))
    out.push('classify');
  const extendable = isOpen(p.status) && p.status !== 'received' && !p.extendedTo;
  if (extendable && !pendingExtension && canOnPakn(actor, 'pakn:extend', p)) out.push('extend');
  if (extendable && pendingExtension && canOnPakn(actor, 'pakn:approve', p))
    out.push('approve_extension', 'decline_extension');
  if (canOnPakn(actor, 'pakn:note', p)) out.push('note');
  return out;
}

const CONTACT_VIEW = 'pakn.contact.view';
/** Not the session id itself: the log only needs to tell one session from another. */
const sessionMark = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex').slice(0, 16);

/**
 * Whether this session already has a contact-view entry for this record (issue 13.29: the log had one per
 * page load). Only entries written since the session began are searched, through the index on the time.
 */
async function contactSeenInSession(
  db: DbOrTx,
  actorId: number,
  paknId: number,
  sessionId?: string,
): Promise<boolean> {
  if (!sessionId) return false;
  const session = await first(
    db.select({ createdAt: s.sessions.createdAt }).from(s.sessions).where(eq(s.sessions.id, sessionId)),
  );
  if (!session) return false;
  const seen = await first(
    db
      .select({ id: s.auditLog.id })
      .from(s.auditLog)
      .where(
        and(
          gte(s.auditLog.at, session.createdAt),
          eq(s.auditLog.action, CONTACT_VIEW),
          eq(s.auditLog.actorUserId, actorId),
          eq(s.auditLog.targetType, 'pakn'),
          eq(s.auditLog.targetId, String(paknId)),
          dialectOf(db) === 'pg'
            ? sql`(${s.auditLog.detail}::json ->> 'session') = ${sessionMark(sessionId)}`
            : sql`json_extract(${s.auditLog.detail}, '$.session') = ${sessionMark(sessionId)}`,
        ),
      )
      .limit(1),
  );
  return seen !== undefined;
}

export async function getStaffRecord(
  {
    actor,
    id,
    ip,
    sessionId,
    today = toLocalDate(new Date()),
  }: { actor: Actor; id: number; ip?: string; sessionId?: string; today?: string },
  db: DbOrTx = getDb(),
) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, id)));
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  const showContact = can(actor, 'pakn:contact:read');
  if (showContact && !(await contactSeenInSession(db, actor.id, p.id, sessionId))) {
    await audit(
      {
        actorUserId: actor.id,
        action: CONTACT_VIEW,
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code, ...(sessionId ? { session: sessionMark(sessionId) } : {}) },
      },
      db,
    );
  }
  // no alias(): drizzle's PostgreSQL dialect renders a SQLite table's alias without its table in a join
  const actorUser = s.users;
  const events = await db
    .select({
      id: s.events.id,
      type: s.events.type,
      fromStatus: s.events.fromStatus,
      toStatus: s.events.toStatus,
      note: s.events.note,
      isPublic: s.events.isPublic,
      data: s.events.data,
      at: s.events.createdAt,
      actorName: actorUser.name,
      actorRole: actorUser.role,
    })
    .from(s.events)
    .leftJoin(actorUser, eq(actorUser.id, s.events.actorUserId))
    .where(eq(s.events.paknId, p.id))
    .orderBy(asc(s.events.id));
  const files = await db
    .select({
      id: s.attachments.id,
      name: s.attachments.originalName,
      size: s.attachments.size,
      mime: s.attachments.mime,
      source: s.attachments.source,
      at: s.attachments.createdAt,
    })
    .from(s.attachments)
    .where(eq(s.attachments.paknId, p.id))
    .orderBy(asc(s.attachments.id));
  const answer = (await first(db.select().from(s.answers).where(eq(s.answers.paknId, p.id)))) ?? null;
  const handler = p.handlerUserId
    ? await first(db.select({ name: s.users.name }).from(s.users).where(eq(s.users.id, p.handlerUserId)))
    : undefined;
  const agency = p.transferAgencyId
    ? await first(db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)))
    : undefined;
  const duplicateOf = p.duplicateOfId
    ? await first(
        db.select({ id: s.pakn.id, code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, p.duplicateOfId)),
      )
    : undefined;
  const openPause = await first(
    db
      .select()
      .from(s.paknPauses)
      .where(and(eq(s.paknPauses.paknId, p.id), isNull(s.paknPauses.toDate))),
  );

  const calendar = await getCalendar(db);
  const rules = await getDeadlineRules(db);
  const due = await answerDueDate(p, db);
  const classifyDue = computeDueDate({ start: p.receivedDate, ...rules.classify, calendar });
  const transferDue = computeDueDate({ start: p.receivedDate, ...rules.transfer, calendar });
  const open = isOpen(p.status);
  // classification comes first on the page: it is what the coordinator decides before routing
  const pendingExtension = await pendingExtensionRequest(db, p.id);
  const extra = extraIntents(actor, p, pendingExtension);
  // closing for no information only once the submitter's wait is over
  const infoWaitEnd = openPause ? infoWaitEnds(openPause.fromDate, rules.infoWait, calendar) : null;
  const role = await groupRoleOf(db, p);
  const intents: Intent[] = [
    ...extra.filter((i) => i === 'classify'),
    ...availableActions(actor, { status: p.status, unitId: p.unitId }).filter(
      (a) => a !== 'close_no_info' || (infoWaitEnd !== null && mayCloseForNoInfo(today, infoWaitEnd)),
    ),
    ...extra.filter((i) => i !== 'classify'),
  ].filter((i) => !groupBlocksIntent(i, role));
  const units = await listUnits({ db });
  const fields = await listFields({ db });
  const needsUnit = intents.includes('assign') || intents.includes('reassign');
  const suggestions = needsUnit
    ? suggestUnits(
        { fieldId: p.fieldId, text: `${p.title} ${p.content}` },
        {
          fields: fields.flatMap((f) =>
            f.defaultUnitId ? [{ fieldId: f.id, unitId: f.defaultUnitId }] : [],
          ),
          keywords: await db
            .select({ keyword: s.routingKeywords.keyword, unitId: s.routingKeywords.unitId })
            .from(s.routingKeywords),
        },
      ).filter((sg) => sg.unitId !== p.unitId)
    : [];
  const undoneExtension = intents.includes('extend')
    ? (await answerDueDate({ ...p, extendedTo: null }, db)).due
    : null;

  return {
    pakn: {
      ...p,
      phone: showContact ? p.phone : maskPhone(p.phone),
      email: showContact ? p.email : maskEmail(p.email),
      address: showContact ? p.address : p.address ? '•••' : '',
      accessTokenHash: undefined,
      searchText: undefined,
    },
    contactMasked: !showContact,
    field: fields.find((f) => f.id === p.fieldId) ?? null,
    // an inactive unit still names the items it holds
    unit: p.unitId
      ? ((await first(db.select().from(s.units).where(eq(s.units.id, p.unitId)))) ?? null)
      : null,
    handlerName: handler?.name ?? null,
    agency: agency ?? null,
    duplicateOf: duplicateOf ?? null,
    answer,
    files,
    events,
    pausedSince: openPause?.fromDate ?? null,
    pendingExtension,
    extensionNeedsApproval: await extensionNeedsApproval(db),
    infoWaitEnd,
    due,
    classifyDue,
    transferDue,
    dueState: open ? dueState(due, today, calendar) : null,
    // spec §6: which step's clock runs now and which steps are late (app/domain/clocks.ts)
    clocks: {
      current: currentClock({ ...p, transferDue: transferDue.due }, today, calendar),
      late: lateSteps({ ...p, transferDue: transferDue.due }, today, calendar),
    },
    intents,
    suggestions,
    units,
    fields,
    agencies: intents.includes('transfer')
      ? await db.select().from(s.externalAgencies).where(eq(s.externalAgencies.active, true))
      : [],
    extension: undoneExtension
      ? {
          from: undoneExtension,
          max: maxExtensionDate(undoneExtension, calendar, rules.extension.days),
          days: rules.extension.days,
        }
      : null,
  };
}

/** The file behind an attachment as a web stream, or null when it is missing on disk. */
export function openAttachment(storedName: string): ReadableStream<Uint8Array> | null {
  const file = uploadPath(storedName);
  if (!fs.existsSync(file)) return null;
  return createReadableStreamFromReadable(fs.createReadStream(file));
}

export type StaffRecord = ReturnType<typeof getStaffRecord>;

/** One attachment of a PAKN the actor may read; 404 in every other case (wrong PAKN, no access, no file). */
export async function getAttachmentForStaff(
  { actor, paknId, fileId, ip }: { actor: Actor; paknId: number; fileId: number; ip?: string },
  db: DbOrTx = getDb(),
) {
  const p = await first(
    db
      .select({ id: s.pakn.id, code: s.pakn.code, unitId: s.pakn.unitId })
      .from(s.pakn)
      .where(eq(s.pakn.id, paknId)),
  );
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  const file = await first(
    db
      .select()
      .from(s.attachments)
      .where(and(eq(s.attachments.id, fileId), eq(s.attachments.paknId, paknId))),
  );
  if (!file) throw new WorkflowError(404, 'staff.errors.notFound');
  await audit(
    {
      actorUserId: actor.id,
      action: 'pakn.attachment.download',
      targetType: 'pakn',
      targetId: p.id,
      ip,
      detail: { code: p.code, fileId },
    },
    db,
  );
  return { storedName: file.storedName, name: file.originalName, mime: file.mime, size: file.size };
}
