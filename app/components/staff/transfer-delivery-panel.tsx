// How a transferred PAKN reaches the competent agency: the e-mail's state, or for an agency without e-mail the
// printable bundle and the "sent by post on …" form (a plain form: works without JavaScript).
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import type { ActionResult } from '~/components/staff/staff-action-forms';
import { TextField } from '~/components/ui/form';

export type TransferDeliveryView = {
  mode: 'email' | 'post';
  to: string | null;
  sentAt: string | null;
  postedOn: string | null;
  transferDate: string;
  canRecordPost: boolean;
};

export function TransferDeliveryPanel({
  paknId,
  version,
  delivery,
  result,
}: {
  paknId: number;
  version: number;
  delivery: TransferDeliveryView;
  result: ActionResult | null;
}) {
  const { t } = useTranslation();
  const mine = result?.intent === 'transfer_posted' ? result : null;
  return (
    <section aria-labelledby="transfer-delivery">
      <h2 id="transfer-delivery">{t('staff.transferDelivery.heading')}</h2>
      {delivery.mode === 'email' ? (
        <p>
          {delivery.sentAt
            ? t('staff.transferDelivery.sent', { to: delivery.to, at: delivery.sentAt })
            : t('staff.transferDelivery.queued', { to: delivery.to })}
        </p>
      ) : (
        <>
          {delivery.postedOn ? (
            <p>{t('staff.transferDelivery.posted', { date: delivery.postedOn })}</p>
          ) : (
            <p>{t('staff.transferDelivery.noEmail')}</p>
          )}
          <p>
            <a href={`/can-bo/pakn/${paknId}/ho-so-chuyen`}>{t('staff.transferDelivery.print')}</a>
          </p>
          {!delivery.postedOn && delivery.canRecordPost ? (
            <Form method="post" className="action-form">
              <input type="hidden" name="intent" value="transfer_posted" />
              <input type="hidden" name="version" value={version} />
              <TextField
                id="transfer_posted-postedOn"
                name="postedOn"
                type="date"
                label={t('staff.transferDelivery.postedOn')}
                hint={t('staff.transferDelivery.postedHint', {
                  example: delivery.transferDate,
                  from: delivery.transferDate,
                })}
                error={mine?.errors.postedOn}
                defaultValue={mine?.values.postedOn}
              />
              <button type="submit">{t('staff.transferDelivery.submit')}</button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
