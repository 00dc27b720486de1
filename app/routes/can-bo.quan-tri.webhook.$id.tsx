// The delivery log of one webhook: when, which event, which PAKN, how many attempts, the last HTTP status or
// error, the next retry; a delivered or failed notification can be sent again ("Gửi lại").
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminTable } from '~/components/admin/admin-table';
import { AdminPageHeader } from '~/components/admin/page-header';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { WEBHOOK_EVENTS, WEBHOOK_MAX_ATTEMPTS, webhookIdSchema } from '~/domain/webhooks';
import { formatInstant } from '~/models/audit.server';
import { getWebhook, listDeliveries, redeliverWebhook } from '~/models/webhooks.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm, sentIntent, translateMessage } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

async function webhookOf(request: Request, raw: string | undefined) {
  const t = getT(getLocale(request));
  const hook = raw && /^\d{1,9}$/.test(raw) ? await getWebhook(Number(raw)) : null;
  if (!hook) throw json({ message: t('webhooks.errors.notFound') }, { status: 404 });
  return hook;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const hook = await webhookOf(request, params.id);
  const { rows, total } = await listDeliveries(hook.id);
  const flash = await readFlash(request);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (flash.setCookie) headers.append('Set-Cookie', flash.setCookie);
  const known = (type: string) => WEBHOOK_EVENTS.find((e) => `pakn.${e}` === type);
  return json(
    {
      hook: { id: hook.id, url: hook.url },
      total,
      deliveries: rows.map((d) => {
        const event = known(d.eventType);
        return {
          id: d.id,
          at: formatInstant(d.createdAt),
          event: event ? t(`webhooks.event.${event}`) : d.eventType,
          code: d.paknCode,
          attempts: d.attempts,
          status: d.status,
          // a refusal's error is its status ("HTTP 503"): said once
          result: [...new Set([d.lastStatus ? `HTTP ${d.lastStatus}` : null, d.lastError])]
            .filter(Boolean)
            .join(' · '),
          lastAt: d.lastAttemptAt ? formatInstant(d.lastAttemptAt) : null,
          // a pending row's next_attempt_at is its retry time (or a worker's lease while it is being sent)
          nextRetry: d.status === 'pending' ? formatInstant(d.nextAttemptAt) : null,
        };
      }),
      flash: flash.message ? translateMessage(t, flash.message) : null,
      pageTitle: `${t('webhooks.log')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const hook = await webhookOf(request, params.id);
  const form = await request.formData().catch(() => null);
  const bad = () => json({ message: t('webhooks.errors.badRequest') }, { status: 400 });
  if (!form || sentIntent(form, ['redeliver']) === null) throw bad();
  const target = parseForm(form, webhookIdSchema);
  if (target.status !== 'success') throw bad();
  const done = await redeliverWebhook({
    webhookId: hook.id,
    deliveryId: target.value.id,
    actor: { userId: user.id, ip: clientIp(context) },
  });
  return redirectWithFlash(
    `/can-bo/quan-tri/webhook/${hook.id}`,
    done ? 'webhooks.flash.redelivered' : 'webhooks.flash.notRedelivered',
  );
}

export default function WebhookDeliveriesPage() {
  const { hook, deliveries, total, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <AdminPageHeader
        title={t('webhooks.deliveries.title', { url: hook.url })}
        intro={t('webhooks.deliveries.intro', {
          max: WEBHOOK_MAX_ATTEMPTS,
          shown: deliveries.length,
          total,
        })}
        summary={[]}
        flash={flash}
      />
      <p>
        <Link to="/can-bo/quan-tri/webhook">{t('webhooks.deliveries.back')}</Link>
      </p>
      {deliveries.length === 0 ? (
        <p>{t('webhooks.deliveries.none')}</p>
      ) : (
        <AdminTable
          caption={t('webhooks.deliveries.caption')}
          columns={[
            t('webhooks.deliveries.at'),
            t('webhooks.deliveries.event'),
            t('webhooks.deliveries.code'),
            t('admin.common.status'),
            t('webhooks.deliveries.attempts'),
            t('webhooks.deliveries.result'),
            t('webhooks.deliveries.nextRetry'),
            t('admin.common.actions'),
          ]}
        >
          {deliveries.map((d) => (
            <tr key={d.id} id={`delivery-${d.id}`}>
              <td>{d.at}</td>
              <td>{d.event}</td>
              <td>{d.code}</td>
              <td>{t(`webhooks.deliveryStatus.${d.status}`)}</td>
              <td>{d.attempts}</td>
              <td className="break-all">{[d.result, d.lastAt].filter(Boolean).join(' · ')}</td>
              <td>{d.nextRetry ?? ''}</td>
              <td>
                {d.status === 'pending' ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="redeliver" />
                    <input type="hidden" name="id" value={d.id} />
                    <button type="submit" className="button button-secondary">
                      {t('webhooks.deliveries.resend')}
                      <span className="visually-hidden">
                        {' '}
                        {d.code} {d.event}
                      </span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
