// The directory of competent external agencies a PAKN can be transferred to; one already used is deactivated.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Checkbox, ErrorSummary, TextArea, TextField } from '~/components/ui/form';
import {
  createExternalAgency,
  deleteExternalAgency,
  flashFromUrl,
  listExternalAgencies,
  parseId,
  updateExternalAgency,
} from '~/models/admin-config.server';
import { requirePermission } from '~/auth/guards.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { crudAction } from '~/auth/admin-crud.server';

const PATH = '/can-bo/quan-tri/co-quan-chuyen';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:agencies');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const agencies = listExternalAgencies();
  const editId = parseId(url.searchParams.get('sua'));
  return json({
    agencies,
    edit: agencies.find((a) => a.id === editId) ?? null,
    flash: flashFromUrl(t, url),
    pageTitle: `${t('admin.agencies.title')} – ${t('admin.title')}`,
  });
}

export async function action(args: ActionFunctionArgs) {
  return crudAction(args, {
    permission: 'admin:agencies',
    path: PATH,
    handlers: { create: createExternalAgency, update: updateExternalAgency, delete: deleteExternalAgency },
  });
}

type Values = Record<string, string | string[] | undefined>;

function AgencyForm({
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
        id={`${prefix}-name`}
        name="name"
        label={t('admin.agencies.name')}
        error={errors.name}
        defaultValue={v('name')}
        maxLength={200}
      />
      <TextField
        id={`${prefix}-address`}
        name="address"
        label={t('admin.agencies.address')}
        error={errors.address}
        defaultValue={v('address')}
        maxLength={300}
        optional
      />
      <TextField
        id={`${prefix}-email`}
        name="email"
        type="email"
        label={t('admin.agencies.email')}
        hint={t('admin.agencies.emailHint')}
        error={errors.email}
        defaultValue={v('email')}
        maxLength={254}
        optional
      />
      <TextArea
        id={`${prefix}-note`}
        name="note"
        label={t('admin.agencies.note')}
        hint={t('admin.agencies.noteHint')}
        error={errors.note}
        defaultValue={v('note')}
        maxLength={500}
        rows={3}
        optional
      />
      <Checkbox
        id={`${prefix}-active`}
        name="active"
        label={t('admin.common.activeLabel')}
        hint={t('admin.agencies.activeHint')}
        error={errors.active}
        defaultChecked={v('active') === 'on'}
      />
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

export default function ExternalAgencies() {
  const { agencies, edit, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.errors ?? {};
  const anchor = (field: string) =>
    field === 'form'
      ? result?.intent === 'delete'
        ? `agency-${result.id}`
        : 'agencies-title'
      : `${result?.intent === 'create' ? 'new' : 'edit'}-${field}`;
  const summary = Object.entries(errors).map(([field, message]) => ({ id: anchor(field), message }));
  const editing = result?.intent === 'update' ? (agencies.find((a) => a.id === result.id) ?? null) : edit;
  const asValues = (a: (typeof agencies)[number]): Values => ({
    name: a.name,
    address: a.address,
    email: a.email,
    note: a.note,
    active: a.active ? 'on' : undefined,
  });

  return (
    <>
      <ErrorSummary errors={summary} />
      {flash ? (
        <p className="notice" role="status">
          {flash}
        </p>
      ) : null}
      <h1 id="agencies-title" tabIndex={-1}>
        {t('admin.agencies.title')}
      </h1>
      <p>{t('admin.agencies.intro')}</p>
      <table className="table">
        <caption>{t('admin.agencies.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.agencies.name')}</th>
            <th scope="col">{t('admin.agencies.address')}</th>
            <th scope="col">{t('admin.agencies.email')}</th>
            <th scope="col">{t('admin.common.status')}</th>
            <th scope="col">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((u) => (
            <tr key={u.id} id={`agency-${u.id}`}>
              <th scope="row">{u.name}</th>
              <td>{u.address}</td>
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
      <p className="hint">{t('admin.agencies.deleteHint')}</p>

      {editing ? (
        <section aria-labelledby="sua">
          <h2 id="sua" tabIndex={-1}>
            {t('admin.agencies.editTitle', { name: editing.name })}
          </h2>
          <AgencyForm
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
        <h2 id="new-title">{t('admin.agencies.createTitle')}</h2>
        <AgencyForm
          prefix="new"
          intent="create"
          values={result?.intent === 'create' ? result.values : { active: 'on' }}
          errors={result?.intent === 'create' ? errors : {}}
          submit={t('admin.agencies.create')}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
