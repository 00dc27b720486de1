// A file field in the look of the other fields (label, hint, errors next to it): the staff forms' scans.
import { useTranslation } from 'react-i18next';

export function FileInput({
  id,
  name = 'files',
  label,
  hint,
  errors = [],
  optional,
}: {
  id: string;
  name?: string;
  label: string;
  hint: string;
  errors?: string[];
  optional?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={`form-group${errors.length ? ' has-error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label} {optional ? <span className="optional">{t('optional')}</span> : null}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {errors.map((m) => (
        <p className="field-error" key={m} id={`${id}-error`}>
          <span className="visually-hidden">{t('errorPrefix')} </span>
          {m}
        </p>
      ))}
      <input
        className="file-input"
        id={id}
        name={name}
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
        aria-describedby={`${id}-hint${errors.length ? ` ${id}-error` : ''}`}
      />
    </div>
  );
}
