// The shape every admin list page shares: a table of rows, an edit section (`?sua=<id>`) and a create section,
// each form posting `intent` (create | update | delete) and `id` to the page's action (utils/admin-crud.server).
// After a refused post the form that was sent shows again with what was typed and the messages.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '~/components/ui/form';
import type { FieldError } from '~/components/ui/form';
import { localName } from '~/domain/local-name';

export type FormValues = Record<string, string | string[] | undefined>;
type Errors = Record<string, string>;
type Intent = 'create' | 'update' | 'delete';
/** What the shared action answers after a refused post. */
export type CrudResult = { intent: Intent; id: number; values: FormValues; errors: Errors };

export type CrudFormProps = {
  prefix: 'new' | 'edit';
  intent: 'create' | 'update';
  id?: number;
  values: FormValues;
  errors: Errors;
};

/** The error summary, the row being edited and the props of the edit and create forms. */
export function useCrudPage<T extends { id: number }>({
  items,
  edit,
  result,
  rowId,
  titleId,
  toValues,
  initial = {},
}: {
  items: T[];
  edit: T | null;
  result: CrudResult | undefined;
  rowId: (id: number) => string;
  titleId: string;
  toValues: (item: T) => FormValues;
  initial?: FormValues;
}) {
  const errors = result?.errors ?? {};
  const anchor = (field: string) =>
    field === 'form'
      ? result?.intent === 'delete'
        ? rowId(result.id)
        : titleId
      : `${result?.intent === 'create' ? 'new' : 'edit'}-${field}`;
  const summary: FieldError[] = Object.entries(errors).map(([field, message]) => ({
    id: anchor(field),
    message,
  }));
  const editing = result?.intent === 'update' ? (items.find((i) => i.id === result.id) ?? null) : edit;
  const sent = (intent: Intent) => result?.intent === intent;
  const editForm: CrudFormProps | null = editing
    ? {
        prefix: 'edit',
        intent: 'update',
        id: editing.id,
        values: result && sent('update') ? result.values : toValues(editing),
        errors: sent('update') ? errors : {},
      }
    : null;
  const createForm: CrudFormProps = {
    prefix: 'new',
    intent: 'create',
    values: result && sent('create') ? result.values : initial,
    errors: sent('create') ? errors : {},
  };
  return { summary, editing, editForm, createForm };
}

/** The common props of a field of a CRUD form: its id (`<prefix>-<name>`), name, message and value. */
export function fieldProps({ prefix, values, errors }: CrudFormProps) {
  return (name: string) => {
    const value = values[name];
    return {
      id: `${prefix}-${name}`,
      name,
      error: errors[name],
      defaultValue: typeof value === 'string' ? value : undefined,
    };
  };
}

export function CrudForm({
  intent,
  id,
  submit,
  children,
}: Pick<CrudFormProps, 'intent' | 'id'> & { submit: string; children: ReactNode }) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {children}
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
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
      error={form.errors.active}
      defaultChecked={form.values.active === 'on'}
    />
  );
}

/** The edit section (`#sua`, the target of a row's edit link) with its way back to the list. */
export function EditSection({
  title,
  cancelTo,
  children,
}: {
  title: string;
  cancelTo: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sua">
      <h2 id="sua" tabIndex={-1}>
        {title}
      </h2>
      {children}
      <p>
        <Link to={cancelTo}>{t('admin.common.cancel')}</Link>
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

/** The units a select offers: the active ones, and the current choice even when it has been deactivated. */
export function useUnitOptions(units: UnitOption[], current: string | undefined, markInactive = false) {
  const { t, i18n } = useTranslation();
  return units
    .filter((u) => u.active || String(u.id) === current)
    .map((u) => ({
      value: String(u.id),
      label:
        localName(u, i18n.language) + (markInactive && !u.active ? ` (${t('admin.common.inactive')})` : ''),
    }));
}
