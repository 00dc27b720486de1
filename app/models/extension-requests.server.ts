// The extension policy (spec §6: once, with a reason, up to N working days): whether it needs a leader's
// approval is a [policy] setting, default yes. With approval, an extension asked by a handler or coordinator
// is an 'extension_requested' event that the unit's approver approves (the extension then happens) or
// declines; the request lives in the timeline, so no table is needed.
import { and, desc, eq, inArray } from 'drizzle-orm';

import type { LocalDate } from '~/domain/dates';
import { getSetting, setSetting } from '~/models/admin/settings.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { audit } from './audit.server';

export const EXTENSION_APPROVAL_KEY = 'workflow.extensionNeedsApproval';
export const EXTENSION_REQUEST_EVENTS = ['extension_requested', 'extension_declined', 'extend'] as const;

export async function extensionNeedsApproval(db: DbOrTx = getDb()): Promise<boolean> {
  return getSetting(EXTENSION_APPROVAL_KEY, db);
}

export async function updateExtensionPolicy(
  input: Record<string, unknown>,
  actor: { userId: number; ip?: string },
  db: DbOrTx = getDb(),
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const value = input.extensionNeedsApproval;
  if (value !== 'yes' && value !== 'no')
    return { ok: false, errors: { extensionNeedsApproval: 'admin.errors.required' } };
  await transaction(db, async (tx) => {
    const before = await extensionNeedsApproval(tx);
    await setSetting(EXTENSION_APPROVAL_KEY, value === 'yes', tx);
    await audit(
      {
        actorUserId: actor.userId,
        action: 'settings.update',
        ip: actor.ip,
        detail: { [EXTENSION_APPROVAL_KEY]: { from: before, to: value === 'yes' } },
      },
      tx,
    );
  });
  return { ok: true };
}

export type ExtensionRequest = {
  eventId: number;
  newDate: LocalDate;
  note: string;
  requestedByUserId: number | null;
  requestedByName: string | null;
  at: Date;
};

/** The request awaiting a decision: the latest extension event, when it is a request. */
export async function pendingExtensionRequest(db: DbOrTx, paknId: number): Promise<ExtensionRequest | null> {
  const last = await first(
    db
      .select({
        id: s.events.id,
        type: s.events.type,
        note: s.events.note,
        data: s.events.data,
        at: s.events.createdAt,
        actorUserId: s.events.actorUserId,
        actorName: s.users.name,
      })
      .from(s.events)
      .leftJoin(s.users, eq(s.users.id, s.events.actorUserId))
      .where(and(eq(s.events.paknId, paknId), inArray(s.events.type, [...EXTENSION_REQUEST_EVENTS])))
      .orderBy(desc(s.events.id)),
  );
  if (!last || last.type !== 'extension_requested') return null;
  let to: unknown;
  try {
    to = last.data ? (JSON.parse(last.data) as { to?: unknown }).to : undefined;
  } catch {
    to = undefined;
  }
  if (typeof to !== 'string') return null;
  return {
    eventId: last.id,
    newDate: to,
    note: last.note ?? '',
    requestedByUserId: last.actorUserId,
    requestedByName: last.actorName,
    at: last.at,
  };
}
