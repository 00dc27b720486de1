// The agency's own details: shown in the site footer, on receipts and answers, and the PAKN code prefix.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { TextArea, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { AGENCY_FIELDS, agencySchema } from '~/domain/admin/agency';
import { modelErrors } from '~/domain/admin/outcome';
import { formatPaknCode } from '~/domain/pakn';
import { updateAgency } from '~/models/admin/agency.server';
import { getAgency } from '~/models/config.server';
import { readAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/co-quan';

const FIELDS = AGENCY_FIELDS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const agency = await getAgency();
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
  const form = await readAdminForm(request);
  const submission = parseForm(form, agencySchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await updateAgency(submission.value, { userId: user.id, ip: clientIp(context) });
  if (result.ok) return redirectWithFlash(PATH, adminFlash('saved'));
  return json(submission.reply({ fieldErrors: modelErrors(result.errors) }), { status: 400 });
}

export default function AgencyDetails() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(agencySchema, {
    lastResult: result,
    order: FIELDS.map((field) => field.name),
    labels: Object.fromEntries(FIELDS.map((field) => [field.name, t(`admin.agency.${field.name}`)])),
  });
  // after a post, what was sent; before, what is saved
  const value = (name: (typeof FIELDS)[number]['name']) => (result ? f.value(name) : data.values[name]);
  return (
    <>
      <AdminPageHeader
        title={t('admin.agency.title')}
        intro={t('admin.agency.intro')}
        summary={f.summary}
        flash={data.flash}
      />
      <Form method="post" {...f.formProps}>
        {FIELDS.map((field) => {
          const common = {
            id: field.name,
            name: field.name,
            label: t(`admin.agency.${field.name}`),
            error: f.error(field.name),
            defaultValue: value(field.name),
            maxLength: field.max,
            optional: 'optional' in field ? field.optional : undefined,
          };
          if ('area' in field) return <TextArea key={field.name} {...common} rows={3} />;
          if (field.name === 'codePrefix') {
            return (
              <div key={field.name}>
                <p className="notice" id="codePrefix-warning">
                  {t('admin.agency.codePrefixWarning', { example: data.example })}
                </p>
                <TextField {...common} hint={t('admin.agency.codePrefixHint')} className="input-20" />
              </div>
            );
          }
          return (
            <TextField
              key={field.name}
              {...common}
              type={'type' in field ? field.type : 'text'}
              inputMode={'inputMode' in field ? field.inputMode : undefined}
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
