// One small form per action the actor may take on a PAKN, each with a hidden intent and version.
// Forms with fields open in a <details> (keyboard friendly); after a failed post that form stays open
// with the typed values and the errors next to the fields.
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Select, TextArea, TextField } from '~/components/ui/form';
import { CATEGORIES, PAKN_TYPES, REFUSAL_REASONS, SUBJECTS } from '~/domain/pakn';

export type ActionResult = {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** the form was out of date (409): the page is at the fresh version, the typed values are kept */
  stale?: boolean;
};
type Option = { value: string; label: string };

export type ActionFormsProps = {
  intents: string[];
  version: number;
  result?: ActionResult | null;
  units: Option[];
  fields: Option[];
  agencies: Option[];
  suggestions: Array<{ unitId: number; label: string; why: string }>;
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
  const mine = (intent: string) => (p.result?.intent === intent ? p.result : null);
  const val = (intent: string, name: string, fallback?: string) => mine(intent)?.values[name] ?? fallback;
  const err = (intent: string, name: string) => mine(intent)?.errors[name];
  const field = (intent: string, name: string) => ({
    id: `${intent}-${name}`,
    name,
    error: err(intent, name),
    defaultValue: val(intent, name),
  });
  const note = (intent: string, labelKey: string, optional = false) => (
    <TextArea {...field(intent, 'note')} label={t(labelKey)} rows={4} optional={optional} />
  );

  const body: Record<string, ReactNode> = {
    classify: (
      <>
        <Select
          {...field('classify', 'type')}
          defaultValue={val('classify', 'type', p.classification.type)}
          label={t('staff.record.type')}
          options={PAKN_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
        />
        <Select
          {...field('classify', 'subject')}
          defaultValue={val('classify', 'subject', p.classification.subject)}
          label={t('staff.record.subject')}
          options={SUBJECTS.map((v) => ({ value: v, label: t(`subject.${v}`) }))}
        />
        <Select
          {...field('classify', 'category')}
          defaultValue={val('classify', 'category', String(p.classification.category))}
          label={t('staff.record.category')}
          options={CATEGORIES.map((c) => ({ value: String(c), label: `${c}. ${t(`category.${c}`)}` }))}
        />
        <Select
          {...field('classify', 'fieldId')}
          defaultValue={val(
            'classify',
            'fieldId',
            p.classification.fieldId ? String(p.classification.fieldId) : '',
          )}
          label={t('staff.record.field')}
          placeholder={t('staff.forms.fieldNone')}
          options={p.fields}
        />
      </>
    ),
    assign: <UnitChoice {...p} field={field('assign', 'unitId')} />,
    reassign: (
      <>
        <UnitChoice {...p} field={field('reassign', 'unitId')} />
        {note('reassign', 'staff.forms.reassignNote')}
      </>
    ),
    refuse: (
      <>
        <Select
          {...field('refuse', 'reason')}
          label={t('staff.forms.refuseReason')}
          placeholder=""
          options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`staff.refusal.${r}`) }))}
        />
        <TextField
          {...field('refuse', 'repeatOf')}
          label={t('similar.forms.repeatOf')}
          hint={t('similar.forms.repeatOfHint')}
          optional
          className="input-20"
        />
        {note('refuse', 'staff.forms.refuseNote')}
      </>
    ),
    transfer: (
      <>
        <Select
          {...field('transfer', 'agencyId')}
          label={t('staff.forms.transferAgency')}
          placeholder=""
          options={p.agencies}
        />
        {note('transfer', 'staff.forms.transferNote')}
      </>
    ),
    forward: note('forward', 'staff.forms.forwardNote'),
    mark_duplicate: (
      <>
        <TextField
          {...field('mark_duplicate', 'duplicateOf')}
          label={t('staff.forms.duplicateOf')}
          className="input-20"
        />
        {note('mark_duplicate', 'staff.forms.duplicateNote')}
      </>
    ),
    request_info: note('request_info', 'staff.forms.requestNote'),
    draft: <DraftFields intent="draft" {...p} field={field} />,
    edit_draft: <DraftFields intent="edit_draft" {...p} field={field} />,
    return: note('return', 'staff.forms.returnNote'),
    keep_studying: note('keep_studying', 'staff.forms.keepStudyingNote'),
    reopen: note('reopen', 'staff.forms.reopenNote'),
    note: note('note', 'staff.forms.note'),
    decline_extension: note('decline_extension', 'staff.forms.declineExtensionNote'),
    extend: p.extension ? (
      <>
        <TextField
          {...field('extend', 'newDate')}
          type="date"
          label={t('staff.forms.newDate')}
          hint={t('staff.forms.newDateHint', {
            from: p.extension.from,
            max: p.extension.max,
            days: p.extension.days,
          })}
          className="input-20"
        />
        {note('extend', 'staff.forms.extendNote')}
      </>
    ) : null,
  };
  const hints: Record<string, string> = {
    receive_info: t('staff.forms.receiveInfoHint'),
    close_no_info: t('staff.forms.closeNoInfoHint'),
    submit: t('staff.forms.submitHint'),
    ...(p.extension?.needsApproval ? { extend: t('staff.forms.extendRequestHint') } : {}),
  };
  // with the approval policy, 'extend' asks the approver
  const label = (intent: string) =>
    intent === 'extend' && p.extension?.needsApproval
      ? t('staff.actions.request_extension')
      : t(`staff.actions.${intent}`);

  return (
    <div className="staff-actions">
      {p.intents.map((intent) => {
        const form = (
          <Form method="post" className="staff-action-form" noValidate>
            <input type="hidden" name="intent" value={intent} />
            <input type="hidden" name="version" value={p.version} />
            {hints[intent] ? <p className="hint">{hints[intent]}</p> : null}
            {BUTTON_ONLY.has(intent) ? null : body[intent]}
            <button
              type="submit"
              className={`button${['refuse', 'close_no_info', 'return', 'decline_extension'].includes(intent) ? ' button-warning' : ''}`}
            >
              {label(intent)}
            </button>
          </Form>
        );
        return BUTTON_ONLY.has(intent) ? (
          <div key={intent} className="staff-action">
            {form}
          </div>
        ) : (
          <details key={intent} className="staff-action" open={Boolean(mine(intent))} id={`action-${intent}`}>
            <summary>{label(intent)}</summary>
            {form}
          </details>
        );
      })}
    </div>
  );
}

function UnitChoice(
  p: ActionFormsProps & { field: { id: string; name: string; error?: string; defaultValue?: string } },
) {
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
  intent,
  answer,
  field,
}: ActionFormsProps & {
  intent: string;
  field: (
    intent: string,
    name: string,
  ) => { id: string; name: string; error?: string; defaultValue?: string };
}) {
  const { t } = useTranslation();
  const body = field(intent, 'body');
  const outcome = field(intent, 'outcome');
  return (
    <>
      <Select
        {...outcome}
        defaultValue={outcome.defaultValue ?? answer?.outcome ?? ''}
        label={t('staff.forms.outcome')}
        placeholder=""
        options={['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'].map((o) => ({
          value: o,
          label: t(`outcome.${o}`),
        }))}
      />
      <TextArea
        {...body}
        defaultValue={body.defaultValue ?? answer?.body ?? ''}
        label={t('staff.forms.body')}
        rows={12}
      />
    </>
  );
}
