// Units (phòng, ban, chi cục): create and edit; a unit still in use is deactivated rather than deleted.
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
} from '~/components/admin/crud';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { TextField } from '~/components/ui/form';
import { unitSchema } from '~/domain/admin/units';
import { localName } from '~/domain/local-name';
import { createUnit, deleteUnit, updateUnit } from '~/models/admin/units.server';
import { listUnits } from '~/models/config.server';
import { crudAction, crudLoader } from '~/utils/admin-crud.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export const loader = (args: LoaderFunctionArgs) =>
  crudLoader(args, {
    section: 'units',
    guard: requirePermission,
    list: () => listUnits({ activeOnly: false }),
  });

export const action = (args: ActionFunctionArgs) =>
  crudAction(args, {
    section: 'units',
    guard: requirePermission,
    schema: unitSchema,
    create: createUnit,
    update: updateUnit,
    delete: deleteUnit,
  });

function UnitForm({ submit, ...form }: CrudFormProps & { submit: string }) {
  const { t } = useTranslation();
  const f = fieldProps(form);
  return (
    <CrudForm form={form} submit={submit}>
      <CodeAndNames f={f} section="units" />
      <TextField
        {...f('email')}
        type="email"
        label={t('admin.units.email')}
        hint={t('admin.units.emailHint')}
        maxLength={254}
      />
      <OrderAndActive form={form} hint={t('admin.units.activeHint')} />
    </CrudForm>
  );
}

export default function Units() {
  const { i18n } = useTranslation();
  return (
    <CrudPage
      schema={unitSchema}
      section="units"
      data={useLoaderData<typeof loader>()}
      result={useActionData<typeof action>()}
      rowPrefix="unit"
      columns={['admin.units.code', 'admin.units.name', 'admin.units.email']}
      row={(u) => (
        <>
          <td>{u.code}</td>
          <th scope="row">{localName(u, i18n.language)}</th>
          <td>{u.email}</td>
        </>
      )}
      active={(u) => u.active}
      name={(u) => u.name}
      toValues={(u) => ({
        code: u.code,
        name: u.name,
        nameEn: u.nameEn,
        email: u.email,
        sortOrder: String(u.sortOrder),
        active: u.active ? 'on' : undefined,
      })}
      initial={{ active: 'on' }}
      form={(props) => <UnitForm {...props} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
