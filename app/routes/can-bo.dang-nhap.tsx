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
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { signInSchema } from '~/domain/staff-account';
import { readFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
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
  const flash = await readFlash(request);
  // a session that ran out comes back with ?het-han=1 (set by requireStaff, with redirectTo)
  const notice = flash.message ?? (url.searchParams.has('het-han') ? 'auth.signIn.expired' : null);
  return json(
    { redirectTo, notice, pageTitle: `${t('auth.signIn.title')} – ${t('app.shortName')}` },
    { headers: flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {} },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  await assertSameOrigin(request);
  const form = await request.formData().catch(() => new FormData());
  const submission = parseForm(form, signInSchema);
  // the password never travels back to the page
  const hideFields = ['password'];
  if (submission.status !== 'success') return json(submission.reply({ hideFields }), { status: 400 });
  const { email, password } = submission.value;
  const redirectTo = target(submission.value.redirectTo);
  const result = await attemptSignIn({ request, email, password, ip: clientIp(context), redirectTo });
  if (!result.ok) {
    const message = `auth.signIn.${result.reason}|minutes=${result.minutes ?? 0}`;
    return json(submission.reply({ hideFields, fieldErrors: { email: [message] } }), {
      status: result.reason === 'invalid' ? 400 : 429,
    });
  }
  return redirect(result.next, { headers: { 'Set-Cookie': result.setCookie } });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = usePaknForm(signInSchema, {
    lastResult: useActionData<typeof action>(),
    order: ['email', 'password'],
  });
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('auth.signIn.title')}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p className="lead-small">{t('auth.signIn.intro')}</p>
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="redirectTo" value={f.value('redirectTo') ?? redirectTo} />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('auth.signIn.email')}
          error={f.error('email')}
          defaultValue={f.value('email')}
          autoComplete="username"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('auth.signIn.password')}
          error={f.error('password')}
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
