// Routing rules: the field → unit map (edited with the fields) and the keywords that suggest a unit.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminTable } from '~/components/admin/admin-table';
import {
  CrudForm,
  type CrudFormProps,
  CrudPage,
  fieldProps,
  type UnitOption,
  UnitSelect,
} from '~/components/admin/crud';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { TextField } from '~/components/ui/form';
import { keywordSchema } from '~/domain/admin/keywords';
import { localName } from '~/domain/local-name';
import { createKeyword, deleteKeyword, listKeywords, updateKeyword } from '~/models/admin/routing.server';
import { listUnitChoices } from '~/models/admin/units.server';
import { listFields } from '~/models/config.server';
import { crudAction, crudLoader } from '~/utils/admin-crud.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export const loader = (args: LoaderFunctionArgs) =>
  crudLoader(args, {
    section: 'routing',
    guard: requirePermission,
    list: listKeywords,
    // the field → unit map is shown here, read only
    extra: () => ({
      fields: listFields().map(({ id, name, nameEn, defaultUnitId }) => ({
        id,
        name,
        nameEn,
        defaultUnitId,
      })),
      units: listUnitChoices(),
    }),
  });

export const action = (args: ActionFunctionArgs) =>
  crudAction(args, {
    section: 'routing',
    guard: requirePermission,
    schema: keywordSchema,
    create: createKeyword,
    update: updateKeyword,
    delete: deleteKeyword,
  });

function KeywordForm({ submit, units, ...form }: CrudFormProps & { submit: string; units: UnitOption[] }) {
  const { t } = useTranslation();
  const f = fieldProps(form);
  return (
    <CrudForm form={form} submit={submit}>
      <TextField
        {...f('keyword')}
        label={t('admin.routing.keyword')}
        hint={t('admin.routing.keywordHint')}
        maxLength={100}
      />
      <UnitSelect field={f('unitId')} units={units} label={t('admin.routing.unit')} />
    </CrudForm>
  );
}

/** The field → unit map, read only here: it is edited with the fields. */
function FieldRules({
  fields,
  units,
}: {
  fields: Array<{ id: number; name: string; nameEn: string; defaultUnitId: number | null }>;
  units: UnitOption[];
}) {
  const { t, i18n } = useTranslation();
  const unitName = (id: number | null) => {
    const u = units.find((x) => x.id === id);
    return u ? localName(u, i18n.language) : t('admin.fields.noUnit');
  };
  return (
    <>
      <h2>{t('admin.routing.fieldRulesTitle')}</h2>
      <AdminTable
        caption={t('admin.routing.fieldRulesCaption')}
        columns={[t('admin.fields.name'), t('admin.fields.defaultUnit')]}
      >
        {fields.map((f) => (
          <tr key={f.id}>
            <th scope="row">{localName(f, i18n.language)}</th>
            <td>{unitName(f.defaultUnitId)}</td>
          </tr>
        ))}
      </AdminTable>
      <p>
        <Link to="/can-bo/quan-tri/linh-vuc">{t('admin.routing.editFieldRules')}</Link>
      </p>
      <h2>{t('admin.routing.keywordsTitle')}</h2>
    </>
  );
}

export default function Routing() {
  const data = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  return (
    <CrudPage
      schema={keywordSchema}
      section="routing"
      data={data}
      result={useActionData<typeof action>()}
      before={<FieldRules fields={data.fields} units={data.units} />}
      caption="admin.routing.keywordsCaption"
      hint={null}
      rowPrefix="keyword"
      columns={['admin.routing.keyword', 'admin.routing.unit']}
      row={(k) => (
        <>
          <th scope="row">{k.keyword}</th>
          <td>{localName({ name: k.unitName, nameEn: k.unitNameEn }, i18n.language)}</td>
        </>
      )}
      name={(k) => k.keyword}
      toValues={(k) => ({ keyword: k.keyword, unitId: String(k.unitId) })}
      form={(props) => <KeywordForm {...props} units={data.units} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
