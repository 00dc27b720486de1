// Fields (lĩnh vực) and the unit each routes to by default; a field in use is deactivated rather than deleted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActiveCell } from '~/components/admin/admin-table';
import {
  ActiveCheckbox,
  CrudForm,
  fieldProps,
  useUnitOptions,
  type CrudFormProps,
  type UnitOption,
} from '~/components/admin/crud';
import { CrudPage } from '~/components/admin/crud-page';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Select, TextField } from '~/components/ui/form';
import { localName } from '~/domain/local-name';
import { createField, deleteField, updateField } from '~/models/admin/fields.server';
import { listFields, listUnits } from '~/models/config.server';
import { crudAction, crudLoader, type CrudPageConfig } from '~/utils/admin-crud.server';
import { requirePermission } from '~/utils/auth.server';

const PATH = '/can-bo/quan-tri/linh-vuc';
// server only (loader and action): the guard does not reach the browser bundle
const PAGE: CrudPageConfig = {
  section: 'fields',
  path: PATH,
  permission: 'admin:fields',
  guard: requirePermission,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export const loader = (args: LoaderFunctionArgs) =>
  crudLoader(
    args,
    PAGE,
    () => listFields({ activeOnly: false }),
    () => ({
      units: listUnits({ activeOnly: false }).map(({ id, name, nameEn, active }) => ({
        id,
        name,
        nameEn,
        active,
      })),
    }),
  );

export const action = (args: ActionFunctionArgs) =>
  crudAction(args, PAGE, { create: createField, update: updateField, delete: deleteField });

function FieldForm({ submit, units, ...form }: CrudFormProps & { submit: string; units: UnitOption[] }) {
  const { t } = useTranslation();
  const f = fieldProps(form);
  const unit = f('defaultUnitId');
  const options = useUnitOptions(units, unit.defaultValue, true);
  return (
    <CrudForm intent={form.intent} id={form.id} submit={submit}>
      <TextField
        {...f('code')}
        label={t('admin.fields.code')}
        hint={t('admin.units.codeHint')}
        maxLength={20}
        className="input-20"
      />
      <TextField {...f('name')} label={t('admin.fields.name')} maxLength={200} />
      <TextField {...f('nameEn')} label={t('admin.fields.nameEn')} maxLength={200} />
      <Select
        {...unit}
        label={t('admin.fields.defaultUnit')}
        hint={t('admin.fields.defaultUnitHint')}
        placeholder={t('admin.fields.noUnit')}
        options={options}
      />
      <TextField
        {...f('sortOrder')}
        label={t('admin.common.sortOrder')}
        inputMode="numeric"
        className="input-20"
        optional
      />
      <ActiveCheckbox form={form} hint={t('admin.fields.activeHint')} />
    </CrudForm>
  );
}

export default function Fields() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const unitName = (id: number | null) => {
    const u = data.units.find((x) => x.id === id);
    return u ? localName(u, i18n.language) : t('admin.fields.noUnit');
  };
  return (
    <CrudPage
      section="fields"
      path={PATH}
      data={data}
      result={useActionData<typeof action>()}
      rowPrefix="field"
      columns={['admin.fields.code', 'admin.fields.name', 'admin.fields.defaultUnit', 'admin.common.status']}
      row={(f) => (
        <>
          <td>{f.code}</td>
          <th scope="row">{localName(f, i18n.language)}</th>
          <td>{unitName(f.defaultUnitId)}</td>
          <ActiveCell active={f.active} />
        </>
      )}
      name={(f) => f.name}
      toValues={(f) => ({
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
        defaultUnitId: f.defaultUnitId === null ? '' : String(f.defaultUnitId),
        sortOrder: String(f.sortOrder),
        active: f.active ? 'on' : undefined,
      })}
      initial={{ active: 'on' }}
      form={(props) => <FieldForm {...props} units={data.units} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
