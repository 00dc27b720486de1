// Forgotten password: always the same answer whether or not the account exists; the link is e-mailed.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { assertSameOrigin } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, type FieldError, TextField } from '~/components/ui/form';
import { requestPasswordReset } from '~/models/password-resets.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  return json({ pageTitle: `${t('auth.forgot.title')} – ${t('app.shortName')}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const locale = getLocale(request);
  const t = getT(locale);
  const form = await request.formData().catch(() => null);
  const email = String(form?.get('email') ?? '')
    .trim()
    .slice(0, 254);
  const result = requestPasswordReset(email, { locale, ip: clientIp(context) });
  if (result.ok) return json({ values: { email }, sent: email, error: null });
  const error = t(`auth.forgot.${result.reason}`, { minutes: result.minutes ?? 0 });
  return json(
    { values: { email }, sent: null, error },
    { status: result.reason === 'throttled' ? 429 : 400 },
  );
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const summary: FieldError[] = result?.error ? [{ id: 'email', message: result.error }] : [];
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('auth.forgot.title')}</h1>
      {result?.sent ? (
        <p className="notice" role="status">
          {t('auth.forgot.sent', { email: result.sent })}
        </p>
      ) : (
        <>
          <p className="lead-small">{t('auth.forgot.intro')}</p>
          <Form method="post" noValidate>
            <TextField
              id="email"
              name="email"
              type="email"
              label={t('auth.forgot.email')}
              error={result?.error ?? undefined}
              defaultValue={result?.values.email}
              autoComplete="username"
            />
            <button type="submit" className="button">
              {t('auth.forgot.submit')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/can-bo/dang-nhap">{t('auth.forgot.backToSignIn')}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
