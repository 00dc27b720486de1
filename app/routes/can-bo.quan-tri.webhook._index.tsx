// Webhooks (issue 14): register a URL for chosen events (its secret is shown once, on the answer to the post),
// pause or resume it, delete it, make a new secret; each row links to its delivery log.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminTable } from '~/components/admin/admin-table';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { WEBHOOK_EVENTS, WEBHOOK_URL_MAX, webhookCreateSchema, webhookIdSchema } from '~/domain/webhooks';
import { formatInstant } from '~/models/audit.server';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  setWebhookActive,
} from '~/models/webhooks.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm, sentIntent, submittedValue, translateMessage } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { webhookTargetProblem } from '~/utils/webhook-http.server';

const PATH = '/can-bo/quan-tri/webhook';
const FIELDS = ['url', 'events'] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const flash = await readFlash(request);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (flash.setCookie) headers.append('Set-Cookie', flash.setCookie);
  return json(
    {
      hooks: (await listWebhooks()).map((h) => ({
        id: h.id,
        url: h.url,
        events: h.events,
        active: h.active,
        last: h.last
          ? {
              status: h.last.status,
              httpStatus: h.last.httpStatus,
              at: h.last.at ? formatInstant(h.last.at) : null,
            }
          : null,
      })),
      flash: flash.message ? translateMessage(t, flash.message) : null,
      pageTitle: `${t('webhooks.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

type ActionData =
  | { kind: 'form'; result: ReturnType<ReturnType<typeof parseForm>['reply']> }
  | { kind: 'secret'; message: 'created' | 'rotated'; url: string; secret: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const bad = (key = 'badRequest', status = 400) =>
    json({ message: t(`webhooks.errors.${key}`) }, { status });
  if (!form) throw bad();
  const actor = { userId: user.id, ip: clientIp(context) };
  const noStore = { headers: { 'Cache-Control': 'no-store' } };
  const intent = sentIntent(form, ['create', 'disable', 'enable', 'delete', 'rotate']);

  if (intent === 'create') {
    const submission = parseForm(form, webhookCreateSchema);
    // the address check runs on a well-formed URL even when another field is wrong: every message at once
    const url =
      submission.status === 'success'
        ? submission.value.url
        : (submittedValue(submission.reply().initialValue, 'url') ?? '').trim();
    const urlWrong = submission.status === 'error' && Boolean(submission.error?.url);
    const problem = urlWrong ? null : await webhookTargetProblem(url);
    if (submission.status !== 'success' || problem)
      return json<ActionData>(
        { kind: 'form', result: submission.reply(problem ? { fieldErrors: { url: [problem] } } : {}) },
        { status: 400 },
      );
    const { secret } = await createWebhook({ input: submission.value, actor });
    return json<ActionData>(
      { kind: 'secret', message: 'created', url: submission.value.url, secret },
      noStore,
    );
  }

  const target = parseForm(form, webhookIdSchema);
  if (target.status !== 'success') throw bad();
  const id = target.value.id;
  switch (intent) {
    case 'disable':
    case 'enable':
      if (!(await setWebhookActive({ id, active: intent === 'enable', actor }))) {
        if (!(await listWebhooks()).some((h) => h.id === id)) throw bad('notFound', 404);
      }
      return redirectWithFlash(PATH, `webhooks.flash.${intent}d`);
    case 'delete':
      if (!(await deleteWebhook({ id, actor }))) throw bad('notFound', 404);
      return redirectWithFlash(PATH, 'webhooks.flash.deleted');
    case 'rotate': {
      const secret = await rotateWebhookSecret({ id, actor });
      const hook = (await listWebhooks()).find((h) => h.id === id);
      if (!secret || !hook) throw bad('notFound', 404);
      return json<ActionData>({ kind: 'secret', message: 'rotated', url: hook.url, secret }, noStore);
    }
    default:
      throw bad();
  }
}

function RowButton({ intent, id, label, name }: { intent: string; id: number; label: string; name: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button-secondary">
        {label}
        <span className="visually-hidden"> {name}</span>
      </button>
    </Form>
  );
}

export default function WebhooksPage() {
  const { hooks, flash } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const secret = data && 'kind' in data && data.kind === 'secret' ? data : null;
  const f = usePaknForm(webhookCreateSchema, {
    lastResult: data && 'kind' in data && data.kind === 'form' ? data.result : null,
    prefix: 'webhooks.errors.',
    order: FIELDS,
    ids: { events: 'events' },
  });
  return (
    <>
      <AdminPageHeader
        titleId="webhooks-title"
        title={t('webhooks.title')}
        intro={t('webhooks.intro')}
        summary={f.summary}
        flash={flash}
      />
      <p>
        <a href="/api/v1/docs#webhooks">{t('webhooks.docsLink')}</a>
      </p>
      {secret ? (
        <div className="notice" role="status">
          <p>{t(`webhooks.${secret.message}`)}</p>
          <p>{secret.url}</p>
          <p>
            <label className="label" htmlFor="new-secret">
              {t('webhooks.secretLabel')}
            </label>
            <input id="new-secret" className="input" readOnly value={secret.secret} spellCheck={false} />
          </p>
        </div>
      ) : null}

      <h2>{t('webhooks.listTitle')}</h2>
      {hooks.length === 0 ? (
        <p>{t('webhooks.none')}</p>
      ) : (
        <AdminTable
          caption={t('webhooks.caption')}
          columns={[
            t('webhooks.url'),
            t('webhooks.events'),
            t('admin.common.status'),
            t('webhooks.lastDelivery'),
            t('admin.common.actions'),
          ]}
        >
          {hooks.map((h) => (
            <tr key={h.id} id={`webhook-${h.id}`}>
              <th scope="row" className="break-all">
                {h.url}
              </th>
              <td>{h.events.map((e) => t(`webhooks.event.${e}`)).join(', ')}</td>
              <td>{h.active ? t('webhooks.active') : t('webhooks.inactive')}</td>
              <td>
                {h.last
                  ? [t(`webhooks.deliveryStatus.${h.last.status}`), h.last.httpStatus, h.last.at]
                      .filter((x) => x !== null && x !== '')
                      .join(' · ')
                  : t('webhooks.never')}
              </td>
              <td>
                <Link to={`${PATH}/${h.id}`}>
                  {t('webhooks.log')}
                  <span className="visually-hidden"> {h.url}</span>
                </Link>{' '}
                <RowButton
                  intent={h.active ? 'disable' : 'enable'}
                  id={h.id}
                  label={h.active ? t('webhooks.disable') : t('webhooks.enable')}
                  name={h.url}
                />{' '}
                <RowButton intent="rotate" id={h.id} label={t('webhooks.rotate')} name={h.url} />{' '}
                <RowButton intent="delete" id={h.id} label={t('webhooks.delete')} name={h.url} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t('webhooks.createTitle')}</h2>
        <Form method="post" {...f.formProps}>
          <input type="hidden" name="intent" value="create" />
          <TextField
            id="url"
            name="url"
            type="url"
            label={t('webhooks.url')}
            hint={t('webhooks.urlHint')}
            error={f.error('url')}
            defaultValue={f.value('url')}
            maxLength={WEBHOOK_URL_MAX}
            autoComplete="off"
          />
          <Choices
            id="events"
            name="events"
            type="checkbox"
            legend={t('webhooks.events')}
            hint={t('webhooks.eventsHint')}
            error={f.error('events')}
            defaultValue={f.values('events')}
            options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`webhooks.event.${e}`) }))}
          />
          <button type="submit" className="button">
            {t('webhooks.create')}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
