// Own account: details, password change, TOTP on/off, own sessions. Also where a user whose role
// requires TOTP is sent to set it up before anything else.
import type { SubmissionResult } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireStaff, totpRequiredFor } from '~/auth/guards.server';
import { startSession } from '~/auth/sign-in.server';
import { checkTotpCode, newTotpSecret, totpQrDataUrl, totpUri } from '~/auth/totp.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FlashMessage } from '~/components/ui/flash';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import {
  ACCOUNT_FLASH,
  changePasswordSchema,
  totpConfirmSchema,
  totpDisableSchema,
} from '~/domain/staff-account';
import { audit, formatInstant } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { hitRateLimit, peekRateLimit } from '~/models/rate-limit.server';
import { listLiveSessions, revokeUserSessions } from '~/models/sessions.server';
import { disableTotp, enableTotp, getUser, setPassword, setPendingTotpSecret } from '~/models/users.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm, sentIntent, submittedValue } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { verifyPassword } from '~/utils/password-hash.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowTotpSetup: true });
  const user = (await getUser(staff.id))!;
  const t = getT(getLocale(request));
  const flash = await readFlash(request);
  const unit = user.unitId
    ? (await listUnits({ activeOnly: false })).find((u) => u.id === user.unitId)
    : undefined;
  const settingUp = !user.totpEnabled && !!user.totpSecret;
  const uri = settingUp ? await totpUri(user.totpSecret!, user.email) : null;
  return json(
    {
      user: { name: user.name, email: user.email, role: user.role, unitName: unit?.name ?? null },
      totp: {
        enabled: user.totpEnabled,
        required: await totpRequiredFor(user.role),
        setup: uri ? { secret: user.totpSecret!, uri, qr: await totpQrDataUrl(uri) } : null,
      },
      sessions: (await listLiveSessions(user.id)).map((s) => ({
        current: s.id === staff.sessionId,
        started: formatInstant(s.createdAt),
        lastSeen: formatInstant(s.lastSeenAt),
        ip: s.ip ?? '',
      })),
      flash: flash.message,
      pageTitle: `${t('auth.account.title')} – ${t('app.shortName')}`,
    },
    {
      headers: { 'Cache-Control': 'no-store', ...(flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {}) },
    },
  );
}

/** The page's posting forms, each sending its name as `intent`. */
const INTENTS = [
  'password',
  'totp-start',
  'totp-cancel',
  'totp-confirm',
  'totp-disable',
  'revoke-others',
] as const;

