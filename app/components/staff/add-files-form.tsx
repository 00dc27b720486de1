// "Add files (scans)" on the record page: a multipart form that works without JavaScript.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import type { ActionResult } from '~/components/staff/staff-action-forms';
import { FileInput } from '~/components/ui/file-input';

export function AddFilesForm({
  limits,
  result,
}: {
  limits: { maxFiles: number; maxMb: number };
  result: ActionResult | null;
}) {
  const { t } = useTranslation();
  const error = result?.intent === 'add_files' ? result.errors.files : undefined;
  return (
    <details className="staff-action" id="action-add_files" open={error ? true : undefined}>
      <summary>{t('staff.addFiles.heading')}</summary>
      <Form method="post" encType="multipart/form-data" className="action-form">
        <input type="hidden" name="intent" value="add_files" />
        <FileInput
          id="add_files-files"
          label={t('staff.addFiles.label')}
          hint={t('staff.addFiles.hint', { count: limits.maxFiles, mb: limits.maxMb })}
          errors={error ? [error] : []}
        />
        <button type="submit">{t('staff.addFiles.submit')}</button>
      </Form>
    </details>
  );
}
