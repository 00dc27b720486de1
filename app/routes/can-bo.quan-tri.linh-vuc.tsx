// Fields (lĩnh vực) and the unit each routes to by default; a field in use is deactivated rather than deleted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import {
  CodeAndNames,
  CrudForm,
  type CrudFormProps,
  CrudPage,
  fieldProps,
  OrderAndActive,
  type UnitOption,
  UnitSelect,
} from '~/components/admin/crud';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { fieldSchema } from '~/domain/admin/fields';
import { localName } from '~/domain/local-name';
import { createField, deleteField, updateField } from '~/models/admin/fields.server';
import { listUnitChoices } from '~/models/admin/units.server';
import { listFields } from '~/models/config.server';
import { crudAction, crudLoader } from '~/utils/admin-crud.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export const loader = (args: LoaderFunctionArgs) =>
  crudLoader(args, {
    section: 'fields',
    guard: requirePermission,
    list: () => listFields({ activeOnly: false }),
    extra: () => ({ units: listUnitChoices() }),
  });

export const action = (args: ActionFunctionArgs) =>
  crudAction(args, {
    section: 'fields',
    guard: requirePermission,
    schema: fieldSchema,
    create: createField,
    update: updateField,
    delete: deleteField,
  });

function FieldForm({ submit, units, ...form }: CrudFormProps & { submit: string; units: UnitOption[] }) {
  const { t } = useTranslation();
  return (
    <CrudForm form={form} submit={submit}>
      <CodeAndNames f={fieldProps(form)} section="fields" />
      <UnitSelect
        field={fieldProps(form)('defaultUnitId')}
        units={units}
        label={t('admin.fields.defaultUnit')}
        hint={t('admin.fields.defaultUnitHint')}
        placeholder={t('admin.fields.noUnit')}
        markInactive
      />
      <OrderAndActive form={form} hint={t('admin.fields.activeHint')} />
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
      schema={fieldSchema}
      section="fields"
      data={data}
      result={useActionData<typeof action>()}
      rowPrefix="field"
      columns={['admin.fields.code', 'admin.fields.name', 'admin.fields.defaultUnit']}
      row={(f) => (
        <>
          <td>{f.code}</td>
          <th scope="row">{localName(f, i18n.language)}</th>
          <td>{unitName(f.defaultUnitId)}</td>
        </>
      )}
      active={(f) => f.active}
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
