// Routing rules: the field → unit map (edited with the fields) and the keywords that suggest a unit.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, Select, TextField } from '~/components/ui/form';
import {
  createKeyword,
  deleteKeyword,
  flashFromUrl,
  listKeywords,
  parseId,
  updateKeyword,
} from '~/models/admin-config.server';
import { listFields, listUnits } from '~/models/config.server';
import { requirePermission } from '~/auth/guards.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { crudAction } from '~/auth/admin-crud.server';
import { localName } from '~/domain/local-name';

const PATH = '/can-bo/quan-tri/dinh-tuyen';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:routing');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const keywords = listKeywords();
  const editId = parseId(url.searchParams.get('sua'));
  return json({
    keywords,
    fields: listFields().map((f) => ({
      id: f.id,
      name: f.name,
      nameEn: f.nameEn,
      defaultUnitId: f.defaultUnitId,
    })),
    units: listUnits({ activeOnly: false }).map((u) => ({
      id: u.id,
      name: u.name,
      nameEn: u.nameEn,
      active: u.active,
    })),
    edit: keywords.find((k) => k.id === editId) ?? null,
    flash: flashFromUrl(t, url),
    pageTitle: `${t('admin.routing.title')} – ${t('admin.title')}`,
  });
}

export async function action(args: ActionFunctionArgs) {
  return crudAction(args, {
    permission: 'admin:routing',
    path: PATH,
    handlers: { create: createKeyword, update: updateKeyword, delete: deleteKeyword },
  });
}

type Values = Record<string, string | string[] | undefined>;
type UnitOption = { id: number; name: string; nameEn: string; active: boolean };

function KeywordForm({
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
  const current = v('unitId');
  const options = units
    .filter((u) => u.active || String(u.id) === current)
    .map((u) => ({ value: String(u.id), label: localName(u, i18n.language) }));
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField
        id={`${prefix}-keyword`}
        name="keyword"
        label={t('admin.routing.keyword')}
        hint={t('admin.routing.keywordHint')}
        error={errors.keyword}
        defaultValue={v('keyword')}
        maxLength={100}
      />
      <Select
        id={`${prefix}-unitId`}
        name="unitId"
        label={t('admin.routing.unit')}
        error={errors.unitId}
        defaultValue={current}
        placeholder=""
        options={options}
      />
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

export default function Routing() {
  const { keywords, fields, units, edit, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const errors = result?.errors ?? {};
  const anchor = (field: string) =>
    field === 'form'
      ? result?.intent === 'delete'
        ? `keyword-${result.id}`
        : 'routing-title'
      : `${result?.intent === 'create' ? 'new' : 'edit'}-${field}`;
  const summary = Object.entries(errors).map(([field, message]) => ({ id: anchor(field), message }));
  const editing = result?.intent === 'update' ? (keywords.find((k) => k.id === result.id) ?? null) : edit;
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
      <h1 id="routing-title" tabIndex={-1}>
        {t('admin.routing.title')}
      </h1>
      <p>{t('admin.routing.intro')}</p>

      <h2>{t('admin.routing.fieldRulesTitle')}</h2>
      <table className="table">
        <caption>{t('admin.routing.fieldRulesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.fields.name')}</th>
            <th scope="col">{t('admin.fields.defaultUnit')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.id}>
              <th scope="row">{en ? f.nameEn : f.name}</th>
              <td>{unitName(f.defaultUnitId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to="/can-bo/quan-tri/linh-vuc">{t('admin.routing.editFieldRules')}</Link>
      </p>

      <h2>{t('admin.routing.keywordsTitle')}</h2>
      <table className="table">
        <caption>{t('admin.routing.keywordsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.routing.keyword')}</th>
            <th scope="col">{t('admin.routing.unit')}</th>
            <th scope="col">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {keywords.map((k) => (
            <tr key={k.id} id={`keyword-${k.id}`}>
              <th scope="row">{k.keyword}</th>
              <td>{en ? k.unitNameEn : k.unitName}</td>
              <td>
                <Link to={`?sua=${k.id}#sua`}>
                  {t('admin.common.edit')}
                  <span className="visually-hidden"> {k.keyword}</span>
                </Link>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={k.id} />
                  <button type="submit" className="button button-secondary">
                    {t('admin.common.delete')}
                    <span className="visually-hidden"> {k.keyword}</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {editing ? (
        <section aria-labelledby="sua">
          <h2 id="sua" tabIndex={-1}>
            {t('admin.routing.editTitle', { keyword: editing.keyword })}
          </h2>
          <KeywordForm
            key={`edit-${editing.id}`}
            prefix="edit"
            intent="update"
            id={editing.id}
            values={
              result?.intent === 'update'
                ? result.values
                : { keyword: editing.keyword, unitId: String(editing.unitId) }
            }
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
        <h2 id="new-title">{t('admin.routing.createTitle')}</h2>
        <KeywordForm
          prefix="new"
          intent="create"
          values={result?.intent === 'create' ? result.values : {}}
          errors={result?.intent === 'create' ? errors : {}}
          submit={t('admin.routing.create')}
          units={units}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
