// "Add files (scans)" on the record page: a multipart form that works without JavaScript.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { type ActionResult, intentFieldIds, replyFor } from '~/components/staff/staff-action-forms';
import { FileInput } from '~/components/ui/file-input';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { addFilesSchema } from '~/domain/workflow/intents';
import type { FieldMessage } from '~/utils/forms';

export function AddFilesForm({
  limits,
  result,
  onSummary,
}: {
  limits: { maxFiles: number; maxMb: number };
  result: ActionResult | null;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  // the files are checked as they are stored: the browser checks the form, the server answers for the files
  const f = usePaknForm(addFilesSchema, {
    id: 'add_files-form',
    lastResult: replyFor(result, 'add_files'),
    ids: intentFieldIds('add_files'),
    onSummary,
  });
  const errors = f.messages('files');
  return (
    <details className="staff-action" id="action-add_files" open={errors.length ? true : undefined}>
      <summary>{t('staff.addFiles.heading')}</summary>
      <Form method="post" encType="multipart/form-data" className="action-form" {...f.formProps}>
        <input type="hidden" name="intent" value="add_files" />
        <FileInput
          id="add_files-files"
          label={t('staff.addFiles.label')}
          hint={t('staff.addFiles.hint', { count: limits.maxFiles, mb: limits.maxMb })}
          errors={errors}
        />
        <button type="submit">{t('staff.addFiles.submit')}</button>
      </Form>
    </details>
  );
}
