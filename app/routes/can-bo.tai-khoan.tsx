// Own account: details, password change, TOTP on/off, own sessions. Also where a user whose role
// requires TOTP is sent to set it up before anything else.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, TextField, type FieldError } from '~/components/ui/form';
import { checkPassword } from '~/domain/password-policy';
import { audit, formatInstant } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { hitRateLimit, peekRateLimit } from '~/models/rate-limit.server';
import {
  disableTotp,
  enableTotp,
  getUser,
  listLiveSessions,
  revokeUserSessions,
  setPassword,
  setPendingTotpSecret,
  verifyPassword,
} from '~/models/users.server';
import {
  checkTotpCode,
  newTotpSecret,
  requireStaff,
  startSession,
  totpQrDataUrl,
  totpRequiredFor,
  totpUri,
} from '~/utils/auth.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

const OK_MESSAGES = ['passwordChanged', 'totpEnabled', 'totpDisabled', 'othersRevoked'] as const;
type OkMessage = (typeof OK_MESSAGES)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowTotpSetup: true });
  const user = getUser(staff.id)!;
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const unit = user.unitId ? listUnits({ activeOnly: false }).find((u) => u.id === user.unitId) : undefined;
  const settingUp = !user.totpEnabled && !!user.totpSecret;
  const uri = settingUp ? totpUri(user.totpSecret!, user.email) : null;
  const ok = url.searchParams.get('ok');
  return json(
    {
      user: { name: user.name, email: user.email, role: user.role, unitName: unit?.name ?? null },
      totp: {
        enabled: user.totpEnabled,
        required: totpRequiredFor(user.role),
        setup: uri ? { secret: user.totpSecret!, uri, qr: await totpQrDataUrl(uri) } : null,
      },
      sessions: listLiveSessions(user.id).map((s) => ({
        current: s.id === staff.sessionId,
        started: formatInstant(s.createdAt),
        lastSeen: formatInstant(s.lastSeenAt),
        ip: s.ip ?? '',
      })),
      ok: OK_MESSAGES.includes(ok as OkMessage) ? (ok as OkMessage) : null,
      okCount: Number(url.searchParams.get('n') ?? 0) || 0,
      pageTitle: `${t('auth.account.title')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

type Errors = Partial<
  Record<'current' | 'password' | 'confirm' | 'code' | 'disablePassword' | 'totp', string>
>;

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { allowTotpSetup: true });
  const user = getUser(staff.id)!;
  const t = getT(getLocale(request));
  const ip = clientIp(context);
  const form = await request.formData().catch(() => null);
  const intent = String(form?.get('intent') ?? '');
  const fail = (errors: Errors, status = 400) => json({ intent, errors }, { status });
  const wrongPasswordLimit = { bucket: 'password-confirm', key: String(user.id) } as const;

  async function checkCurrent(field: 'current' | 'disablePassword', value: string): Promise<Errors | null> {
    if (!value) return { [field]: t('auth.account.currentRequired') };
    if (!peekRateLimit(wrongPasswordLimit).allowed) return { [field]: t('auth.secondFactor.throttled') };
    if (!(await verifyPassword(user.passwordHash, value))) {
      hitRateLimit(wrongPasswordLimit);
      return { [field]: t('auth.account.wrongCurrent') };
    }
    return null;
  }

  switch (intent) {
    case 'password': {
      const current = String(form?.get('current') ?? '');
      const password = String(form?.get('password') ?? '');
      const confirm = String(form?.get('confirm') ?? '');
      const errors: Errors = {};
      const problem = checkPassword(password, { email: user.email });
      if (problem) errors.password = t(`auth.password.${problem}`);
      if (!confirm) errors.confirm = t('auth.password.confirmRequired');
      else if (!problem && confirm !== password) errors.confirm = t('auth.password.mismatch');
      const currentError = await checkCurrent('current', current);
      Object.assign(errors, currentError ?? {});
      if (Object.keys(errors).length) return fail(errors);
      await setPassword(user.id, password);
      revokeUserSessions(user.id, { exceptId: staff.sessionId });
      audit({
        actorUserId: user.id,
        action: 'auth.password.changed',
        targetType: 'user',
        targetId: user.id,
        ip,
      });
      return redirect('/can-bo/tai-khoan?ok=passwordChanged');
    }
    case 'totp-start': {
      if (user.totpEnabled) return redirect('/can-bo/tai-khoan');
      setPendingTotpSecret(user.id, newTotpSecret());
      return redirect('/can-bo/tai-khoan?bat-2fa=1#totp');
    }
    case 'totp-cancel': {
      if (!user.totpEnabled) disableTotp(user.id);
      return redirect('/can-bo/tai-khoan');
    }
    case 'totp-confirm': {
      if (user.totpEnabled || !user.totpSecret) return redirect('/can-bo/tai-khoan');
      const code = String(form?.get('code') ?? '').trim();
      if (!code) return fail({ code: t('auth.account.codeRequired') });
      const check = checkTotpCode(user, user.totpSecret, code);
      if (check !== 'ok') {
        return fail(
          { code: t(check === 'throttled' ? 'auth.secondFactor.throttled' : 'auth.account.codeInvalid') },
          check === 'throttled' ? 429 : 400,
        );
      }
      enableTotp(user.id);
      audit({ actorUserId: user.id, action: 'auth.totp.enabled', targetType: 'user', targetId: user.id, ip });
      // the code just proved the second factor: a fresh session that has passed it
      const setCookie = startSession(user, {
        secondFactorDone: true,
        request,
        ip,
        replaces: staff.sessionId,
      });
      return redirect('/can-bo/tai-khoan?ok=totpEnabled', { headers: { 'Set-Cookie': setCookie } });
    }
    case 'totp-disable': {
      if (!user.totpEnabled) return redirect('/can-bo/tai-khoan');
      if (totpRequiredFor(user.role)) return fail({ totp: t('auth.account.totpCannotDisable') }, 409);
      const currentError = await checkCurrent('disablePassword', String(form?.get('disablePassword') ?? ''));
      if (currentError) return fail(currentError);
      disableTotp(user.id);
      audit({
        actorUserId: user.id,
        action: 'auth.totp.disabled',
        targetType: 'user',
        targetId: user.id,
        ip,
      });
      return redirect('/can-bo/tai-khoan?ok=totpDisabled');
    }
    case 'revoke-others': {
      const n = revokeUserSessions(user.id, { exceptId: staff.sessionId });
      audit({
        actorUserId: user.id,
        action: 'session.revoke',
        targetType: 'user',
        targetId: user.id,
        ip,
        detail: { count: n, own: true },
      });
      return redirect(`/can-bo/tai-khoan?ok=othersRevoked&n=${n}`);
    }
    default:
      throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  }
}

export default function Account() {
  const { user, totp, sessions, ok, okCount } = useLoaderData<typeof loader>();
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
      <h1>{t('auth.account.title')}</h1>
      {ok ? (
        <p className="notice" role="status">
          {t(`auth.account.${ok}`, { count: okCount })}
        </p>
      ) : null}
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
      {errors.totp ? <p className="field-error">{errors.totp}</p> : null}
      {totp.enabled ? (
        <>
          <p>{t('auth.account.totpOn')}</p>
          {totp.required ? null : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="totp-disable" />
              <TextField
                id="disablePassword"
                name="disablePassword"
                type="password"
                label={t('auth.account.totpDisablePassword')}
                error={errors.disablePassword}
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
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="totp-confirm" />
            <TextField
              id="code"
              name="code"
              label={t('auth.account.totpCode')}
              hint={t('auth.secondFactor.codeHint')}
              error={errors.code}
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
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="password" />
        <input type="hidden" name="username" value={user.email} autoComplete="username" />
        <TextField
          id="current"
          name="current"
          type="password"
          label={t('auth.account.currentPassword')}
          error={errors.current}
          autoComplete="current-password"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('auth.account.newPassword')}
          hint={t('auth.password.hint')}
          error={errors.password}
          autoComplete="new-password"
        />
        <TextField
          id="confirm"
          name="confirm"
          type="password"
          label={t('auth.account.confirmPassword')}
          error={errors.confirm}
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
