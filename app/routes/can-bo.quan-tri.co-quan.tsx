// The agency's own details: shown in the site footer, on receipts and answers, and the PAKN code prefix.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { TextArea, TextField } from '~/components/ui/form';
import { AGENCY_FIELDS, agencySchema } from '~/domain/admin/agency';
import { translateErrors } from '~/domain/admin/outcome';
import { formatPaknCode } from '~/domain/pakn';
import { updateAgency } from '~/models/admin/agency.server';
import { getAgency } from '~/models/config.server';
import { parseAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { formToStrings } from '~/utils/form-values';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/co-quan';

const FIELDS = AGENCY_FIELDS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const agency = getAgency();
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      values: Object.fromEntries(FIELDS.map((f) => [f.name, agency[f.name]])) as Record<string, string>,
      example: formatPaknCode(agency.codePrefix, new Date().getFullYear(), 1),
      flash,
      pageTitle: `${t('admin.agency.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToStrings(form);
  const parsed = parseAdminForm(form, agencySchema);
  const result = parsed.ok ? updateAgency(parsed.value, { userId: user.id, ip: clientIp(context) }) : parsed;
  if (result.ok) return redirectWithFlash(PATH, adminFlash('saved'));
  return json({ values, errors: translateErrors(t, result.errors) }, { status: 400 });
}

export default function AgencyDetails() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? data.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const summary = FIELDS.filter((f) => errors[f.name]).map((f) => ({ id: f.name, message: errors[f.name]! }));
  return (
    <>
      <AdminPageHeader
        title={t('admin.agency.title')}
        intro={t('admin.agency.intro')}
        summary={summary}
        flash={data.flash}
      />
      <Form method="post" noValidate>
        {FIELDS.map((f) => {
          const common = {
            id: f.name,
            name: f.name,
            label: t(`admin.agency.${f.name}`),
            error: errors[f.name],
            defaultValue: values[f.name],
            maxLength: f.max,
            optional: 'optional' in f ? f.optional : undefined,
          };
          if ('area' in f) return <TextArea key={f.name} {...common} rows={3} />;
          if (f.name === 'codePrefix') {
            return (
              <div key={f.name}>
                <p className="notice" id="codePrefix-warning">
                  {t('admin.agency.codePrefixWarning', { example: data.example })}
                </p>
                <TextField {...common} hint={t('admin.agency.codePrefixHint')} className="input-20" />
              </div>
            );
          }
          return (
            <TextField
              key={f.name}
              {...common}
              type={'type' in f ? f.type : 'text'}
              inputMode={'inputMode' in f ? f.inputMode : undefined}
            />
          );
        })}
        <button type="submit" className="button">
          {t('admin.common.save')}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
