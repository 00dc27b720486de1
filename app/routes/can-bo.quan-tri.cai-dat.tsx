// [policy] settings (limits of the public forms, the report cut-off day, whether an extension needs a
// leader's approval), the abbreviations of document numbers and the roles that must use TOTP.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import type { FieldErrors, Outcome } from '~/domain/admin/outcome';
import {
  documentNumbersSchema,
  extensionPolicySchema,
  POLICY_SETTINGS,
  policySchema,
  totpRolesSchema,
} from '~/domain/admin/policy';
import { can, ROLE_LABELS, ROLES } from '~/domain/permissions';
import {
  getDocumentNumberSettings,
  getPolicySettings,
  getTotpRequiredRoles,
  updateDocumentNumberSettings,
  updatePolicySettings,
  updateTotpRequiredRoles,
} from '~/models/admin/policy.server';
import {
  extensionNeedsApproval as readExtensionPolicy,
  updateExtensionPolicy,
} from '~/models/extension-requests.server';
import { adminBadRequest, answerAdminForm, readAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { sentIntent } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/cai-dat';
/** The page's four forms, each sending its name as `intent`. */
const INTENTS = ['policy', 'extension', 'documents', 'totp'] as const;
const DOCUMENT_FIELDS = ['agencyAbbreviation', 'draftingUnit'] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const policy = await getPolicySettings();
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      policy: Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, String(v)])),
      limits: POLICY_SETTINGS.map((p) => ({ name: p.name, min: p.min, max: p.max })),
      documents: await getDocumentNumberSettings(),
      totpRoles: await getTotpRequiredRoles(),
      extensionNeedsApproval: await readExtensionPolicy(),
      canEditTotp: can(user, 'admin:users'),
      flash,
      pageTitle: `${t('admin.settings.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const form = await readAdminForm(request);
  const intent = sentIntent(form, INTENTS);
  const actor = { userId: user.id, ip: clientIp(context) };
  const done = () => ({ to: PATH, flash: adminFlash('saved') });
  switch (intent) {
    case 'policy':
      return answerAdminForm(form, intent, policySchema, (v) => updatePolicySettings(v, actor), done);
    case 'extension':
      return answerAdminForm(
        form,
        intent,
        extensionPolicySchema,
        async (v) => noValue(await updateExtensionPolicy(v, actor)),
        done,
      );
    case 'documents':
      return answerAdminForm(
        form,
        intent,
        documentNumbersSchema,
        (v) => updateDocumentNumberSettings(v, actor),
        done,
      );
    case 'totp':
      // Who must use a second factor is an account-security decision.
      await requirePermission(request, 'admin:users');
      return answerAdminForm(form, intent, totpRolesSchema, (v) => updateTotpRequiredRoles(v, actor), done);
    default:
      throw adminBadRequest(request);
  }
}

/** The extension policy's answer as the other models': no value when it is saved. */
function noValue(result: { ok: true } | { ok: false; errors: FieldErrors }): Outcome {
  return result.ok ? { ok: true, value: null } : result;
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const sent = (intent: (typeof INTENTS)[number]) => (result?.intent === intent ? result.reply : undefined);
  const names = data.limits.map((p) => p.name);
  const policyF = usePaknForm(policySchema, {
    lastResult: sent('policy'),
    order: names,
    ids: Object.fromEntries(names.map((n) => [n, `policy-${n}`])),
    labels: Object.fromEntries(names.map((n) => [n, t(`admin.settings.${n}`)])),
  });
  const extensionF = usePaknForm(extensionPolicySchema, { lastResult: sent('extension') });
  const documentsF = usePaknForm(documentNumbersSchema, {
    lastResult: sent('documents'),
    order: DOCUMENT_FIELDS,
    ids: { agencyAbbreviation: 'documents-agencyAbbreviation', draftingUnit: 'documents-draftingUnit' },
    labels: Object.fromEntries(DOCUMENT_FIELDS.map((n) => [n, t(`admin.settings.${n}`)])),
  });
  const totpF = usePaknForm(totpRolesSchema, { lastResult: sent('totp') });
  const summary = [...policyF.summary, ...extensionF.summary, ...documentsF.summary, ...totpF.summary];
  // after a refused post, what was sent; before, what is saved
  const policy = (name: string) => (sent('policy') ? policyF.value(name) : data.policy[name]);
  const documents = (name: (typeof DOCUMENT_FIELDS)[number]) =>
    sent('documents') ? documentsF.value(name) : data.documents[name];
  const totpRoles = sent('totp') ? totpF.values('roles') : data.totpRoles;

  return (
    <>
      <AdminPageHeader title={t('admin.settings.title')} summary={summary} flash={data.flash} />

      <section aria-labelledby="policy-title">
        <h2 id="policy-title">{t('admin.settings.policyTitle')}</h2>
        <p>{t('admin.settings.policyIntro')}</p>
        <Form method="post" {...policyF.formProps}>
          <input type="hidden" name="intent" value="policy" />
          {data.limits.map((p) => (
            <TextField
              key={p.name}
              id={`policy-${p.name}`}
              name={p.name}
              label={t(`admin.settings.${p.name}`)}
              hint={t('admin.settings.rangeHint', { min: p.min, max: p.max })}
              error={policyF.error(p.name)}
              defaultValue={policy(p.name)}
              inputMode="numeric"
              className="input-20"
            />
          ))}
          <button type="submit" className="button">
            {t('admin.common.save')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="extension-title">
        <h2 id="extension-title">{t('admin.settings.extensionTitle')}</h2>
        <Form method="post" {...extensionF.formProps}>
          <input type="hidden" name="intent" value="extension" />
          <Choices
            id="extensionNeedsApproval"
            name="extensionNeedsApproval"
            legend={t('admin.settings.extensionLegend')}
            hint={t('admin.settings.extensionHint')}
            error={extensionF.error('extensionNeedsApproval')}
            defaultValue={
              sent('extension')
                ? extensionF.value('extensionNeedsApproval')
                : data.extensionNeedsApproval
                  ? 'yes'
                  : 'no'
            }
            options={[
              { value: 'yes', label: t('admin.settings.extensionYes') },
              { value: 'no', label: t('admin.settings.extensionNo') },
            ]}
          />
          <button type="submit" className="button">
            {t('admin.common.save')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t('admin.settings.documentsTitle')}</h2>
        <p>{t('admin.settings.documentsIntro')}</p>
        <Form method="post" {...documentsF.formProps}>
          <input type="hidden" name="intent" value="documents" />
          {DOCUMENT_FIELDS.map((name) => (
            <TextField
              key={name}
              id={`documents-${name}`}
              name={name}
              label={t(`admin.settings.${name}`)}
              hint={t(`admin.settings.${name}Hint`)}
              error={documentsF.error(name)}
              defaultValue={documents(name)}
              className="input-20"
              autoComplete="off"
            />
          ))}
          <button type="submit" className="button">
            {t('admin.common.save')}
          </button>
        </Form>
      </section>

      {data.canEditTotp ? (
        <section aria-labelledby="totp-title">
          <h2 id="totp-title">{t('admin.settings.totpTitle')}</h2>
          <p>{t('admin.settings.totpIntro')}</p>
          <Form method="post" {...totpF.formProps}>
            <input type="hidden" name="intent" value="totp" />
            <Choices
              id="roles"
              name="roles"
              type="checkbox"
              legend={t('admin.settings.totpLegend')}
              hint={t('admin.settings.totpHint')}
              error={totpF.error('roles')}
              defaultValue={totpRoles}
              options={ROLES.map((r) => ({
                value: r,
                label: ROLE_LABELS[r][i18n.language === 'en' ? 'en' : 'vi'],
              }))}
            />
            <button type="submit" className="button">
              {t('admin.common.save')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
