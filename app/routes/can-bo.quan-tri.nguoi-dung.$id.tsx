// Administrators edit one account: name, role, unit, active; send a reset link, end its sessions,
// unlock it, remove its second factor.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { RoleAndUnitFields } from '~/components/admin/user-fields';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FlashMessage } from '~/components/ui/flash';
import { Checkbox, ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { editUserFormSchema, userProblem } from '~/domain/admin/users';
import { localName } from '~/domain/local-name';
import { audit, formatInstant } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { issuePasswordReset } from '~/models/password-resets.server';
import { listLiveSessions, revokeUserSessions } from '~/models/sessions.server';
import {
  countActiveAdmins,
  disableTotp,
  findUnitByCode,
  getUser,
  isLocked,
  unlockUser,
  updateUser,
  type User,
} from '~/models/users.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm, sentIntent } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

async function loadTarget(request: Request, id: string | undefined): Promise<User> {
  const user = /^\d{1,9}$/.test(id ?? '') ? await getUser(Number(id)) : undefined;
  if (!user) throw json({ message: getT(getLocale(request))('auth.errors.notFound') }, { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:users');
  const user = await loadTarget(request, params.id);
  const locale = getLocale(request);
  const t = getT(locale);
  const units = await listUnits({ activeOnly: false });
  const flash = await readFlash(request);
  return json(
    {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        unitCode: units.find((u) => u.id === user.unitId)?.code ?? '',
        active: user.active,
        locked: isLocked(user),
        totp: user.totpEnabled,
        lastLogin: user.lastLoginAt ? formatInstant(user.lastLoginAt) : null,
        sessions: (await listLiveSessions(user.id)).length,
      },
      units: units
        .filter((u) => u.active || u.id === user.unitId)
        .map((u) => ({ value: u.code, label: `${u.code} – ${localName(u, locale)}` })),
      flash: flash.message,
      pageTitle: `${t('auth.users.editTitle', { email: user.email })} – ${t('admin.title')}`,
    },
    { headers: flash.setCookie ? { 'Set-Cookie': flash.setCookie } : undefined },
  );
}

/** The page's posting forms, each sending its name as `intent`. */
const INTENTS = ['save', 'send-reset', 'revoke', 'unlock', 'reset-totp'] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'admin:users');
  const user = await loadTarget(request, params.id);
  const locale = getLocale(request);
  const t = getT(locale);
  const ip = clientIp(context);
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  const intent = sentIntent(form, INTENTS);
  const here = `/can-bo/quan-tri/nguoi-dung/${user.id}`;
  const target = { targetType: 'user', targetId: user.id, ip } as const;

  switch (intent) {
    case 'save': {
      const submission = parseForm(form, editUserFormSchema);
      if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
      const values = submission.value;
      // what the schema cannot see: a unit code that does not exist, the last active administrator
      const fieldErrors: Record<string, string[]> = {};
      const unit = values.unit ? await findUnitByCode(values.unit) : null;
      if (values.unit && !unit) fieldErrors.unit = [userProblem('unitUnknown')];
      const losesAdmin = user.role === 'admin' && user.active && (values.role !== 'admin' || !values.active);
      if (losesAdmin && (await countActiveAdmins(undefined, user.id)) === 0)
        fieldErrors.role = [userProblem('lastAdmin')];
      if (Object.keys(fieldErrors).length) return json(submission.reply({ fieldErrors }), { status: 400 });
      const unitId = unit?.id ?? null;
      const next = { name: values.name, role: values.role, unitId, active: values.active };
      const changes = Object.fromEntries(
        (Object.keys(next) as Array<keyof typeof next>)
          .filter((k) => next[k] !== user[k])
          .map((k) => [k, { from: user[k], to: next[k] }]),
      );
      if (Object.keys(changes).length) {
        await updateUser(user.id, next);
        await audit({ actorUserId: admin.id, action: 'user.update', ...target, detail: changes });
        if (!next.active) {
          const n = await revokeUserSessions(user.id);
          if (n)
            await audit({
              actorUserId: admin.id,
              action: 'session.revoke',
              ...target,
              detail: { count: n, reason: 'deactivated' },
            });
        }
      }
      return redirectWithFlash(here, 'auth.users.saved');
    }
    case 'send-reset': {
      if (!user.active) throw json({ message: t('auth.users.inactive') }, { status: 409 });
      await issuePasswordReset(user, { locale, actorUserId: admin.id, ip });
      return redirectWithFlash(here, 'auth.users.resetSent');
    }
    case 'revoke': {
      const n = await revokeUserSessions(user.id);
      await audit({ actorUserId: admin.id, action: 'session.revoke', ...target, detail: { count: n } });
      return redirectWithFlash(here, `auth.users.revoked|count=${n}`);
    }
    case 'unlock': {
      await unlockUser(user.id);
      await audit({ actorUserId: admin.id, action: 'user.unlock', ...target });
      return redirectWithFlash(here, 'auth.users.unlocked');
    }
    case 'reset-totp': {
      await disableTotp(user.id);
      const n = await revokeUserSessions(user.id);
      await audit({
        actorUserId: admin.id,
        action: 'auth.totp.disabled',
        ...target,
        detail: { byAdmin: true, sessionsRevoked: n },
      });
      return redirectWithFlash(here, 'auth.users.totpReset');
    }
    default:
      throw json({ message: t('errorPage.badRequestTitle') }, { status: 400 });
  }
}

