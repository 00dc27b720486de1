// [policy] settings (limits of the public forms, the report cut-off day, whether an extension needs a
// leader's approval), the abbreviations of document numbers and the roles that must use TOTP.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, TextField } from '~/components/ui/form';
import { translateErrors } from '~/domain/admin/outcome';
import { documentNumbersSchema, POLICY_SETTINGS, policySchema, totpRolesSchema } from '~/domain/admin/policy';
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
import { parseAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { formToValues } from '~/utils/form-values';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/cai-dat';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const policy = getPolicySettings();
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      policy: Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, String(v)])),
      limits: POLICY_SETTINGS.map((p) => ({ name: p.name, min: p.min, max: p.max })),
      documents: getDocumentNumberSettings(),
      totpRoles: getTotpRequiredRoles(),
      extensionNeedsApproval: readExtensionPolicy(),
      canEditTotp: can(user, 'admin:users'),
      flash,
      pageTitle: `${t('admin.settings.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToValues(form, ['roles']);
  const actor = { userId: user.id, ip: clientIp(context) };
  let result;
  if (values.intent === 'policy') {
    const parsed = parseAdminForm(form, policySchema);
    result = parsed.ok ? updatePolicySettings(parsed.value, actor) : parsed;
  } else if (values.intent === 'extension') result = updateExtensionPolicy(values, actor);
  else if (values.intent === 'documents') {
    const parsed = parseAdminForm(form, documentNumbersSchema);
    result = parsed.ok ? updateDocumentNumberSettings(parsed.value, actor) : parsed;
  } else if (values.intent === 'totp') {
    // Who must use a second factor is an account-security decision.
    await requirePermission(request, 'admin:users');
    const parsed = parseAdminForm(form, totpRolesSchema);
    result = parsed.ok ? updateTotpRequiredRoles(parsed.value, actor) : parsed;
  } else throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  if (result.ok) return redirectWithFlash(PATH, adminFlash('saved'));
  return json({ intent: values.intent, values, errors: translateErrors(t, result.errors) }, { status: 400 });
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  const summary = Object.entries(errors).map(([field, message]) => ({
    id:
      field === 'roles' ? 'roles' : result?.intent === 'documents' ? `documents-${field}` : `policy-${field}`,
    message,
  }));
  const documents =
    result?.intent === 'documents' ? (result.values as Record<string, string>) : data.documents;
  const policy = result?.intent === 'policy' ? (result.values as Record<string, string>) : data.policy;
  const totpRoles = result?.intent === 'totp' ? [result.values.roles ?? []].flat() : data.totpRoles;

  return (
    <>
      <AdminPageHeader title={t('admin.settings.title')} summary={summary} flash={data.flash} />

      <section aria-labelledby="policy-title">
        <h2 id="policy-title">{t('admin.settings.policyTitle')}</h2>
        <p>{t('admin.settings.policyIntro')}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="policy" />
          {data.limits.map((p) => (
            <TextField
              key={p.name}
              id={`policy-${p.name}`}
              name={p.name}
              label={t(`admin.settings.${p.name}`)}
              hint={t('admin.settings.rangeHint', { min: p.min, max: p.max })}
              error={errors[p.name]}
              defaultValue={policy[p.name]}
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
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="extension" />
          <Choices
            id="extensionNeedsApproval"
            name="extensionNeedsApproval"
            legend={t('admin.settings.extensionLegend')}
            hint={t('admin.settings.extensionHint')}
            error={errors.extensionNeedsApproval}
            defaultValue={data.extensionNeedsApproval ? 'yes' : 'no'}
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
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="documents" />
          {(['agencyAbbreviation', 'draftingUnit'] as const).map((name) => (
            <TextField
              key={name}
              id={`documents-${name}`}
              name={name}
              label={t(`admin.settings.${name}`)}
              hint={t(`admin.settings.${name}Hint`)}
              error={result?.intent === 'documents' ? errors[name] : undefined}
              defaultValue={documents[name]}
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
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="totp" />
            <Choices
              id="roles"
              name="roles"
              type="checkbox"
              legend={t('admin.settings.totpLegend')}
              hint={t('admin.settings.totpHint')}
              error={errors.roles}
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
