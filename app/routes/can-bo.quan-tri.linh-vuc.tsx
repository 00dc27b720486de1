// Fields (lĩnh vực) and the unit each routes to by default; a field in use is deactivated rather than deleted.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Checkbox, ErrorSummary, Select, TextField } from '~/components/ui/form';
import { createField, deleteField, flashFromUrl, parseId, updateField } from '~/models/admin-config.server';
import { listFields, listUnits } from '~/models/config.server';
import { requirePermission } from '~/auth/guards.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { crudAction } from '~/auth/admin-crud.server';
import { localName } from '~/domain/local-name';

const PATH = '/can-bo/quan-tri/linh-vuc';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:fields');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const fields = listFields({ activeOnly: false });
  const editId = parseId(url.searchParams.get('sua'));
  return json({
    fields,
    units: listUnits({ activeOnly: false }).map((u) => ({
      id: u.id,
      name: u.name,
      nameEn: u.nameEn,
      active: u.active,
    })),
    edit: fields.find((f) => f.id === editId) ?? null,
    flash: flashFromUrl(t, url),
    pageTitle: `${t('admin.fields.title')} – ${t('admin.title')}`,
  });
}

export async function action(args: ActionFunctionArgs) {
  return crudAction(args, {
    permission: 'admin:fields',
    path: PATH,
    handlers: { create: createField, update: updateField, delete: deleteField },
  });
}

type Values = Record<string, string | string[] | undefined>;

type UnitOption = { id: number; name: string; nameEn: string; active: boolean };

function FieldForm({
  prefix,
  intent,
  id,
  values,
  errors,
  submit,
  units,
}: {
  prefix: string;
  intent: 'create' | 'update';
  id?: number;
  values: Values;
  errors: Record<string, string>;
  submit: string;
  units: UnitOption[];
}) {
  const { t, i18n } = useTranslation();
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const current = v('defaultUnitId');
  const options = units
    .filter((u) => u.active || String(u.id) === current)
    .map((u) => ({
      value: String(u.id),
      label: localName(u, i18n.language) + (u.active ? '' : ` (${t('admin.common.inactive')})`),
    }));
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField
        id={`${prefix}-code`}
        name="code"
        label={t('admin.fields.code')}
        hint={t('admin.units.codeHint')}
        error={errors.code}
        defaultValue={v('code')}
        maxLength={20}
        className="input-20"
      />
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t('admin.fields.name')}
        error={errors.name}
        defaultValue={v('name')}
        maxLength={200}
      />
      <TextField
        id={`${prefix}-nameEn`}
        name="nameEn"
        label={t('admin.fields.nameEn')}
        error={errors.nameEn}
        defaultValue={v('nameEn')}
        maxLength={200}
      />
      <Select
        id={`${prefix}-defaultUnitId`}
        name="defaultUnitId"
        label={t('admin.fields.defaultUnit')}
        hint={t('admin.fields.defaultUnitHint')}
        error={errors.defaultUnitId}
        defaultValue={current}
        placeholder={t('admin.fields.noUnit')}
        options={options}
      />
      <TextField
        id={`${prefix}-sortOrder`}
        name="sortOrder"
        label={t('admin.common.sortOrder')}
        error={errors.sortOrder}
        defaultValue={v('sortOrder')}
        inputMode="numeric"
        className="input-20"
        optional
      />
      <Checkbox
        id={`${prefix}-active`}
        name="active"
        label={t('admin.common.activeLabel')}
        hint={t('admin.fields.activeHint')}
        error={errors.active}
        defaultChecked={v('active') === 'on'}
      />
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

export default function Fields() {
  const { fields, units, edit, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const errors = result?.errors ?? {};
  const anchor = (field: string) =>
    field === 'form'
      ? result?.intent === 'delete'
        ? `field-${result.id}`
        : 'fields-title'
      : `${result?.intent === 'create' ? 'new' : 'edit'}-${field}`;
  const summary = Object.entries(errors).map(([field, message]) => ({ id: anchor(field), message }));
  const editing = result?.intent === 'update' ? (fields.find((f) => f.id === result.id) ?? null) : edit;
  const asValues = (f: (typeof fields)[number]): Values => ({
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
    defaultUnitId: f.defaultUnitId === null ? '' : String(f.defaultUnitId),
    sortOrder: String(f.sortOrder),
    active: f.active ? 'on' : undefined,
  });
  const unitName = (id: number | null) => {
    const u = units.find((x) => x.id === id);
    return u ? (en ? u.nameEn : u.name) : t('admin.fields.noUnit');
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {flash ? (
        <p className="notice" role="status">
          {flash}
        </p>
      ) : null}
      <h1 id="fields-title" tabIndex={-1}>
        {t('admin.fields.title')}
      </h1>
      <p>{t('admin.fields.intro')}</p>
      <table className="table">
        <caption>{t('admin.fields.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.fields.code')}</th>
            <th scope="col">{t('admin.fields.name')}</th>
            <th scope="col">{t('admin.fields.defaultUnit')}</th>
            <th scope="col">{t('admin.common.status')}</th>
            <th scope="col">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((u) => (
            <tr key={u.id} id={`field-${u.id}`}>
              <td>{u.code}</td>
              <th scope="row">{en ? u.nameEn : u.name}</th>
              <td>{unitName(u.defaultUnitId)}</td>
              <td>{u.active ? t('admin.common.active') : t('admin.common.inactive')}</td>
              <td>
                <Link to={`?sua=${u.id}#sua`}>
                  {t('admin.common.edit')}
                  <span className="visually-hidden"> {u.name}</span>
                </Link>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={u.id} />
                  <button type="submit" className="button button-secondary">
                    {t('admin.common.delete')}
                    <span className="visually-hidden"> {u.name}</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('admin.fields.deleteHint')}</p>

      {editing ? (
        <section aria-labelledby="sua">
          <h2 id="sua" tabIndex={-1}>
            {t('admin.fields.editTitle', { name: editing.name })}
          </h2>
          <FieldForm
            key={`edit-${editing.id}`}
            prefix="edit"
            intent="update"
            id={editing.id}
            values={result?.intent === 'update' ? result.values : asValues(editing)}
            errors={result?.intent === 'update' ? errors : {}}
            submit={t('admin.common.save')}
            units={units}
          />
          <p>
            <Link to={PATH}>{t('admin.common.cancel')}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t('admin.fields.createTitle')}</h2>
        <FieldForm
          prefix="new"
          intent="create"
          values={result?.intent === 'create' ? result.values : { active: 'on' }}
          errors={result?.intent === 'create' ? errors : {}}
          submit={t('admin.fields.create')}
          units={units}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
