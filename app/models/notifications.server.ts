// Every e-mail of the workflow (spec §4–§6): the submitter's status mails, the units' assignment mail
// and daily digest, the coordinators' overdue alert, the progress update while an answer is late.
// All go through the outbox, inside the transaction of the change they report.
// (Work in progress: the full implementation follows shortly; the signature is final.)
import type { Db } from '~/utils/db.server';
import type { Tx } from '~/utils/mail.server';

export type Step =
  | 'refused'
  | 'transferred'
  | 'forwarded'
  | 'duplicate'
  | 'assigned'
  | 'reassigned'
  | 'info_requested'
  | 'extended'
  | 'answered'
  | 'closed_no_info';

/**
 * Queues, inside the caller's transaction, the submitter's e-mail for this step (in pakn.lang; skipped
 * when the PAKN has no e-mail) and, for assigned/reassigned, the unit's e-mail (units.email).
 * Call it after the PAKN row (status, unit, refusal reason, agency, extended_to, answer) is updated.
 */
export function notifyStep(_tx: Tx | Db, _args: { paknId: number; step: Step; note?: string | null }): void {}