export default function EditUser() {
  const { user, units, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(editUserFormSchema, {
    lastResult: result,
    order: ['name', 'role', 'unit', 'active'],
  });
  // after a refused post, what was sent; before, what is saved
  const value = (name: 'name' | 'role' | 'unit', saved: string) => (result ? f.value(name) : saved);
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <p>
        <Link to="/can-bo/quan-tri/nguoi-dung">{t('auth.users.back')}</Link>
      </p>
      <h1>{t('auth.users.editTitle', { email: user.email })}</h1>
      <FlashMessage message={flash} variant="notice" params={{ email: user.email }} />
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('auth.users.status')}</dt>
          <dd>
            {user.active ? t('auth.users.active') : t('auth.users.inactive')}
            {user.locked ? ` — ${t('auth.users.locked')}` : ''}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.users.totp')}</dt>
          <dd>{user.totp ? t('auth.users.yes') : t('auth.users.no')}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.users.lastLogin')}</dt>
          <dd>{user.lastLogin ?? t('auth.users.never')}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('auth.users.sessions')}</dt>
          <dd>{user.sessions}</dd>
        </div>
      </dl>

      <Form method="post" {...f.formProps}>
        <input type="hidden" name="intent" value="save" />
        <TextField
          id="name"
          name="name"
          label={t('auth.users.name')}
          error={f.error('name')}
          defaultValue={value('name', user.name)}
        />
        <RoleAndUnitFields
          error={f.error}
          role={value('role', user.role)}
          unit={value('unit', user.unitCode)}
          units={units}
        />
        <Checkbox
          id="active"
          name="active"
          label={t('auth.users.activeLabel')}
          error={f.error('active')}
          defaultChecked={result ? f.value('active') !== undefined : user.active}
        />
        <button type="submit" className="button">
          {t('auth.users.save')}
        </button>
      </Form>

      <h2>{t('auth.users.actions')}</h2>
      {user.active ? (
        <Form method="post">
          <input type="hidden" name="intent" value="send-reset" />
          <button type="submit" className="button button-secondary">
            {t('auth.users.sendReset')}
          </button>
        </Form>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="revoke" />
        <button type="submit" className="button button-secondary">
          {t('auth.users.revoke')}
        </button>
      </Form>
      {user.locked ? (
        <Form method="post">
          <input type="hidden" name="intent" value="unlock" />
          <button type="submit" className="button button-secondary">
            {t('auth.users.unlock')}
          </button>
        </Form>
      ) : null}
      {user.totp ? (
        <Form method="post">
          <input type="hidden" name="intent" value="reset-totp" />
          <p className="hint">{t('auth.users.resetTotpHint')}</p>
          <button type="submit" className="button button-warning">
            {t('auth.users.resetTotp')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
