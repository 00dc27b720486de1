// Set a new password from a single-use, expiring e-mailed link (reset or a new account's invitation).
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { assertSameOrigin } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { ACCOUNT_FLASH, resetPasswordSchema } from '~/domain/staff-account';
import { completePasswordReset, findValidReset } from '~/models/password-resets.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

// the token is in the address: never leak it to another site
export const headers: HeadersFunction = () => ({
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const user = await findValidReset(params.token ?? '');
  const pageTitle = `${t(user ? 'auth.reset.title' : 'auth.reset.invalidTitle')} – ${t('app.shortName')}`;
  return json({ email: user?.email ?? null, pageTitle }, { status: user ? 200 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await assertSameOrigin(request);
  const token = params.token ?? '';
  const user = await findValidReset(token);
  if (!user) return json({ invalid: true as const }, { status: 410 });
  const form = await request.formData().catch(() => new FormData());
  const submission = parseForm(form, resetPasswordSchema(user.email));
  // passwords never travel back to the page
  if (submission.status !== 'success')
    return json(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 });
  const done = await completePasswordReset(token, submission.value.password, { ip: clientIp(context) });
  if (done === null) return json({ invalid: true as const }, { status: 410 });
  return redirectWithFlash('/can-bo/dang-nhap', ACCOUNT_FLASH.resetDone);
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(resetPasswordSchema(email), {
    lastResult: result && !('invalid' in result) ? result : undefined,
    order: ['password', 'confirm'],
  });
  if (!email || (result && 'invalid' in result)) {
    return (
      <div className="narrow">
        <h1>{t('auth.reset.invalidTitle')}</h1>
        <p>{t('auth.reset.invalidBody')}</p>
        <p>
          <Link to="/can-bo/quen-mat-khau">{t('auth.reset.requestNew')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('auth.reset.title')}</h1>
      <p className="lead-small">{t('auth.reset.intro', { email })}</p>
      <Form method="post" {...f.formProps}>
        {/* lets password managers file the new password under the right account */}
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('auth.reset.password')}
          hint={t('auth.password.hint')}
          error={f.error('password')}
          autoComplete="new-password"
        />
        <TextField
          id="confirm"
          name="confirm"
          type="password"
          label={t('auth.reset.confirm')}
          error={f.error('confirm')}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t('auth.reset.submit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
