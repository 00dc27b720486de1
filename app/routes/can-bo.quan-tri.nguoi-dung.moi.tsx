// Administrators create a staff account; the person gets an e-mail to set their own password.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, type FieldError, Select, TextField } from '~/components/ui/form';
import { newUserFormSchema } from '~/domain/admin/users';
import { ROLES } from '~/domain/permissions';
import { audit } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { issuePasswordReset } from '~/models/password-resets.server';
import { createUser, type UserField, validateNewUser } from '~/models/users.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:users');
  const t = getT(getLocale(request));
  return json({
    units: listUnits().map((u) => ({ value: u.code, label: `${u.code} – ${u.name}` })),
    pageTitle: `${t('auth.users.createTitle')} – ${t('app.shortName')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'admin:users');
  const locale = getLocale(request);
  const t = getT(locale);
  const ip = clientIp(context);
  const form = await request.formData().catch(() => null);
  const submission = parseForm(form ?? new FormData(), newUserFormSchema);
  // the schema only reads the form, it never refuses it
  if (submission.status !== 'success')
    throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  const values = submission.value;
  const checked = validateNewUser({
    email: values.email,
    name: values.name,
    role: values.role,
    unitCode: values.unit || null,
  });
  if (!checked.ok) {
    const errors = Object.fromEntries(
      Object.entries(checked.errors).map(([field, problem]) => [field, t(`auth.users.${problem}`)]),
    ) as Partial<Record<UserField, string>>;
    return json({ values, errors }, { status: 400 });
  }
  const user = await createUser(checked.value);
  audit({
    actorUserId: admin.id,
    action: 'user.create',
    targetType: 'user',
    targetId: user.id,
    ip,
    detail: { email: user.email, role: user.role, unitId: user.unitId },
  });
  issuePasswordReset(user, { locale, kind: 'invite', actorUserId: admin.id, ip });
  return redirectWithFlash(`/can-bo/quan-tri/nguoi-dung/${user.id}`, 'auth.users.created');
}

export default function CreateUser() {
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Partial<Record<UserField, string>> = result?.errors ?? {};
  const summary: FieldError[] = Object.entries(errors).map(([id, message]) => ({
    id,
    message: message ?? '',
  }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <p>
        <Link to="/can-bo/quan-tri/nguoi-dung">{t('auth.users.back')}</Link>
      </p>
      <h1>{t('auth.users.createTitle')}</h1>
      <p className="lead-small">{t('auth.users.createIntro')}</p>
      <Form method="post" noValidate>
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('auth.users.email')}
          error={errors.email}
          defaultValue={result?.values.email}
          autoComplete="off"
        />
        <TextField
          id="name"
          name="name"
          label={t('auth.users.name')}
          error={errors.name}
          defaultValue={result?.values.name}
          autoComplete="off"
        />
        <Select
          id="role"
          name="role"
          label={t('auth.users.role')}
          error={errors.role}
          defaultValue={result?.values.role}
          placeholder=""
          options={ROLES.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))}
        />
        <Select
          id="unit"
          name="unit"
          label={t('auth.users.unit')}
          hint={t('auth.users.unitHint')}
          error={errors.unit}
          defaultValue={result?.values.unit}
          placeholder={t('auth.users.noUnit')}
          options={units}
        />
        <button type="submit" className="button">
          {t('auth.users.createSubmit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
