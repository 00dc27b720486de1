// Administrators create a staff account; the person gets an e-mail to set their own password.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { RoleAndUnitFields } from '~/components/admin/user-fields';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { newUserFormSchema, userProblem } from '~/domain/admin/users';
import { localName } from '~/domain/local-name';
import { audit } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { issuePasswordReset } from '~/models/password-resets.server';
import { createUser, validateNewUser } from '~/models/users.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:users');
  const locale = getLocale(request);
  const t = getT(locale);
  return json({
    units: (await listUnits()).map((u) => ({ value: u.code, label: `${u.code} – ${localName(u, locale)}` })),
    pageTitle: `${t('auth.users.createTitle')} – ${t('admin.title')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'admin:users');
  const locale = getLocale(request);
  const t = getT(locale);
  const ip = clientIp(context);
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  const submission = parseForm(form, newUserFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const values = submission.value;
  // what the schema cannot see: an address already taken, a unit code that does not exist
  const checked = await validateNewUser({
    email: values.email,
    name: values.name,
    role: values.role,
    unitCode: values.unit || null,
  });
  if (!checked.ok) {
    const fieldErrors = Object.fromEntries(
      Object.entries(checked.errors).map(([field, problem]) => [field, [userProblem(problem)]]),
    );
    return json(submission.reply({ fieldErrors }), { status: 400 });
  }
  const user = await createUser(checked.value);
  await audit({
    actorUserId: admin.id,
    action: 'user.create',
    targetType: 'user',
    targetId: user.id,
    ip,
    detail: { email: user.email, role: user.role, unitId: user.unitId },
  });
  await issuePasswordReset(user, { locale, kind: 'invite', actorUserId: admin.id, ip });
  return redirectWithFlash(`/can-bo/quan-tri/nguoi-dung/${user.id}`, 'auth.users.created');
}

export default function CreateUser() {
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(newUserFormSchema, { lastResult: result, order: ['email', 'name', 'role', 'unit'] });
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <p>
        <Link to="/can-bo/quan-tri/nguoi-dung">{t('auth.users.back')}</Link>
      </p>
      <h1>{t('auth.users.createTitle')}</h1>
      <p className="lead-small">{t('auth.users.createIntro')}</p>
      <Form method="post" {...f.formProps}>
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('auth.users.email')}
          error={f.error('email')}
          defaultValue={f.value('email')}
          autoComplete="off"
        />
        <TextField
          id="name"
          name="name"
          label={t('auth.users.name')}
          error={f.error('name')}
          defaultValue={f.value('name')}
          autoComplete="off"
        />
        <RoleAndUnitFields
          error={f.error}
          role={f.value('role')}
          unit={f.value('unit')}
          units={units}
          chooseRole
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
