// API keys of other systems: create (the key is shown once, on the answer to the post), list, revoke.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, ErrorSummary, TextField } from '~/components/ui/form';
import { ScrollTable } from '~/components/ui/scroll-table';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { API_KEY_NAME_MAX, API_SCOPES, apiKeyFormSchema, apiKeyRevokeSchema } from '~/domain/api-scopes';
import { createApiKey, listApiKeys, revokeApiKey } from '~/models/api-keys.server';
import { formatInstant } from '~/models/audit.server';
import { parseForm, sentIntent } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  return json(
    {
      keys: (await listApiKeys()).map((k) => ({
        id: k.id,
        name: k.name,
        scopes: k.scopes,
        createdAt: formatInstant(k.createdAt),
        lastUsedAt: formatInstant(k.lastUsedAt),
        revokedAt: k.revokedAt ? formatInstant(k.revokedAt) : null,
      })),
      pageTitle: `${t('api.keys.title')} – ${t('admin.title')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const bad = () => json({ message: t('api.keys.errors.badRequest') }, { status: 400 });
  if (!form) throw bad();
  const intent = sentIntent(form, ['create', 'revoke']);
  const ip = clientIp(context);
  const noStore = { headers: { 'Cache-Control': 'no-store' } };
  if (intent === 'revoke') {
    const revoke = parseForm(form, apiKeyRevokeSchema);
    if (revoke.status !== 'success') throw bad();
    await revokeApiKey({ id: revoke.value.id, userId: user.id, ip });
    return json({ status: 'revoked' as const }, noStore);
  }
  if (intent !== 'create') throw bad();
  const submission = parseForm(form, apiKeyFormSchema);
  if (submission.status !== 'success') {
    // a name already in use is said at once with the other messages, as the model would
    const named = parseForm(form, apiKeyFormSchema.pick({ name: true }));
    const taken =
      named.status === 'success' && (await listApiKeys()).some((k) => k.name === named.value.name);
    const reply = submission.reply(taken ? { fieldErrors: { name: ['taken'] } } : undefined);
    return json({ status: 'invalid' as const, reply }, { status: 400, ...noStore });
  }
  const result = await createApiKey({ ...submission.value, createdByUserId: user.id, ip });
  if (result.ok) return json({ status: 'created' as const, name: result.name, key: result.key }, noStore);
  const fieldErrors = Object.fromEntries(
    Object.entries(result.errors).map(([field, problem]) => [
      field,
      [field === 'scopes' ? 'scopes' : `${problem}|max=${API_KEY_NAME_MAX}`],
    ]),
  );
  return json(
    { status: 'invalid' as const, reply: submission.reply({ fieldErrors }) },
    { status: 400, ...noStore },
  );
}

export default function ApiKeysPage() {
  const { keys } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(apiKeyFormSchema, {
    lastResult: data?.status === 'invalid' ? data.reply : undefined,
    prefix: 'api.keys.errors.',
    order: ['name', 'scopes'],
  });
  return (
    <>
      <h1>{t('api.keys.title')}</h1>
      <p>{t('api.keys.intro')}</p>
      <p>
        <a href="/api/v1/docs">{t('api.keys.docsLink')}</a>
      </p>
      {data?.status === 'created' ? (
        <div className="notice" role="status">
          <p>{t('api.keys.created', { name: data.name })}</p>
          <p>
            <label className="label" htmlFor="new-key">
              {t('api.keys.keyLabel')}
            </label>
            <input id="new-key" className="input" readOnly value={data.key} spellCheck={false} />
          </p>
        </div>
      ) : null}
      {data?.status === 'revoked' ? (
        <p className="notice" role="status">
          {t('api.keys.revoked')}
        </p>
      ) : null}
      <ErrorSummary errors={f.summary} />
      <h2>{t('api.keys.createTitle')}</h2>
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="intent" value="create" />
        <TextField
          id="name"
          name="name"
          label={t('api.keys.name')}
          hint={t('api.keys.nameHint')}
          error={f.error('name')}
          defaultValue={f.value('name')}
          maxLength={API_KEY_NAME_MAX}
        />
        <Choices
          id="scopes"
          name="scopes"
          type="checkbox"
          legend={t('api.keys.scopes')}
          hint={t('api.keys.scopesHint')}
          error={f.error('scopes')}
          defaultValue={f.values('scopes')}
          options={API_SCOPES.map((s) => ({ value: s, label: `${s} — ${t(`api.keys.scope.${s}`)}` }))}
        />
        <button type="submit" className="button">
          {t('api.keys.create')}
        </button>
      </Form>
      <h2>{t('api.keys.listTitle')}</h2>
      {keys.length === 0 ? (
        <p>{t('api.keys.none')}</p>
      ) : (
        <ScrollTable label={t('api.keys.listTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('api.keys.name')}</th>
                <th scope="col">{t('api.keys.scopes')}</th>
                <th scope="col">{t('api.keys.createdAt')}</th>
                <th scope="col">{t('api.keys.lastUsed')}</th>
                <th scope="col">{t('api.keys.status')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.scopes.join(', ')}</td>
                  <td>{k.createdAt}</td>
                  <td>{k.lastUsedAt || t('api.keys.never')}</td>
                  <td>
                    {k.revokedAt ? (
                      t('api.keys.revokedAt', { at: k.revokedAt })
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={k.id} />
                        <button type="submit" className="button button-secondary">
                          {t('api.keys.revoke', { name: k.name })}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
