// The publish form: the public texts, the staff files that go public, the personal-data check with a decision
// per flag, and the check / publish buttons. A plain form: every post re-renders what was typed.
import { Form } from '@remix-run/react';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

import { Choices, TextArea, TextField } from '~/components/ui/form';
import { type FlagGroup, TITLE_MAX } from '~/domain/redaction-review';

import { formatSize, type PublicationFileItem } from './publication-files';
import { PublicationFlags } from './publication-flags';

export type PublicationTexts = { title: string; summary: string; answer: string };

/** What the last check or publish posted, and what it found. */
export type PublicationPosted = {
  values: Record<string, string>;
  publicFiles: number[];
  groups: FlagGroup[] | null;
  bulkNotice?: string;
};

export function PublicationForm({
  version,
  published,
  showIdentity,
  prefill,
  staffFiles,
  defaultPublic,
  posted,
  errors,
}: {
  version: number;
  published: boolean;
  showIdentity: boolean;
  prefill: PublicationTexts;
  staffFiles: Array<PublicationFileItem & { isPublic: boolean }>;
  defaultPublic: number[];
  posted: PublicationPosted | null;
  /** field name → translated message */
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const val = (name: keyof PublicationTexts) => posted?.values[name] ?? prefill[name];
  return (
    <Form method="post" key={`${version}`} noValidate>
      <input type="hidden" name="version" value={version} />
      {/* Enter in the title field submits the first button: a check, never a "hide all" */}
      <button
        type="submit"
        name="intent"
        value="check"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
      />
      <h2>{t('publish.fields.heading')}</h2>
      <TextField
        id="title"
        name="title"
        label={t('publish.fields.title')}
        defaultValue={val('title')}
        error={errors.title}
        maxLength={TITLE_MAX}
      />
      <TextArea
        id="summary"
        name="summary"
        label={t('publish.fields.summary')}
        hint={t('publish.fields.summaryHint')}
        defaultValue={val('summary')}
        error={errors.summary}
        rows={8}
      />
      <TextArea
        id="answer"
        name="answer"
        label={t('publish.fields.answer')}
        hint={t('publish.fields.answerHint')}
        defaultValue={val('answer')}
        error={errors.answer}
        rows={14}
      />
      {staffFiles.length ? (
        <Choices
          id="publicFile"
          name="publicFile"
          type="checkbox"
          legend={t('publish.files.publicFiles')}
          hint={t('publish.files.publicFilesHint')}
          error={errors.publicFile}
          defaultValue={(posted ? posted.publicFiles : defaultPublic).map(String)}
          options={staffFiles.map((f) => ({
            value: String(f.id),
            label: `${t('publish.files.size', { name: f.name, size: formatSize(f.size) })}${f.isPublic && published ? ` – ${t('publish.files.isPublic')}` : ''}`,
          }))}
        />
      ) : (
        <p className="hint">{t('publish.files.noStaffFiles')}</p>
      )}
      {posted?.groups ? (
        <PublicationFlags
          groups={posted.groups}
          values={posted.values}
          errors={errors}
          showIdentity={showIdentity}
          bulkNotice={posted.bulkNotice}
        />
      ) : null}
      <p className="hint">{t('publish.checkHint')}</p>
      <div className="button-group">
        <button type="submit" name="intent" value="check" className="button button-secondary">
          {t('publish.check')}
        </button>{' '}
        <button type="submit" name="intent" value="publish" className="button">
          {published ? t('publish.republish') : t('publish.publish')}
        </button>
      </div>
    </Form>
  );
}

/** Withdrawing a published answer: the reason is shown on the public 410 page. */
export function PublicationWithdraw({
  version,
  formProps,
  reason,
  error,
}: {
  version: number;
  /** usePaknForm's: id, client check on submit, noValidate */
  formProps: ComponentProps<typeof Form>;
  reason?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" {...formProps}>
      <h2>{t('publish.withdraw.title')}</h2>
      <p>{t('publish.withdraw.intro')}</p>
      <input type="hidden" name="version" value={version} />
      <TextArea
        id="withdrawReason"
        name="withdrawReason"
        label={t('publish.withdraw.reason')}
        defaultValue={reason}
        error={error}
        rows={3}
      />
      <button type="submit" name="intent" value="withdraw" className="button button-warning">
        {t('publish.withdraw.button')}
      </button>
    </Form>
  );
}
