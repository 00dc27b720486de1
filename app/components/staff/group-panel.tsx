// The group of related PAKN answered together (issue #15): its members with the lead first, a form to add one
// by its code, and one to take a member out (the lead leaving dissolves the group) until the answer is approved.
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { type ActionResult, intentFieldIds, replyFor } from '~/components/staff/staff-action-forms';
import { TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { intentFormSchema } from '~/domain/workflow/intents';
import type { FieldMessage } from '~/utils/forms';

export type GroupView = {
  id: number;
  leadCode: string;
  isLead: boolean;
  answeredAt: string | null;
  open: boolean;
  members: Array<{ id: number; code: string; title: string; status: string; lead: boolean }>;
};

/**
 * One hidden-field form posting an intent on this record, at the version the page was rendered with; its
 * messages, if any, come from the server in the page's error summary.
 */
export function GroupForm({
  intent,
  code,
  version,
  label,
  className,
}: {
  intent: 'group' | 'ungroup';
  code: string;
  version: number;
  label: string;
  className: string;
}) {
  const f = usePaknForm(intentFormSchema);
  return (
    <Form method="post" className={className} {...f.formProps}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="code" value={code} />
      <button type="submit" className="button button-secondary">
        {label}
      </button>
    </Form>
  );
}

export function GroupPanel({
  group,
  canGroup,
  version,
  result,
  onSummary,
}: {
  group: GroupView | null;
  /** the actor may group or ungroup on this PAKN now */
  canGroup: boolean;
  version: number;
  result: ActionResult | null;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  if (!group && !canGroup) return null;
  const mayEdit = canGroup && (!group || group.open);
  return (
    <section aria-labelledby="group-heading" className="group-panel">
      <h2 id="group-heading">{t('similar.group.heading')}</h2>
      {group ? (
        <>
          <p>
            {group.answeredAt
              ? t('similar.group.answered', { lead: group.leadCode, date: group.answeredAt })
              : t(group.isLead ? 'similar.group.isLead' : 'similar.group.isMember', { lead: group.leadCode })}
          </p>
          <ul>
            {group.members.map((m) => (
              <li key={m.id} data-group-member={m.code}>
                <Link to={`/can-bo/pakn/${m.id}`}>{m.code}</Link> – {m.title}{' '}
                <span className="hint">
                  ({t(`staff.status.${m.status}`)}
                  {m.lead ? `, ${t('similar.group.lead')}` : ''})
                </span>
                {mayEdit ? (
                  <GroupForm
                    intent="ungroup"
                    code={m.code}
                    version={version}
                    className="group-ungroup-form"
                    label={t(m.lead ? 'similar.group.dissolve' : 'similar.group.remove', { code: m.code })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">{t('similar.group.intro')}</p>
      )}
      {mayEdit ? <GroupAddForm version={version} result={result} onSummary={onSummary} /> : null}
    </section>
  );
}

/** "Add a PAKN to the group" by its code; a post of a "group with" button elsewhere answers here too. */
function GroupAddForm({
  version,
  result,
  onSummary,
}: {
  version: number;
  result: ActionResult | null;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  const f = usePaknForm(intentFormSchema, {
    id: 'group-form',
    lastResult: replyFor(result, 'group'),
    ids: intentFieldIds('group'),
    onSummary,
  });
  return (
    <Form method="post" className="group-add-form" {...f.formProps}>
      <input type="hidden" name="intent" value="group" />
      <input type="hidden" name="version" value={version} />
      <TextField
        id="group-code"
        name="code"
        label={t('similar.group.code')}
        hint={t('similar.group.codeHint')}
        maxLength={40}
        defaultValue={f.value('code') ?? ''}
        error={f.error('code')}
      />
      <button type="submit" className="button button-secondary">
        {t('similar.group.add')}
      </button>
    </Form>
  );
}
