// The attachments of the citizen's form: the files already kept with the draft (each can be removed),
// one message per rejected file, and a new, empty file input after each answer of the server.
import { useTranslation } from 'react-i18next';

import { formatSize } from './submitter-files';

export function IntakeFiles({
  files,
  limits,
  messages,
  answered,
}: {
  files: Array<{ id: number; name: string; size: number }>;
  limits: { maxFiles: number; maxMb: number };
  /** translated, one per rejected file */
  messages: string[];
  /** the server's last answer: each one gets a new input, so files already sent are not sent again */
  answered: unknown;
}) {
  const { t } = useTranslation();
  const failed = messages.length > 0;
  return (
    <div className={`form-group${failed ? ' has-error' : ''}`}>
      <label className="label" htmlFor="files">
        {t('intake.form.files')} <span className="optional">{t('optional')}</span>
      </label>
      <p className="hint" id="files-hint">
        {t('intake.form.filesHint', { count: limits.maxFiles, mb: limits.maxMb })}
      </p>
      {messages.map((m) => (
        <p className="field-error" key={m} id="files-error">
          <span className="visually-hidden">{t('errorPrefix')} </span>
          {m}
        </p>
      ))}
      {files.length ? (
        <fieldset className="fieldset accepted-files">
          <legend className="legend-small">{t('intake.form.filesAccepted')}</legend>
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                <span>
                  {f.name} ({formatSize(f.size)})
                </span>{' '}
                <input type="checkbox" name="removeFile" value={f.id} id={`remove-${f.id}`} />{' '}
                <label htmlFor={`remove-${f.id}`}>{t('intake.form.removeFile', { name: f.name })}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <input
        key={files.map((f) => f.id).join('-') + (answered ? JSON.stringify(messages) : '')}
        className="file-input"
        id="files"
        name="files"
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
        aria-describedby={`files-hint${failed ? ' files-error' : ''}`}
      />
    </div>
  );
}

/** Whether a form carries a chosen file (an empty file input sends a nameless, empty one). */
export function hasChosenFiles(formData: FormData) {
  return formData.getAll('files').some((f) => typeof f !== 'string' && f.size > 0);
}
