// How a transferred PAKN reaches the competent agency: the e-mail's state, or for an agency without e-mail the
// printable bundle and the "sent by post on …" form (a plain form: works without JavaScript).
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { type ActionResult, replyFor } from '~/components/staff/staff-action-forms';
import { TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { formatDateTimeVi, formatDateVi, type LocalDate } from '~/domain/dates';
import { transferPostedSchema } from '~/domain/transfer-delivery';
import type { FieldMessage } from '~/utils/forms';

export type TransferDeliveryView = {
  mode: 'email' | 'post';
  to: string | null;
  sentAt: string | null;
  postedOn: string | null;
  transferDate: string;
  canRecordPost: boolean;
};

/** The panel's view of a transfer's delivery (the model's answer), its dates as people read them. */
export function transferDeliveryView(
  td: {
    mode: 'email' | 'post';
    to: string | null;
    transferDate: LocalDate;
    sentAt: Date | null;
    postedOn: LocalDate | null;
  } | null,
  canRecordPost: boolean,
): TransferDeliveryView | null {
  if (!td) return null;
  const { mode, to, sentAt, postedOn, transferDate } = td;
  return {
    mode,
    to,
    sentAt: sentAt ? formatDateTimeVi(sentAt) : null,
    postedOn: postedOn ? formatDateVi(postedOn) : null,
    transferDate: formatDateVi(transferDate),
    canRecordPost,
  };
}

export function TransferDeliveryPanel({
  paknId,
  version,
  delivery,
  result,
  onSummary,
}: {
  paknId: number;
  version: number;
  delivery: TransferDeliveryView;
  result: ActionResult | null;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  const f = usePaknForm(transferPostedSchema, {
    id: 'transfer_posted-form',
    lastResult: replyFor(result, 'transfer_posted'),
    ids: { postedOn: 'transfer_posted-postedOn' },
    onSummary,
  });
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
            <Form method="post" className="action-form" {...f.formProps}>
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
                error={f.error('postedOn')}
                defaultValue={f.value('postedOn')}
              />
              <button type="submit">{t('staff.transferDelivery.submit')}</button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
