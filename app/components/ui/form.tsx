// GOV.UK-style form parts: label above, hint, error next to the field, an error summary on top.
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type FieldError = { id: string; message: string };

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => e.id + e.message).join('|');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!errors.length) return null;
  // autoFocus is rendered as `autofocus`: without JavaScript the browser focuses the summary as the page arrives
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={ref}
      autoFocus
    >
      <h2 id="error-summary-title">{t('errorSummary')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.id + e.message}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                // with JavaScript, a hash change is a client navigation that would drop the errors
                const field = document.getElementById(e.id);
                if (!field) return;
                event.preventDefault();
                field.scrollIntoView({ block: 'center' });
                field.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorMessage({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t('errorPrefix')} </span>
      {message}
    </p>
  );
}

type Common = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
};

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Label({ id, label, optional }: { id: string; label: ReactNode; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="label" htmlFor={id}>
      {label}
      {optional ? <span className="optional"> {t('optional')}</span> : null}
    </label>
  );
}

export function TextField({
  id,
  name,
  label,
  hint,
  error,
  optional,
  defaultValue,
  type = 'text',
  autoComplete,
  maxLength,
  inputMode,
  className,
}: Common & {
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: 'text' | 'tel' | 'email' | 'numeric';
  className?: string;
}) {
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      <input
        className={`input${className ? ` ${className}` : ''}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={type === 'email' ? false : undefined}
      />
    </div>
  );
}

export function TextArea({
  id,
  name,
  label,
  hint,
  error,
  optional,
  defaultValue,
  maxLength,
  rows = 8,
}: Common & { defaultValue?: string; maxLength?: number; rows?: number }) {
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      <textarea
        className="textarea"
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function Select({
  id,
  name,
  label,
  hint,
  error,
  optional,
  defaultValue,
  options,
  placeholder,
}: Common & {
  defaultValue?: string;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      <select
        className="select"
        id={id}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of radios or checkboxes; the first input carries `id` so the error summary can link to it. */
export function Choices({
  id,
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  type = 'radio',
  small,
  onChange,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: Array<{ value: string; label: ReactNode; hint?: ReactNode }>;
  defaultValue?: string | string[];
  type?: 'radio' | 'checkbox';
  small?: boolean;
  /** with JavaScript: the value just chosen (the form still works without it) */
  onChange?: (value: string) => void;
}) {
  const selected = Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : [];
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const firstRender = useRef({ type, selected, report: onChange });
  useEffect(() => {
    // once, when the page's code starts: a choice made before that (a slow phone) is in the page but was never
    // reported, so the caller would narrow or hide what follows as if nothing were chosen
    const { type, selected, report } = firstRender.current;
    const checked = fieldset.current?.querySelector<HTMLInputElement>('input:checked');
    if (report && type === 'radio' && checked && !selected.includes(checked.value)) report(checked.value);
  }, []);
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <fieldset
        ref={fieldset}
        className="fieldset"
        aria-describedby={describedBy(id, hint, error)}
        onChange={
          onChange
            ? (event) => {
                const target = event.target;
                if (target instanceof HTMLInputElement && target.checked) onChange(target.value);
              }
            : undefined
        }
      >
        <legend className="legend">{legend}</legend>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className={`choices${small ? ' choices-small' : ''}`}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  className="choice-input"
                  id={inputId}
                  name={name}
                  type={type}
                  value={o.value}
                  defaultChecked={selected.includes(o.value)}
                  aria-describedby={o.hint ? `${inputId}-hint` : undefined}
                />
                <label className="choice-label" htmlFor={inputId}>
                  {o.label}
                </label>
                {o.hint ? (
                  <p className="hint choice-hint" id={`${inputId}-hint`}>
                    {o.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({
  id,
  name,
  label,
  hint,
  error,
  defaultChecked,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
}) {
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <ErrorMessage id={`${id}-error`} message={error} />
      <div className="choice">
        <input
          className="choice-input"
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label className="choice-label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <p className="hint choice-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
