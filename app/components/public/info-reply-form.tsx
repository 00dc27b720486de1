// The submitter's answer to an information request, on their status page: text and files; errors in
// the browser before sending (with JavaScript) and from the server (files, limits) the same way.
import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { ErrorSummary, TextArea } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { infoReplySchema } from '~/domain/info-wait';

export function InfoReplyForm({
  request,
  limits,
  result,
}: {
  request: { question: string; askedOn: string | null };
  limits: { maxFiles: number; maxMb: number };
  result?: SubmissionResult;
}) {
  const { t } = useTranslation();
  const f = usePaknForm(infoReplySchema, {
    lastResult: result,
    order: ['intent', 'reply', 'files'],
    ids: { intent: 'reply' },
  });
  const filesError = f.error('files');
  return (
    <section className="panel-info" aria-labelledby="info-request-title">
      <ErrorSummary errors={f.summary} />
      <h2 id="info-request-title">{t('staff.followup.title')}</h2>
      {request.askedOn ? <p>{t('staff.followup.askedOn', { date: request.askedOn })}</p> : null}
      <blockquote className="pre-line">{request.question}</blockquote>
      <p className="hint">{t('staff.followup.pausedNote')}</p>
      <Form method="post" encType="multipart/form-data" {...f.formProps}>
        <input type="hidden" name="intent" value="info_reply" />
        <TextArea
          id="reply"
          name="reply"
          label={t('staff.followup.reply')}
          error={f.error('reply') ?? f.error('intent')}
          defaultValue={f.value('reply')}
          rows={6}
        />
        <div className={`form-group${filesError ? ' has-error' : ''}`}>
          <label className="label" htmlFor="files">
            {t('staff.followup.files')} <span className="optional">{t('optional')}</span>
          </label>
          <p className="hint" id="files-hint">
            {t('staff.followup.filesHint', { count: limits.maxFiles, mb: limits.maxMb })}
          </p>
          {filesError ? (
            <p className="field-error" id="files-error">
              <span className="visually-hidden">{t('errorPrefix')} </span>
              {filesError}
            </p>
          ) : null}
          <input
            className="file-input"
            id="files"
            name="files"
            type="file"
            multiple
            aria-describedby={filesError ? 'files-hint files-error' : 'files-hint'}
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
          />
        </div>
        <button type="submit" className="button">
          {t('staff.followup.submit')}
        </button>
      </Form>
    </section>
  );
}
