// One small form per action the actor may take on a PAKN, each with a hidden intent and version, checked in the
// browser with the action's schema (usePaknForm). Forms with fields open in a <details> (keyboard friendly);
// after a failed post that form stays open with the typed values and the errors next to the fields.
import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { Select, TextArea, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { CATEGORIES, PAKN_TYPES, REFUSAL_REASONS, SUBJECTS } from '~/domain/pakn';
import { intentFormSchema } from '~/domain/workflow/intents';
import type { FieldMessage } from '~/utils/forms';

/** What the record page's action answers when it does not redirect. */
export type ActionResult = {
  /** the form it answers (its hidden intent) */
  intent: string;
  /** conform's answer: the messages (i18n keys) and what was typed */
  reply: SubmissionResult<string[]>;
  /** the form was out of date (409): the page is at the fresh version, the typed values are kept */
  stale?: boolean;
};

/** The answer of a post when it was sent by this form, for its usePaknForm. */
export function replyFor(result: ActionResult | null | undefined, intent: string) {
  return result?.intent === intent ? result.reply : undefined;
}

/** The fields of the intent forms, linked from the error summary as `${intent}-${name}`. */
const FIELD_NAMES = [
  'intent',
  'version',
  'type',
  'subject',
  'category',
  'fieldId',
  'unitId',
  'reason',
  'repeatOf',
  'agencyId',
  'duplicateOf',
  'outcome',
  'body',
  'newDate',
  'note',
  'code',
  'files',
];
export const intentFieldIds = (intent: string) =>
  Object.fromEntries(FIELD_NAMES.map((n) => [n, `${intent}-${n}`]));
type Option = { value: string; label: string };

export type ActionFormsProps = {
  intents: string[];
  version: number;
  result?: ActionResult | null;
  units: Option[];
  fields: Option[];
  agencies: Option[];
  suggestions: Array<{ unitId: number; label: string; why: string }>;
  /** the page's error summary gathers each form's messages */
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
  classification: { type: string; subject: string; category: number; fieldId: number | null };
  answer: { body: string; outcome: string | null } | null;
  extension: {
    from: string;
    max: string;
    fromIso: string;
    maxIso: string;
    days: number;
    /** the policy: the form sends a request to the approver instead of extending */
    needsApproval: boolean;
  } | null;
};

/** intents without fields: one button each */
const BUTTON_ONLY = new Set([
  'take',
  'submit',
  'approve',
  'resume_study',
  'receive_info',
  'close_no_info',
  'approve_extension',
]);

export function ActionForms(p: ActionFormsProps) {
  const { t } = useTranslation();
  if (p.intents.length === 0) return <p>{t('staff.record.noActions')}</p>;
  return (
    <div className="staff-actions">
      {p.intents.map((intent) => (
        <IntentForm key={intent} intent={intent} {...p} />
      ))}
    </div>
  );
}

type FieldProps = { id: string; name: string; error?: string; defaultValue?: string };

function IntentForm({ intent, ...p }: ActionFormsProps & { intent: string }) {
  const { t } = useTranslation();
  const lastResult = replyFor(p.result, intent);
  const f = usePaknForm(intentFormSchema, {
    id: `${intent}-form`,
    lastResult,
    order: FIELD_NAMES,
    ids: intentFieldIds(intent),
    onSummary: p.onSummary,
  });
  const field = (name: string, fallback?: string): FieldProps => ({
    id: `${intent}-${name}`,
    name,
    error: f.error(name),
    // after a post, what was sent (conform leaves out the fields sent empty); else the record's value
    defaultValue: f.value(name) ?? (lastResult ? '' : fallback),
  });
  const hints: Record<string, string> = {
    receive_info: t('staff.forms.receiveInfoHint'),
    close_no_info: t('staff.forms.closeNoInfoHint'),
    submit: t('staff.forms.submitHint'),
    ...(p.extension?.needsApproval ? { extend: t('staff.forms.extendRequestHint') } : {}),
  };
  // with the approval policy, 'extend' asks the approver
  const label =
    intent === 'extend' && p.extension?.needsApproval
      ? t('staff.actions.request_extension')
      : t(`staff.actions.${intent}`);
  const form = (
    <Form method="post" className="staff-action-form" {...f.formProps}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={p.version} />
      {hints[intent] ? <p className="hint">{hints[intent]}</p> : null}
      {BUTTON_ONLY.has(intent) ? null : <IntentFields intent={intent} field={field} {...p} />}
      <button
        type="submit"
        className={`button${['refuse', 'close_no_info', 'return', 'decline_extension'].includes(intent) ? ' button-warning' : ''}`}
      >
        {label}
      </button>
    </Form>
  );
  if (BUTTON_ONLY.has(intent)) return <div className="staff-action">{form}</div>;
  return (
    <details className="staff-action" open={Boolean(lastResult)} id={`action-${intent}`}>
      <summary>{label}</summary>
      {form}
    </details>
  );
}

function IntentFields({
  intent,
  field,
  ...p
}: ActionFormsProps & { intent: string; field: (name: string, fallback?: string) => FieldProps }) {
  const { t } = useTranslation();
  const note = (labelKey: string) => <TextArea {...field('note')} label={t(labelKey)} rows={4} />;
  switch (intent) {
    case 'classify':
      return (
        <>
          <Select
            {...field('type', p.classification.type)}
            label={t('staff.record.type')}
            options={PAKN_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
          />
          <Select
            {...field('subject', p.classification.subject)}
            label={t('staff.record.subject')}
            options={SUBJECTS.map((v) => ({ value: v, label: t(`subject.${v}`) }))}
          />
          <Select
            {...field('category', String(p.classification.category))}
            label={t('staff.record.category')}
            options={CATEGORIES.map((c) => ({ value: String(c), label: `${c}. ${t(`category.${c}`)}` }))}
          />
          <Select
            {...field('fieldId', p.classification.fieldId ? String(p.classification.fieldId) : '')}
            label={t('staff.record.field')}
            placeholder={t('staff.forms.fieldNone')}
            options={p.fields}
          />
        </>
      );
    case 'assign':
      return <UnitChoice {...p} field={field('unitId')} />;
    case 'reassign':
      return (
        <>
          <UnitChoice {...p} field={field('unitId')} />
          {note('staff.forms.reassignNote')}
        </>
      );
    case 'refuse':
      return (
        <>
          <Select
            {...field('reason')}
            label={t('staff.forms.refuseReason')}
            placeholder=""
            options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`staff.refusal.${r}`) }))}
          />
          <TextField
            {...field('repeatOf')}
            label={t('similar.forms.repeatOf')}
            hint={t('similar.forms.repeatOfHint')}
            optional
            className="input-20"
          />
          {note('staff.forms.refuseNote')}
        </>
      );
    case 'transfer':
      return (
        <>
          <Select
            {...field('agencyId')}
            label={t('staff.forms.transferAgency')}
            placeholder=""
            options={p.agencies}
          />
          {note('staff.forms.transferNote')}
        </>
      );
    case 'mark_duplicate':
      return (
        <>
          <TextField {...field('duplicateOf')} label={t('staff.forms.duplicateOf')} className="input-20" />
          {note('staff.forms.duplicateNote')}
        </>
      );
    case 'draft':
    case 'edit_draft':
      return <DraftFields {...p} field={field} />;
    case 'extend':
      return p.extension ? (
        <>
          <TextField
            {...field('newDate')}
            type="date"
            label={t('staff.forms.newDate')}
            hint={t('staff.forms.newDateHint', {
              from: p.extension.from,
              max: p.extension.max,
              days: p.extension.days,
            })}
            className="input-20"
          />
          {note('staff.forms.extendNote')}
        </>
      ) : null;
    default:
      return NOTE_LABELS[intent] ? note(NOTE_LABELS[intent]) : null;
  }
}

