// Deadline rules (spec §6), each with its legal basis. Saving one recomputes the due dates of open PAKN.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminTable, RowActions } from '~/components/admin/admin-table';
import { EditSection } from '~/components/admin/crud';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, TextArea, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { deadlineRuleSchema } from '~/domain/admin/deadline-rules';
import { modelErrors } from '~/domain/admin/outcome';
import { POLICY_BASIS } from '~/domain/deadlines';
import { updateDeadlineRule } from '~/models/admin/deadline-rules.server';
import { getDeadlineRules } from '~/models/config.server';
import { adminBadRequest, readAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm, sentIntent } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/thoi-han';
const FIELDS = ['days', 'unit', 'basis'];
const RULE_IDS = {
  days: 'rule-days',
  unit: 'rule-unit',
  basis: 'rule-basis',
  key: 'rule-days',
  '': 'rule-days',
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:deadlines');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const rules = Object.values(await getDeadlineRules());
  const editKey = url.searchParams.get('sua');
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      rules,
      edit: rules.find((r) => r.key === editKey) ?? null,
      flash,
      pageTitle: `${t('admin.deadlines.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:deadlines');
  const form = await readAdminForm(request);
  // a rule that does not exist is a forged post, not a typing mistake
  const rule = parseForm(form, deadlineRuleSchema.pick({ key: true }));
  if (sentIntent(form, ['update']) === null || rule.status !== 'success') {
    throw adminBadRequest(request);
  }
  const submission = parseForm(form, deadlineRuleSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await updateDeadlineRule(submission.value, { userId: user.id, ip: clientIp(context) });
  if (result.ok) return redirectWithFlash(PATH, adminFlash('updated', result.value.recomputed));
  return json(submission.reply({ fieldErrors: modelErrors(result.errors) }), { status: 400 });
}

export default function DeadlineRules() {
  const { rules, edit, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const label = (r: { labelVi: string; labelEn: string }) => (i18n.language === 'en' ? r.labelEn : r.labelVi);
  const f = usePaknForm(deadlineRuleSchema, {
    lastResult: result,
    order: FIELDS,
    ids: RULE_IDS,
    labels: Object.fromEntries(FIELDS.map((name) => [name, t(`admin.deadlines.${name}`)])),
  });
  // after a post, the rule that was sent and what was typed; before, the rule chosen and what is saved
  const editing = result ? (rules.find((r) => r.key === f.value('key')) ?? null) : edit;
  const values: Record<string, string | undefined> = result
    ? { days: f.value('days'), unit: f.value('unit'), basis: f.value('basis') }
    : editing
      ? { days: String(editing.days), unit: editing.unit, basis: editing.basis }
      : {};
  const unitLabel = (unit: string) => t(`admin.deadlines.unit_${unit}`);

  return (
    <>
      <AdminPageHeader
        title={t('admin.deadlines.title')}
        intro={t('admin.deadlines.intro')}
        summary={f.summary}
        flash={flash}
      />
      <AdminTable
        caption={t('admin.deadlines.caption')}
        columns={[
          t('admin.deadlines.step'),
          t('admin.deadlines.period'),
          t('admin.deadlines.basis'),
          t('admin.common.actions'),
        ]}
      >
        {rules.map((r) => (
          <tr key={r.key} id={`rule-row-${r.key}`}>
            <th scope="row">{label(r)}</th>
            <td>
              {r.days} {unitLabel(r.unit)}
            </td>
            <td>{r.basis === POLICY_BASIS ? t('admin.deadlines.policyBasis') : r.basis}</td>
            <RowActions id={r.key} name={label(r)} noDelete />
          </tr>
        ))}
      </AdminTable>
      <p className="hint">{t('admin.deadlines.recomputeHint')}</p>

      {editing ? (
        <EditSection title={t('admin.deadlines.editTitle', { label: label(editing) })}>
          <Form method="post" {...f.formProps} key={editing.key}>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="key" value={editing.key} />
            <TextField
              id="rule-days"
              name="days"
              label={t('admin.deadlines.days')}
              hint={t('admin.deadlines.daysHint')}
              error={f.error('days')}
              defaultValue={values.days}
              inputMode="numeric"
              className="input-20"
            />
            <Choices
              id="rule-unit"
              name="unit"
              legend={t('admin.deadlines.unit')}
              error={f.error('unit')}
              defaultValue={values.unit}
              options={[
                { value: 'working', label: unitLabel('working'), hint: t('admin.deadlines.workingHint') },
                { value: 'calendar', label: unitLabel('calendar'), hint: t('admin.deadlines.calendarHint') },
              ]}
            />
            <TextArea
              id="rule-basis"
              name="basis"
              label={t('admin.deadlines.basis')}
              hint={t('admin.deadlines.basisHint')}
              error={f.error('basis')}
              defaultValue={values.basis}
              maxLength={300}
              rows={3}
            />
            <button type="submit" className="button">
              {t('admin.common.save')}
            </button>
          </Form>
        </EditSection>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
