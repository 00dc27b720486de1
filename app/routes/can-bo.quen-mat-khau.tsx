// Forgotten password: always the same answer whether or not the account exists; the link is e-mailed.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { assertSameOrigin } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { forgotPasswordSchema } from '~/domain/staff-account';
import { requestPasswordReset } from '~/models/password-resets.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  return json({ pageTitle: `${t('auth.forgot.title')} – ${t('app.shortName')}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await assertSameOrigin(request);
  const locale = getLocale(request);
  const form = await request.formData().catch(() => new FormData());
  const submission = parseForm(form, forgotPasswordSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const result = await requestPasswordReset(email, { locale, ip: clientIp(context) });
  if (result.ok) return json({ sent: email });
  const message = `auth.forgot.${result.reason}|minutes=${result.minutes ?? 0}`;
  return json(submission.reply({ fieldErrors: { email: [message] } }), {
    status: result.reason === 'throttled' ? 429 : 400,
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const sent = result && 'sent' in result ? result.sent : null;
  const f = usePaknForm(forgotPasswordSchema, {
    lastResult: result && !('sent' in result) ? result : undefined,
    order: ['email'],
  });
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('auth.forgot.title')}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t('auth.forgot.sent', { email: sent })}
        </p>
      ) : (
        <>
          <p className="lead-small">{t('auth.forgot.intro')}</p>
          <Form method="post" {...f.formProps}>
            <TextField
              id="email"
              name="email"
              type="email"
              label={t('auth.forgot.email')}
              error={f.error('email')}
              defaultValue={f.value('email')}
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
