// The second sign-in step for accounts with TOTP: a 6-digit code; passing it starts a new session.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { assertSameOrigin, loadSession } from '~/auth/guards.server';
import { startSession } from '~/auth/sign-in.server';
import { checkTotpCode } from '~/auth/totp.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { secondFactorSchema } from '~/domain/staff-account';
import { audit } from '~/models/audit.server';
import { parseForm } from '~/utils/forms';
import { clientIp, safeRedirect } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

function target(value: string | null): string {
  const to = safeRedirect(value, '/can-bo');
  return to.startsWith('/can-bo') && !to.startsWith('/can-bo/dang-') && !to.startsWith('/can-bo/xac-thuc')
    ? to
    : '/can-bo';
}

async function pendingState(request: Request) {
  const state = await loadSession(request);
  if (!state) throw redirect('/can-bo/dang-nhap');
  if (state.pending !== 'verify' || !state.user.totpSecret) throw redirect('/can-bo');
  return state;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingState(request);
  const t = getT(getLocale(request));
  const redirectTo = target(new URL(request.url).searchParams.get('redirectTo'));
  return json({ redirectTo, pageTitle: `${t('auth.secondFactor.title')} – ${t('app.shortName')}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await assertSameOrigin(request);
  const state = await pendingState(request);
  const ip = clientIp(context);
  const form = await request.formData().catch(() => new FormData());
  const submission = parseForm(form, secondFactorSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { code } = submission.value;
  const redirectTo = target(submission.value.redirectTo ?? '');
  const check = await checkTotpCode(state.user, state.user.totpSecret!, code);
  if (check !== 'ok') {
    await audit({
      actorUserId: state.user.id,
      action: 'auth.totp.failed',
      targetType: 'user',
      targetId: state.user.id,
      ip,
    });
    const message = check === 'throttled' ? 'auth.secondFactor.throttled' : 'auth.secondFactor.invalid';
    return json(submission.reply({ fieldErrors: { code: [message] } }), {
      status: check === 'throttled' ? 429 : 400,
    });
  }
  const setCookie = await startSession(state.user, {
    secondFactorDone: true,
    request,
    ip,
    replaces: state.session.id,
  });
  await audit({
    actorUserId: state.user.id,
    action: 'auth.totp.verified',
    targetType: 'user',
    targetId: state.user.id,
    ip,
  });
  return redirect(redirectTo, { headers: { 'Set-Cookie': setCookie } });
}

export default function SecondFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = usePaknForm(secondFactorSchema, { lastResult: useActionData<typeof action>(), order: ['code'] });
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('auth.secondFactor.title')}</h1>
      <p className="lead-small">{t('auth.secondFactor.intro')}</p>
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          id="code"
          name="code"
          label={t('auth.secondFactor.code')}
          hint={t('auth.secondFactor.codeHint')}
          error={f.error('code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          className="input-20"
        />
        <button type="submit" className="button">
          {t('auth.secondFactor.submit')}
        </button>
      </Form>
      <Form method="post" action="/can-bo/dang-xuat">
        <button type="submit" className="link-button">
          {t('auth.secondFactor.cancel')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