/** the intents whose only field is a note, and its label */
const NOTE_LABELS: Record<string, string> = {
  forward: 'staff.forms.forwardNote',
  request_info: 'staff.forms.requestNote',
  return: 'staff.forms.returnNote',
  keep_studying: 'staff.forms.keepStudyingNote',
  reopen: 'staff.forms.reopenNote',
  note: 'staff.forms.note',
  decline_extension: 'staff.forms.declineExtensionNote',
};

function UnitChoice(p: ActionFormsProps & { field: FieldProps }) {
  const { t } = useTranslation();
  const suggested = p.suggestions[0] ? String(p.suggestions[0].unitId) : undefined;
  return (
    <>
      {p.suggestions.length ? (
        <div className="hint">
          <p>{t('staff.record.suggestions')}:</p>
          <ul>
            {p.suggestions.map((s) => (
              <li key={s.unitId}>
                {s.label} ({s.why})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Select
        {...p.field}
        defaultValue={p.field.defaultValue ?? suggested}
        label={t('staff.forms.unit')}
        placeholder=""
        options={p.units}
      />
    </>
  );
}

function DraftFields({
  answer,
  field,
}: ActionFormsProps & { field: (name: string, fallback?: string) => FieldProps }) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        {...field('outcome', answer?.outcome ?? '')}
        label={t('staff.forms.outcome')}
        placeholder=""
        options={['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'].map((o) => ({
          value: o,
          label: t(`outcome.${o}`),
        }))}
      />
      <TextArea {...field('body', answer?.body ?? '')} label={t('staff.forms.body')} rows={12} />
    </>
  );
}
