// Every status e-mail of the workflow (spec §4–§6): the submitter's mail for each step and the unit's
// assignment mail, queued through the outbox inside the transaction of the change they report. The
// daily digest is in digests.server.ts, the overdue alert and progress updates in overdue-alerts.server.ts;
// app/jobs/notification-scheduler.server.ts runs those two.
import { eq } from 'drizzle-orm';

import { formatDateVi } from '~/domain/dates';
import { explainDueDate } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import { REFUSAL_REASONS, type RefusalReason } from '~/domain/pakn';
import { salutation, saluteeOf } from '~/domain/salutation';
import { linkInLanguage } from '~/i18n';
import { type Agency, getAgency, getDeadlineRules } from '~/models/config.server';
import { enqueueMail } from '~/models/outbox.server';
import { answerDueDate } from '~/models/pakn.server';
import { ratingUrl } from '~/models/ratings.server';
import { repeatOfRefusal } from '~/models/similarity.server';
import { type DbOrTx, first } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';
import * as s from '~db/schema';
import { type EmailAgency, renderStatusEmail, renderUnitAssignedEmail, type StatusEmailData } from '~emails';

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

export function emailAgency(a: Agency, lang: 'vi' | 'en'): EmailAgency {
  return {
    name: localName(a, lang),
    address: a.address,
    hotline: a.hotline,
    email: a.email,
    officeHours: lang === 'en' ? a.officeHoursEn : a.officeHours,
  };
}

const baseUrl = () => getEnv().BASE_URL;
export const lookupUrl = () => `${baseUrl()}/theo-doi`;
export const recordUrl = (id: number) => `${baseUrl()}/can-bo/pakn/${id}`;
export const queueUrl = () => `${baseUrl()}/can-bo`;

function isRefusalReason(x: string | null): x is RefusalReason {
  return x !== null && (REFUSAL_REASONS as readonly string[]).includes(x);
}

/**
 * Queues, inside the caller's transaction, the submitter's e-mail for this step (in pakn.lang; skipped
 * when the PAKN has no e-mail) and, for assigned/reassigned, the unit's e-mail (units.email).
 * Call it after the PAKN row (status, unit, refusal reason, agency, extended_to) and the answer are
 * written: it reads what it needs through `tx`. `note` is the staff's text for this step, shown as
 * plain text: to the submitter for refused/transferred/forwarded/duplicate/closed_no_info (the
 * explanation), info_requested (the question) and extended (the reason); for assigned/reassigned it
 * is the assigner's internal note and goes to the unit only; for answered it is not used (the answer
 * and its outcome are read from `answers`).
 */
export async function notifyStep(
  db: DbOrTx,
  args: {
    paknId: number;
    step: Step;
    note?: string | null;
    document?: { number: string; url: string } | null;
  },
): Promise<void> {
  const { paknId, step } = args;
  const note = args.note ?? null;
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p) throw new Error(`notifyStep: PAKN ${paknId} not found`);
  const agencyRow = await getAgency(db);
  const unit = p.unitId ? await first(db.select().from(s.units).where(eq(s.units.id, p.unitId))) : undefined;
  const needsDue = step === 'assigned' || step === 'reassigned' || step === 'extended';
  const due = needsDue ? await answerDueDate(p, db) : null;

  if (p.email) {
    const lang = p.lang;
    const t = getT(lang);
    const common = {
      locale: lang,
      code: p.code,
      title: p.title,
      submitter: saluteeOf(p),
      agency: emailAgency(agencyRow, lang),
      lookupUrl: linkInLanguage(lookupUrl(), lang),
      note,
      document: args.document ? { ...args.document, url: linkInLanguage(args.document.url, lang) } : null,
    };
    let data: StatusEmailData;
    switch (step) {
      case 'refused': {
        const code = p.refusalReason;
        const repeat = await repeatOfRefusal(db, p);
        data = {
          ...common,
          step,
          repeatOf: repeat ? { code: repeat.code, url: repeat.url } : null,
          reason: isRefusalReason(code)
            ? {
                code,
                label: t(`email.refusalReason.${code}`),
                guidance: t(`email.refusalGuidance.${code}`, { you: salutation(saluteeOf(p), lang).you }),
              }
            : null,
        };
        break;
      }
      case 'transferred':
      case 'forwarded': {
        const ext = p.transferAgencyId
          ? await first(
              db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)),
            )
          : undefined;
        data = {
          ...common,
          step,
          target: ext ? { name: ext.name, address: ext.address, email: ext.email } : null,
        };
        break;
      }
      case 'duplicate': {
        const original = p.duplicateOfId
          ? await first(
              db
                .select({ code: s.pakn.code, email: s.pakn.email })
                .from(s.pakn)
                .where(eq(s.pakn.id, p.duplicateOfId)),
            )
          : undefined;
        // the original's code only when it is the same submitter's: another citizen's PAKN is not theirs to know of
        const same = original?.email != null && original.email.toLowerCase() === p.email.toLowerCase();
        data = { ...common, step, originalCode: same ? original.code : null };
        break;
      }
      case 'assigned':
      case 'reassigned':
        data = {
          ...common,
          step,
          unitName: unit ? localName(unit, lang) : '',
          dueDate: formatDateVi(due!.due),
          dueExplanation: explainDueDate(due!, lang),
        };
        break;
      case 'info_requested':
        data = { ...common, step, infoWaitDays: (await getDeadlineRules(db)).infoWait.days };
        break;
      case 'extended':
        data = {
          ...common,
          step,
          newDate: formatDateVi(p.extendedTo ?? due!.due),
          dueExplanation: explainDueDate(due!, lang),
        };
        break;
      case 'answered': {
        const answer = await first(db.select().from(s.answers).where(eq(s.answers.paknId, p.id)));
        const outcome = answer?.outcome ?? null;
        data = {
          ...common,
          step,
          answerBody: answer?.body ?? '',
          outcomeLabel: outcome ? t(`outcome.${outcome}`, { defaultValue: '' }) || null : null,
          ratingUrl: linkInLanguage(ratingUrl(p.id), lang),
          publicUrl: linkInLanguage(`${getEnv().BASE_URL}/cong-khai/${p.code}`, lang),
        };
        break;
      }
      case 'closed_no_info':
        data = { ...common, step };
        break;
    }
    const rendered = renderStatusEmail(data);
    await enqueueMail(db, { to: p.email, ...rendered, template: `status-${step}`, paknId: p.id });
  }

  if ((step === 'assigned' || step === 'reassigned') && unit?.email.trim()) {
    const rendered = renderUnitAssignedEmail({
      locale: 'vi',
      reassigned: step === 'reassigned',
      code: p.code,
      title: p.title,
      unitName: unit.name,
      receivedDate: formatDateVi(p.receivedDate),
      dueDate: formatDateVi(due!.due),
      dueExplanation: explainDueDate(due!, 'vi'),
      note,
      recordUrl: recordUrl(p.id),
      agency: emailAgency(agencyRow, 'vi'),
    });
    await enqueueMail(db, { to: unit.email, ...rendered, template: 'unit-assigned', paknId: p.id });
  }
}
