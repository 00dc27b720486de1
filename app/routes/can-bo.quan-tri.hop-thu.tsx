// The outbox: how much mail waits and since when, and "retry now" once the mail server is back.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FlashMessage } from '~/components/ui/flash';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { outboxRetrySchema } from '~/domain/admin/outbox';
import { retryOutboxNow } from '~/jobs/mail-worker.server';
import { getOutboxStatus } from '~/models/outbox.server';
import { readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/hop-thu';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agency');
  const t = getT(getLocale(request));
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      status: await getOutboxStatus(),
      flash,
      pageTitle: `${t('admin.outbox.title')} – ${t('admin.title')}`,
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:agency');
  const form = await request.formData().catch(() => null);
  if (!form || parseForm(form, outboxRetrySchema).status !== 'success') {
    throw json({ message: getT(getLocale(request))('admin.errors.badRequest') }, { status: 400 });
  }
  const released = await retryOutboxNow({ userId: user.id, ip: clientIp(context) });
  return redirectWithFlash(PATH, `admin.outbox.retried|count=${released}`);
}

export default function OutboxStatusPage() {
  const { status, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // nothing to type: the schema only names the form (a wrong post is a 400 page, as before)
  const retry = usePaknForm(outboxRetrySchema);
  return (
    <>
      <h1>{t('admin.outbox.title')}</h1>
      <FlashMessage message={flash} variant="notice" />
      <p>{t('admin.outbox.intro')}</p>
      {status.health === 'delayed' ? (
        <p className="notice">{t('admin.outbox.delayed', { minutes: status.thresholdMinutes })}</p>
      ) : null}
      <dl className="summary-list">
        <dt>{t('admin.outbox.pending')}</dt>
        <dd>{status.pending}</dd>
        <dt>{t('admin.outbox.oldest')}</dt>
        <dd>
          {status.oldestPendingAgeMinutes === null
            ? t('admin.outbox.none')
            : t('admin.outbox.minutes', { count: status.oldestPendingAgeMinutes })}
        </dd>
        {status.lastError ? (
          <>
            <dt>{t('admin.outbox.lastError')}</dt>
            <dd>
              <code>{status.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <Form method="post" {...retry.formProps}>
        <input type="hidden" name="intent" value="retry" />
        <p className="hint">{t('admin.outbox.retryHint')}</p>
        <button type="submit" className="button" disabled={status.pending === 0}>
          {t('admin.outbox.retry')}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
