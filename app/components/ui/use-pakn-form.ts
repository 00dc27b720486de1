// The browser half of the form pipeline: conform's useForm with the same schema as the action, so with
// JavaScript the form is checked before sending (no request when it is wrong), and without
// it the server answers the same messages (`lastResult`). Our ErrorSummary and field markup stay.
import { type DefaultValue, type SubmissionResult, useForm } from '@conform-to/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

import {
  constraintOf,
  type FieldMessage,
  parseForm,
  submittedValue,
  submittedValues,
  translateErrors,
  translateMessage,
} from '~/utils/forms';

type Options<Schema extends z.ZodTypeAny> = {
  /** what the action answered: `submission.reply()` (or undefined before any post) */
  lastResult?: SubmissionResult | null;
  /** translation key prefix of the schema's messages, e.g. 'privacy.errors.' */
  prefix?: string;
  /** the fields in page order, for the error summary */
  order?: readonly string[];
  /** summary link targets when a field's first input id is not its name */
  ids?: Record<string, string>;
  /** fields whose every message is listed in the summary (rejected files) */
  every?: readonly string[];
  /** field labels, when the messages do not name their field: the summary says "Label: message" */
  labels?: Record<string, string>;
  /** the form's id (default: generated); a form-level error links to it */
  id?: string;
  /** values to start from (a draft, a record being edited) */
  defaultValue?: DefaultValue<z.input<Schema>>;
  /**
   * When this says so, a form the browser finds wrong is sent all the same, and the server answers with
   * every message: for what only the server can check and keep (the files of the citizen's form).
   */
  sendAnyway?: (formData: FormData) => boolean;
  /**
   * For a page of many small forms with one error summary at the top (useErrorSummaries): told the form's
   * messages each time they change after the first render.
   */
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
};

// conform's hidden button for its own events (revalidating a field as it is typed); a real post has none
const CONFORM_INTENT = '__intent__';

export function usePaknForm<Schema extends z.ZodTypeAny>(schema: Schema, options: Options<Schema> = {}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    constraint: constraintOf(schema),
    // first checked when sent (a message appearing on blur moves the button away from the pointer,
    // and GOV.UK shows errors after a submit), then again as the user corrects each field
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => {
      const submission = parseForm(formData, schema);
      const send =
        submission.status === 'error' && !formData.has(CONFORM_INTENT) && options.sendAnyway?.(formData);
      // no error (rather than none found) tells conform to leave the answer to the server
      return send ? { ...submission, error: null } : submission;
    },
  });
  const { byField, summary } = translateErrors(t, form.allErrors, {
    prefix: options.prefix,
    order: options.order,
    ids: options.ids,
    every: options.every,
    labels: options.labels,
    formId: form.id,
  });
  // the GOV.UK title rule (see PageMeta) for errors found in the browser too: "Lỗi: …" while any remain
  // (a page with several forms: only the form whose errors added the mark takes it away)
  const failed = summary.length > 0;
  const marked = useRef(false);
  useEffect(() => {
    const mark = `${t('errorPrefix')} `;
    const title = document.title;
    if (failed && !title.startsWith(mark)) document.title = mark + title;
    if (!failed && marked.current && title.startsWith(mark)) document.title = title.slice(mark.length);
    marked.current = failed;
  }, [failed, t]);
  // told when the messages change (the signature), not on every render
  const signature = summary.map((e) => `${e.id}:${e.message}`).join('|');
  const reported = useRef('');
  const latest = useRef(summary);
  latest.current = summary;
  const onSummary = options.onSummary;
  useEffect(() => {
    if (signature === reported.current) return;
    reported.current = signature;
    onSummary?.(form.id, latest.current);
  }, [signature, onSummary, form.id]);
  return {
    form,
    fields,
    /** spread on <Form>: id, onSubmit (client validation) and noValidate (no browser bubbles) */
    formProps: { id: form.id, onSubmit: form.onSubmit, noValidate: true },
    /** the translated message of a field, or undefined */
    error: (name: string): string | undefined => byField[name],
    /** every translated message of a field (e.g. one per rejected file) */
    messages: (name: string): string[] =>
      (form.allErrors[name] ?? []).map((m) => translateMessage(t, m, options.prefix)),
    /** the error summary's list */
    summary,
    /** what the user sent, to put back in a field after an error (without JavaScript too) */
    value: (name: string) => submittedValue(form.initialValue, name),
    values: (name: string) => submittedValues(form.initialValue, name),
  };
}

/**
 * One error summary for a page of many small forms (the record page's actions), each with its own usePaknForm:
 * the server's answer when the page is rendered (without JavaScript too), then, once a form has reported
 * (`onSummary`), what the forms find in the browser.
 */
export function useErrorSummaries(server: FieldMessage[]) {
  const [byForm, setByForm] = useState<Record<string, FieldMessage[]>>({});
  const onSummary = useCallback(
    (formId: string, summary: FieldMessage[]) => setByForm((all) => ({ ...all, [formId]: summary })),
    [],
  );
  const reported = Object.values(byForm);
  return { summary: reported.length ? reported.flat() : server, onSummary };
}