/** Which of the page's forms answered, beside conform's reply. */
type Answer = 'password' | 'totp-confirm' | 'totp-disable';

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { allowTotpSetup: true });
  const user = (await getUser(staff.id))!;
  const t = getT(getLocale(request));
  const ip = clientIp(context);
  const form = await request.formData().catch(() => new FormData());
  const intent = sentIntent(form, INTENTS);
  const answer = (form: Answer, reply: SubmissionResult, status = 400) =>
    json({ ...reply, form }, { status });
  const wrongPasswordLimit = { bucket: 'password-confirm', key: String(user.id) } as const;

  /** The current password, when given: null when right, else the message. */
  async function checkCurrent(value: string): Promise<string | null> {
    if (!value) return null;
    if (!(await peekRateLimit(wrongPasswordLimit)).allowed) return 'auth.secondFactor.throttled';
    if (!(await verifyPassword(user.passwordHash, value))) {
      await hitRateLimit(wrongPasswordLimit);
      return 'auth.account.wrongCurrent';
    }
    return null;
  }

  switch (intent) {
    case 'password': {
      const submission = parseForm(form, changePasswordSchema(user.email));
      // the current password is checked even when the new one is refused, so both messages show at once
      const wrong = await checkCurrent(submittedValue(submission.payload, 'current') ?? '');
      const hideFields = ['current', 'password', 'confirm'];
      if (submission.status !== 'success' || wrong)
        return answer(
          'password',
          submission.reply({ hideFields, fieldErrors: wrong ? { current: [wrong] } : {} }),
        );
      const { password } = submission.value;
      await setPassword(user.id, password);
      await revokeUserSessions(user.id, { exceptId: staff.sessionId });
      await audit({
        actorUserId: user.id,
        action: 'auth.password.changed',
        targetType: 'user',
        targetId: user.id,
        ip,
      });
      return redirectWithFlash('/can-bo/tai-khoan', ACCOUNT_FLASH.passwordChanged);
    }
    case 'totp-start': {
      if (user.totpEnabled) return redirect('/can-bo/tai-khoan');
      await setPendingTotpSecret(user.id, newTotpSecret());
      return redirect('/can-bo/tai-khoan?bat-2fa=1#totp');
    }
    case 'totp-cancel': {
      if (!user.totpEnabled) await disableTotp(user.id);
      return redirect('/can-bo/tai-khoan');
    }
    case 'totp-confirm': {
      if (user.totpEnabled || !user.totpSecret) return redirect('/can-bo/tai-khoan');
      const submission = parseForm(form, totpConfirmSchema);
      if (submission.status !== 'success') return answer('totp-confirm', submission.reply());
      const check = await checkTotpCode(user, user.totpSecret, submission.value.code);
      if (check !== 'ok') {
        const message = check === 'throttled' ? 'auth.secondFactor.throttled' : 'auth.account.codeInvalid';
        return answer(
          'totp-confirm',
          submission.reply({ fieldErrors: { code: [message] } }),
          check === 'throttled' ? 429 : 400,
        );
      }
      await enableTotp(user.id);
      await audit({
        actorUserId: user.id,
        action: 'auth.totp.enabled',
        targetType: 'user',
        targetId: user.id,
        ip,
      });
      // the code just proved the second factor: a fresh session that has passed it
      const setCookie = await startSession(user, {
        secondFactorDone: true,
        request,
        ip,
        replaces: staff.sessionId,
      });
      return redirectWithFlash('/can-bo/tai-khoan', ACCOUNT_FLASH.totpEnabled, {
        headers: { 'Set-Cookie': setCookie },
      });
    }
    case 'totp-disable': {
      if (!user.totpEnabled) return redirect('/can-bo/tai-khoan');
      const submission = parseForm(form, totpDisableSchema);
      if (await totpRequiredFor(user.role))
        return answer(
          'totp-disable',
          submission.reply({ fieldErrors: { totp: ['auth.account.totpCannotDisable'] } }),
          409,
        );
      const wrong =
        submission.status === 'success' ? await checkCurrent(submission.value.disablePassword) : null;
      if (submission.status !== 'success' || wrong)
        return answer(
          'totp-disable',
          submission.reply({
            hideFields: ['disablePassword'],
            fieldErrors: wrong ? { disablePassword: [wrong] } : {},
          }),
        );
      await disableTotp(user.id);
      await audit({
        actorUserId: user.id,
        action: 'auth.totp.disabled',
        targetType: 'user',
        targetId: user.id,
        ip,
      });
      return redirectWithFlash('/can-bo/tai-khoan', ACCOUNT_FLASH.totpDisabled);
    }
    case 'revoke-others': {
      const n = await revokeUserSessions(user.id, { exceptId: staff.sessionId });
      await audit({
        actorUserId: user.id,
        action: 'session.revoke',
        targetType: 'user',
        targetId: user.id,
        ip,
        detail: { count: n, own: true },
      });
      return redirectWithFlash('/can-bo/tai-khoan', ACCOUNT_FLASH.othersRevoked(n));
    }
    default:
      throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  }
}

