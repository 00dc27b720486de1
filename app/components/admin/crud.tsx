// The shape every admin list page shares: a table of rows, an edit section (`?sua=<id>`) and a create section,
// each form posting `intent` (create | update | delete) and `id` to the page's action (utils/admin-crud.server).
// Both forms go through the form pipeline (usePaknForm with the page's schema): with JavaScript a wrong form is
// refused in the browser, without it the server answers the same messages; either way what was typed stays.
import type { SubmissionResult } from '@conform-to/react';
import { Form, Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

import { Checkbox, Select, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { localName } from '~/domain/local-name';
import { constraintOf, submittedValue, translateErrors } from '~/utils/forms';

import { ActiveCell, AdminTable, RowActions } from './admin-table';
import { AdminPageHeader } from './page-header';

export type FormValues = Record<string, string | undefined>;
type Intent = 'create' | 'update' | 'delete';
/** What the shared action answers after a refused post: the form that was sent and conform's reply. */
export type CrudResult = { intent: Intent; id: number; reply: SubmissionResult };

export type CrudFormProps = {
  prefix: 'new' | 'edit';
  intent: 'create' | 'update';
  id?: number;
  /** the value a field starts from: what was sent after a refused post, else the saved (or initial) one */
  value: (name: string) => string | undefined;
  /** the translated message of a field */
  error: (name: string) => string | undefined;
  /** spread on the <Form> (usePaknForm's id, onSubmit and noValidate) */
  formProps: ReturnType<typeof usePaknForm>['formProps'];
};

/**
 * The label keys of the fields the list pages share, or whose key is not `admin.<section>.<name>` (the
 * labels the fields themselves show, below); the summary names a field by its label.
 */
const SHARED_LABELS: Record<string, string> = {
  sortOrder: 'admin.common.sortOrder',
  active: 'admin.common.activeLabel',
  defaultUnitId: 'admin.fields.defaultUnit',
  unitId: 'admin.routing.unit',
};

/** The error summary, the row being edited and the props of the edit and create forms. */
export function useCrudPage<T extends { id: number }, S extends z.ZodTypeAny>({
  items,
  edit,
  result,
  schema,
  rowId,
  titleId,
  toValues,
  initial = {},
  labels,
}: {
  items: T[];
  edit: T | null;
  result: CrudResult | undefined;
  schema: S;
  rowId: (id: number) => string;
  titleId: string;
  toValues: (item: T) => FormValues;
  initial?: FormValues;
  /** the fields' labels, named in the error summary */
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const names = Object.keys(constraintOf(schema));
  const options = (prefix: CrudFormProps['prefix'], intent: Intent) => ({
    id: `${prefix}-form`,
    lastResult: result?.intent === intent ? result.reply : undefined,
    order: names,
    labels,
    // a field's message links to its input (`<prefix>-<name>`), a form-level one to the page title
    ids: { ...Object.fromEntries(names.map((n) => [n, `${prefix}-${n}`])), '': titleId },
  });
  const editF = usePaknForm(schema, options('edit', 'update'));
  const newF = usePaknForm(schema, options('new', 'create'));
  // a refused delete (an entity still in use) names no field: its message links to the row
  const refused = translateErrors(t, result?.intent === 'delete' ? result.reply.error : null, {
    formId: rowId(result?.id ?? 0),
  });
  const summary = [...refused.summary, ...editF.summary, ...newF.summary];
  const editing = result?.intent === 'update' ? (items.find((i) => i.id === result.id) ?? null) : edit;
  const sent = (intent: Intent) => result?.intent === intent;
  const saved = editing ? toValues(editing) : {};
  const editForm: CrudFormProps | null = editing
    ? {
        prefix: 'edit',
        intent: 'update',
        id: editing.id,
        value: (name) => (sent('update') ? editF.value(name) : saved[name]),
        error: editF.error,
        formProps: editF.formProps,
      }
    : null;
  const createForm: CrudFormProps = {
    prefix: 'new',
    intent: 'create',
    value: (name) => (sent('create') ? submittedValue(result?.reply.initialValue, name) : initial[name]),
    error: newF.error,
    formProps: newF.formProps,
  };
  return { summary, editing, editForm, createForm };
}

/** The common props of a field of a CRUD form: its id (`<prefix>-<name>`), name, message and value. */
export function fieldProps({ prefix, value, error }: CrudFormProps) {
  return (name: string) => ({
    id: `${prefix}-${name}`,
    name,
    error: error(name),
    defaultValue: value(name),
  });
}

export function CrudForm({
  form,
  submit,
  children,
}: {
  form: CrudFormProps;
  submit: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" {...form.formProps}>
      <input type="hidden" name="intent" value={form.intent} />
      {form.id ? <input type="hidden" name="id" value={form.id} /> : null}
      {children}
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

/** Code, name and English name: the first fields of a unit and of a field (`section` names their labels). */
export function CodeAndNames({
  f,
  section,
}: {
  f: ReturnType<typeof fieldProps>;
  section: 'units' | 'fields';
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        {...f('code')}
        label={t(`admin.${section}.code`)}
        hint={t('admin.units.codeHint')}
        maxLength={20}
        className="input-20"
      />
      <TextField {...f('name')} label={t(`admin.${section}.name`)} maxLength={200} />
      <TextField {...f('nameEn')} label={t(`admin.${section}.nameEn`)} maxLength={200} />
    </>
  );
}

/** The display order, then the "active" checkbox, of an entity deactivated rather than deleted once in use. */
export function OrderAndActive({ form, hint }: { form: CrudFormProps; hint: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        {...fieldProps(form)('sortOrder')}
        label={t('admin.common.sortOrder')}
        inputMode="numeric"
        className="input-20"
        optional
      />
      <ActiveCheckbox form={form} hint={hint} />
    </>
  );
}

/** The "active" checkbox of an entity that is deactivated rather than deleted once in use. */
export function ActiveCheckbox({ form, hint }: { form: CrudFormProps; hint: string }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      id={`${form.prefix}-active`}
      name="active"
      label={t('admin.common.activeLabel')}
      hint={hint}
      error={form.error('active')}
      defaultChecked={form.value('active') === 'on'}
    />
  );
}

/** The edit section (`#sua`, the target of a row's edit link) with its way back to the list. */
export function EditSection({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section aria-labelledby="sua">
      <h2 id="sua" tabIndex={-1}>
        {title}
      </h2>
      {children}
      <p>
        <Link to={pathname}>{t('admin.common.cancel')}</Link>
      </p>
    </section>
  );
}

export function CreateSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="new-title">
      <h2 id="new-title">{title}</h2>
      {children}
    </section>
  );
}

export type UnitOption = { id: number; name: string; nameEn: string; active: boolean };

/** A unit select offering the active units, and the current choice even when it has been deactivated. */
export function UnitSelect({
  field,
  units,
  label,
  hint,
  placeholder = '',
  markInactive = false,
}: {
  field: ReturnType<ReturnType<typeof fieldProps>>;
  units: UnitOption[];
  label: string;
  hint?: string;
  placeholder?: string;
  markInactive?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const options = units
    .filter((u) => u.active || String(u.id) === field.defaultValue)
    .map((u) => ({
      value: String(u.id),
      label:
        localName(u, i18n.language) + (markInactive && !u.active ? ` (${t('admin.common.inactive')})` : ''),
    }));
  return <Select {...field} label={label} hint={hint} placeholder={placeholder} options={options} />;
}

export type CrudPageData<T> = { items: T[]; edit: T | null; flash: string | null };

export function CrudPage<T extends { id: number }, S extends z.ZodTypeAny>({
  section,
  schema,
  data,
  result,
  rowPrefix,
  columns,
  row,
  active,
  name,
  toValues,
  initial,
  fields,
  before,
  caption = `admin.${section}.caption`,
  hint = `admin.${section}.deleteHint`,
}: {
  section: string;
  /** the form's schema, the one the action parses with */
  schema: S;
  data: CrudPageData<T>;
  result: CrudResult | undefined;
  /** a row's id is `<rowPrefix>-<id>`, the target of a refused delete's message */
  rowPrefix: string;
  /** i18n keys of the columns before "actions" */
  columns: string[];
  /** the cells of a row before its actions */
  row: (item: T) => ReactNode;
  /** adds the status column: in use or not */
  active?: (item: T) => boolean;
  name: (item: T) => string;
  toValues: (item: T) => FormValues;
  initial?: FormValues;
  /** the fields of the create and edit forms */
  fields: (form: CrudFormProps) => ReactNode;
  before?: ReactNode;
  caption?: string;
  hint?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const titleId = `${section}-title`;
  const labels = Object.fromEntries(
    Object.keys(constraintOf(schema)).flatMap((name) => {
      const key = SHARED_LABELS[name] ?? `admin.${section}.${name}`;
      return i18n.exists(key) ? [[name, t(key)]] : [];
    }),
  );
  const page = useCrudPage({
    items: data.items,
    edit: data.edit,
    result,
    schema,
    rowId: (id) => `${rowPrefix}-${id}`,
    titleId,
    toValues,
    initial,
    labels,
  });
  return (
    <>
      <AdminPageHeader
        titleId={titleId}
        title={t(`admin.${section}.title`)}
        intro={t(`admin.${section}.intro`)}
        summary={page.summary}
        flash={data.flash}
      />
      {before}
      <AdminTable
        caption={t(caption)}
        columns={[...columns, ...(active ? ['admin.common.status'] : []), 'admin.common.actions'].map((c) =>
          t(c),
        )}
      >
        {data.items.map((item) => (
          <tr key={item.id} id={`${rowPrefix}-${item.id}`}>
            {row(item)}
            {active ? <ActiveCell active={active(item)} /> : null}
            <RowActions id={item.id} name={name(item)} />
          </tr>
        ))}
      </AdminTable>
      {hint ? <p className="hint">{t(hint)}</p> : null}

      {page.editing && page.editForm ? (
        <EditSection title={t(`admin.${section}.editTitle`, { name: name(page.editing) })}>
          <CrudForm key={`edit-${page.editing.id}`} form={page.editForm} submit={t('admin.common.save')}>
            {fields(page.editForm)}
          </CrudForm>
        </EditSection>
      ) : null}
      <CreateSection title={t(`admin.${section}.createTitle`)}>
        {/* a new form after each navigation: with JavaScript a saved entry's values would otherwise stay typed
            in (a refused post's are put back as its initial values) */}
        <CrudForm key={location.key} form={page.createForm} submit={t(`admin.${section}.create`)}>
          {fields(page.createForm)}
        </CrudForm>
      </CreateSection>
    </>
  );
}
