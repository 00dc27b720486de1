// Units (phòng, ban, chi cục): create and edit; a unit still in use is deactivated rather than deleted.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Checkbox, ErrorSummary, TextField } from '~/components/ui/form';
import { createUnit, deleteUnit, flashFromUrl, parseId, updateUnit } from '~/models/admin-config.server';
import { listUnits } from '~/models/config.server';
import { requirePermission } from '~/auth/guards.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { crudAction } from '~/auth/admin-crud.server';

const PATH = '/can-bo/quan-tri/don-vi';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:units');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const units = listUnits({ activeOnly: false });
  const editId = parseId(url.searchParams.get('sua'));
  return json({
    units,
    edit: units.find((u) => u.id === editId) ?? null,
    flash: flashFromUrl(t, url),
    pageTitle: `${t('admin.units.title')} – ${t('admin.title')}`,
  });
}

export async function action(args: ActionFunctionArgs) {
  return crudAction(args, {
    permission: 'admin:units',
    path: PATH,
    handlers: { create: createUnit, update: updateUnit, delete: deleteUnit },
  });
}

type Values = Record<string, string | string[] | undefined>;

function UnitForm({
  prefix,
  intent,
  id,
  values,
  errors,
  submit,
}: {
  prefix: string;
  intent: 'create' | 'update';
  id?: number;
  values: Values;
  errors: Record<string, string>;
  submit: string;
}) {
  const { t } = useTranslation();
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField
        id={`${prefix}-code`}
        name="code"
        label={t('admin.units.code')}
        hint={t('admin.units.codeHint')}
        error={errors.code}
        defaultValue={v('code')}
        maxLength={20}
        className="input-20"
      />
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t('admin.units.name')}
        error={errors.name}
        defaultValue={v('name')}
        maxLength={200}
      />
      <TextField
        id={`${prefix}-nameEn`}
        name="nameEn"
        label={t('admin.units.nameEn')}
        error={errors.nameEn}
        defaultValue={v('nameEn')}
        maxLength={200}
      />
      <TextField
        id={`${prefix}-email`}
        name="email"
        type="email"
        label={t('admin.units.email')}
        hint={t('admin.units.emailHint')}
        error={errors.email}
        defaultValue={v('email')}
        maxLength={254}
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
        hint={t('admin.units.activeHint')}
        error={errors.active}
        defaultChecked={v('active') === 'on'}
      />
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

export default function Units() {
  const { units, edit, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const errors = result?.errors ?? {};
  const anchor = (field: string) =>
    field === 'form'
      ? result?.intent === 'delete'
        ? `unit-${result.id}`
        : 'units-title'
      : `${result?.intent === 'create' ? 'new' : 'edit'}-${field}`;
  const summary = Object.entries(errors).map(([field, message]) => ({ id: anchor(field), message }));
  const editing = result?.intent === 'update' ? (units.find((u) => u.id === result.id) ?? null) : edit;
  const asValues = (u: (typeof units)[number]): Values => ({
    code: u.code,
    name: u.name,
    nameEn: u.nameEn,
    email: u.email,
    sortOrder: String(u.sortOrder),
    active: u.active ? 'on' : undefined,
  });

  return (
    <>
      <ErrorSummary errors={summary} />
      {flash ? (
        <p className="notice" role="status">
          {flash}
        </p>
      ) : null}
      <h1 id="units-title" tabIndex={-1}>
        {t('admin.units.title')}
      </h1>
      <p>{t('admin.units.intro')}</p>
      <table className="table">
        <caption>{t('admin.units.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.units.code')}</th>
            <th scope="col">{t('admin.units.name')}</th>
            <th scope="col">{t('admin.units.email')}</th>
            <th scope="col">{t('admin.common.status')}</th>
            <th scope="col">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id} id={`unit-${u.id}`}>
              <td>{u.code}</td>
              <th scope="row">{en ? u.nameEn : u.name}</th>
              <td>{u.email}</td>
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
      <p className="hint">{t('admin.units.deleteHint')}</p>

      {editing ? (
        <section aria-labelledby="sua">
          <h2 id="sua" tabIndex={-1}>
            {t('admin.units.editTitle', { name: editing.name })}
          </h2>
          <UnitForm
            key={`edit-${editing.id}`}
            prefix="edit"
            intent="update"
            id={editing.id}
            values={result?.intent === 'update' ? result.values : asValues(editing)}
            errors={result?.intent === 'update' ? errors : {}}
            submit={t('admin.common.save')}
          />
          <p>
            <Link to={PATH}>{t('admin.common.cancel')}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t('admin.units.createTitle')}</h2>
        <UnitForm
          prefix="new"
          intent="create"
          values={result?.intent === 'create' ? result.values : { active: 'on' }}
          errors={result?.intent === 'create' ? errors : {}}
          submit={t('admin.units.create')}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
