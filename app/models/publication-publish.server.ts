// Publishing and withdrawing an answer (issue #4; spec §5, §7 VI.4, §8): both in one transaction with the
// version check, after the review (app/domain/redaction-review.ts) is complete and its final pass is clean.
//
// publishedAt is the date the result FIRST became public: editing, or publishing again after a withdrawal,
// keeps it (the legal publication date and the "2 working days after the answer" check rest on it, and
// editing must not move an old answer to the top of the feeds).
//
// The public timeline shows each time the answer BECOMES public: the first publication, and a publication
// after a withdrawal (the withdrawal is public too, so the reader sees withdrawn, then published again).
// Publishing while already published is an edit: an internal 'publication_updated' event, so the public
// timeline never shows "Công khai kết quả" twice in a row (issue 13.28).
import { and, eq, inArray, sql } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import type { Actor } from '~/domain/permissions';
import {
  checkWithdrawReason,
  countDecisions,
  leavesUndismissed,
  readDecisions,
  redact,
} from '~/domain/redaction-review';
import { WorkflowError } from '~/domain/workflow/errors';
import { changesOf, type DbOrTx, getDb, transaction } from '~/utils/db.server';
import { markdownToPlainText } from '~/utils/markdown.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { answerDueDate } from './pakn.server';
import { indexPublic, unindexPublic } from './public.server';
import {
  loadForPublication,
  piiContext,
  type PublicationInput,
  type Review,
  review,
} from './publication.server';
import { recordWebhookEvent } from './webhook-deliveries.server';

/**
 * intent=publish. Returns the review with errors (nothing written) when a field is invalid or a flag is
 * undecided; throws WorkflowError 409 on a stale version or when redaction leaves undismissed data.
 */
export async function publishPakn(
  {
    actor,
    paknId,
    version,
    input,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; version: number; input: PublicationInput; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<{ ok: true } | ({ ok: false } & Review)> {
  return await transaction(db, async (tx) => {
    const p = await loadForPublication({ actor, paknId }, tx);
    const r = await review(p, input, tx);
    const { decisions, errors } = readDecisions(input.values, r.groups);
    if (Object.keys(r.fieldErrors).length || errors.length)
      return { ok: false as const, ...r, decisionErrors: errors };
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');

    const out = redact(r.texts, r.files, r.flags, decisions);
    // the final pass: whatever the detector still finds must be something staff chose to keep
    const left = leavesUndismissed({
      ...out,
      renderedAnswer: markdownToPlainText(out.texts.answer),
      ctx: await piiContext(p, tx),
      decisions,
    });
    if (left) throw new WorkflowError(409, 'publish.errors.leftover');

    const republish = p.publication !== 'none';
    const due = (await answerDueDate(p, tx)).due;
    const onTime = p.onTime ?? (p.answeredAt ? toLocalDate(p.answeredAt) <= due : null);
    const res = await tx
      .update(s.pakn)
      .set({
        publication: 'published',
        publicTitle: out.texts.title,
        publicSummary: out.texts.summary,
        publicAnswer: out.texts.answer,
        publishedAt: p.publishedAt ?? now,
        withdrawnReason: null,
        onTime,
        version: sql`${s.pakn.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(s.pakn.id, p.id), eq(s.pakn.version, version)));
    if (changesOf(res) === 0) throw new WorkflowError(409, 'staff.errors.stale');

    for (const g of r.groups) {
      const d = decisions.get(g.key)!;
      await tx.insert(s.redactionFlags).values({
        paknId: p.id,
        source: g.source,
        kind: g.kind,
        text: g.text,
        decision: d.decision,
        reason: d.reason || null,
        decidedByUserId: actor.id,
      });
    }
    // only the files chosen now are public; earlier ones not chosen again go back to internal
    const chosen = out.files.map((f) => f.id);
    await tx
      .update(s.attachments)
      .set({ isPublic: false })
      .where(and(eq(s.attachments.paknId, p.id), eq(s.attachments.isPublic, true)));
    if (chosen.length)
      await tx.update(s.attachments).set({ isPublic: true }).where(inArray(s.attachments.id, chosen));
    for (const f of out.files) {
      if (r.files.find((o) => o.id === f.id)?.name !== f.name) {
        await tx.update(s.attachments).set({ originalName: f.name }).where(eq(s.attachments.id, f.id));
      }
    }
    await indexPublic(tx, { id: p.id, ...out.texts });
    // an edit of what is public is not a new publication: internal event only (see the module comment)
    const editing = p.publication === 'published';
    if (!editing) await recordWebhookEvent(tx, { paknId: p.id, event: 'published', now });
    await tx.insert(s.events).values({
      paknId: p.id,
      type: editing ? 'publication_updated' : 'published',
      actorUserId: actor.id,
      isPublic: !editing,
      data: JSON.stringify({ republish, files: chosen.length }),
    });
    await audit(
      {
        actorUserId: actor.id,
        action: 'pakn.publish',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        // counts only: the flagged texts are personal data
        detail: {
          code: p.code,
          republish,
          redacted: countDecisions(decisions, 'redact'),
          dismissed: countDecisions(decisions, 'dismiss'),
          files: chosen.length,
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The reason is shown publicly on the 410 page, so it must itself be free of personal data. */
export async function withdrawPakn(
  {
    actor,
    paknId,
    version,
    reason: raw,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; version: number; reason: string; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<{ ok: true } | { ok: false; error: string }> {
  return await transaction(db, async (tx) => {
    const p = await loadForPublication({ actor, paknId }, tx);
    if (p.publication !== 'published') throw new WorkflowError(409, 'publish.errors.notPublished');
    const checked = checkWithdrawReason(raw, await piiContext(p, tx));
    if (!checked.ok) return checked;
    const reason = checked.reason;
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
    const res = await tx
      .update(s.pakn)
      .set({
        publication: 'withdrawn',
        withdrawnReason: reason,
        version: sql`${s.pakn.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(s.pakn.id, p.id), eq(s.pakn.version, version)));
    if (changesOf(res) === 0) throw new WorkflowError(409, 'staff.errors.stale');
    await unindexPublic(tx, p.id);
    await tx
      .insert(s.events)
      .values({ paknId: p.id, type: 'withdrawn', actorUserId: actor.id, note: reason, isPublic: true });
    await audit(
      {
        actorUserId: actor.id,
        action: 'pakn.withdraw',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code },
      },
      tx,
    );
    return { ok: true as const };
  });
}
