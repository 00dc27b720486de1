// The files of a publication on the publish page: each original attachment with a form to upload its redacted
// copy, and the form for the signed letter (PDF). Plain multipart forms: they work without JavaScript.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

export type PublicationFileItem = { id: number; name: string; size: number };

export function formatSize(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function PublicationFiles({
  paknId,
  originals,
  errors,
}: {
  paknId: number;
  originals: PublicationFileItem[];
  /** form id → translated message */
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('publish.files.title')}</h2>
      <p className="hint">{t('publish.files.intro')}</p>
      <h3>{t('publish.files.originals')}</h3>
      {originals.length ? (
        <ul className="file-list">
          {originals.map((f) => (
            <li key={f.id}>
              <a href={`/can-bo/pakn/${paknId}/tep/${f.id}`} download>
                {t('publish.files.download', { name: f.name })}
              </a>{' '}
              ({formatSize(f.size)})
              <UploadForm
                id={`upload-copy-${f.id}`}
                kind="copy"
                copyOf={f.id}
                label={t('publish.files.copyLabel', { name: f.name })}
                button={t('publish.files.copyButton')}
                error={errors[`upload-copy-${f.id}`]}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('publish.files.noOriginals')}</p>
      )}
      <UploadForm
        id="upload-letter"
        kind="letter"
        label={t('publish.files.letter')}
        hint={t('publish.files.letterHint')}
        button={t('publish.files.letterButton')}
        error={errors['upload-letter']}
      />
    </>
  );
}

function UploadForm(props: {
  id: string;
  kind: 'copy' | 'letter';
  copyOf?: number;
  label: string;
  hint?: string;
  button: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className={`form-group${props.error ? ' has-error' : ''}`}
    >
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="kind" value={props.kind} />
      {props.copyOf ? <input type="hidden" name="copyOf" value={props.copyOf} /> : null}
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`}>
          <span className="visually-hidden">{t('errorPrefix')} </span>
          {props.error}
        </p>
      ) : null}
      <input
        className="file-input"
        id={props.id}
        name="upload"
        type="file"
        accept={props.kind === 'letter' ? '.pdf,application/pdf' : undefined}
      />{' '}
      <button type="submit" className="button button-secondary">
        {props.button}
      </button>
    </Form>
  );
}