export default function Account() {
  const { user, totp, sessions, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const of = (form: Answer) => (result?.form === form ? result : undefined);
  const pw = usePaknForm(changePasswordSchema(user.email), {
    id: 'password-form',
    lastResult: of('password'),
    order: ['current', 'password', 'confirm'],
  });
  const confirm = usePaknForm(totpConfirmSchema, { id: 'totp-confirm-form', lastResult: of('totp-confirm') });
  const disable = usePaknForm(totpDisableSchema, {
    id: 'totp-disable-form',
    lastResult: of('totp-disable'),
  });
  return (
    <div className="narrow">
      <ErrorSummary errors={[...disable.summary, ...confirm.summary, ...pw.summary]} />
      <h1>{t('auth.account.title')}</h1>
      <FlashMessage message={flash} variant="notice" />
      {totp.required && !totp.enabled ? (
        <p className="notice notice-warning" role="alert">
          {t('auth.account.totpRequired')}
        </p>
      ) : null}

      <h2>{t('auth.account.details')}</h2>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('auth.account.name')}</dt>
          <dd>{user.name}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.account.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.account.role')}</dt>
          <dd>{t(`auth.roles.${user.role}`)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.account.unit')}</dt>
          <dd>{user.unitName ?? t('auth.account.noUnit')}</dd>
        </div>
      </dl>

      <h2 id="totp">{t('auth.account.totpHeading')}</h2>
      {disable.error('totp') ? <p className="field-error">{disable.error('totp')}</p> : null}
      {totp.enabled ? (
        <>
          <p>{t('auth.account.totpOn')}</p>
          {totp.required ? null : (
            <Form method="post" {...disable.formProps}>
              <input type="hidden" name="intent" value="totp-disable" />
              <TextField
                id="disablePassword"
                name="disablePassword"
                type="password"
                label={t('auth.account.totpDisablePassword')}
                error={disable.error('disablePassword')}
                autoComplete="current-password"
              />
              <button type="submit" className="button button-secondary">
                {t('auth.account.totpDisable')}
              </button>
            </Form>
          )}
        </>
      ) : totp.setup ? (
        <>
          <p>{t('auth.account.totpScan')}</p>
          <img src={totp.setup.qr} alt={t('auth.account.totpQrAlt')} width={220} height={220} />
          <p>
            {t('auth.account.totpManual')} <code className="totp-secret">{totp.setup.secret}</code>
          </p>
          <Form method="post" {...confirm.formProps}>
            <input type="hidden" name="intent" value="totp-confirm" />
            <TextField
              id="code"
              name="code"
              label={t('auth.account.totpCode')}
              hint={t('auth.secondFactor.codeHint')}
              error={confirm.error('code')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              className="input-20"
            />
            <button type="submit" className="button">
              {t('auth.account.totpConfirm')}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="totp-cancel" />
            <button type="submit" className="link-button">
              {t('auth.account.totpCancel')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('auth.account.totpOff')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="totp-start" />
            <button type="submit" className="button">
              {t('auth.account.totpStart')}
            </button>
          </Form>
        </>
      )}

      <h2>{t('auth.account.passwordHeading')}</h2>
      <Form method="post" {...pw.formProps}>
        <input type="hidden" name="intent" value="password" />
        <input type="hidden" name="username" value={user.email} autoComplete="username" />
        <TextField
          id="current"
          name="current"
          type="password"
          label={t('auth.account.currentPassword')}
          error={pw.error('current')}
          autoComplete="current-password"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('auth.account.newPassword')}
          hint={t('auth.password.hint')}
          error={pw.error('password')}
          autoComplete="new-password"
        />
        <TextField
          id="confirm"
          name="confirm"
          type="password"
          label={t('auth.account.confirmPassword')}
          error={pw.error('confirm')}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t('auth.account.changeSubmit')}
        </button>
      </Form>

      <h2>{t('auth.account.sessionsHeading')}</h2>
      <p>{t('auth.account.sessionsIntro')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('auth.account.sessionStarted')}</th>
            <th scope="col">{t('auth.account.sessionLastSeen')}</th>
            <th scope="col">{t('auth.account.sessionIp')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s, i) => (
            <tr key={i}>
              <td>
                {s.started} {s.current ? t('auth.account.sessionCurrent') : null}
              </td>
              <td>{s.lastSeen}</td>
              <td>{s.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <button type="submit" className="button button-secondary">
            {t('auth.account.revokeOthers')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
