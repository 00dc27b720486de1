// Staff sign-in: e-mail and password, then (when turned on or required) the TOTP step.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { assertSameOrigin, getStaffUser } from '~/auth/guards.server';
import { attemptSignIn } from '~/auth/sign-in.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, type FieldError, TextField } from '~/components/ui/form';
import { clientIp, safeRedirect } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

function target(value: FormDataEntryValue | string | null | undefined): string {
  const to = safeRedirect(value, '/can-bo');
  return to.startsWith('/can-bo') && !to.startsWith('/can-bo/dang-') ? to : '/can-bo';
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = target(url.searchParams.get('redirectTo'));
  if (await getStaffUser(request)) throw redirect(redirectTo);
  const t = getT(getLocale(request));
  const notice = url.searchParams.has('dat-lai')
    ? 'resetDone'
    : url.searchParams.has('da-dang-xuat')
      ? 'signedOut'
      : url.searchParams.has('het-han')
        ? 'expired'
        : null;
  return json({ redirectTo, notice, pageTitle: `${t('auth.signIn.title')} – ${t('app.shortName')}` });
}

type Errors = { email?: string; password?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const email = String(form?.get('email') ?? '')
    .trim()
    .slice(0, 254);
  const password = String(form?.get('password') ?? '').slice(0, 1024);
  const redirectTo = target(form?.get('redirectTo') as string | null);
  const values = { email, redirectTo };
  const errors: Errors = {};
  if (!email) errors.email = t('auth.signIn.emailRequired');
  if (!password) errors.password = t('auth.signIn.passwordRequired');
  if (errors.email || errors.password) return json({ values, errors }, { status: 400 });

  const result = await attemptSignIn({ request, email, password, ip: clientIp(context), redirectTo });
  if (!result.ok) {
    const message = t(`auth.signIn.${result.reason}`, { minutes: result.minutes });
    return json(
      { values, errors: { email: message } as Errors },
      { status: result.reason === 'invalid' ? 400 : 429 },
    );
  }
  return redirect(result.next, { headers: { 'Set-Cookie': result.setCookie } });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Errors = result?.errors ?? {};
  const summary: FieldError[] = Object.entries(errors).map(([id, message]) => ({
    id,
    message: message ?? '',
  }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('auth.signIn.title')}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`auth.signIn.${notice}`)}
        </p>
      ) : null}
      <p className="lead-small">{t('auth.signIn.intro')}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={result?.values.redirectTo ?? redirectTo} />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('auth.signIn.email')}
          error={errors.email}
          defaultValue={result?.values.email}
          autoComplete="username"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('auth.signIn.password')}
          error={errors.password}
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t('auth.signIn.submit')}
        </button>
      </Form>
      <p>
        <Link to="/can-bo/quen-mat-khau">{t('auth.signIn.forgot')}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
