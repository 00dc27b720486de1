// The directory of competent external agencies a PAKN can be transferred to; one already used is deactivated.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { ActiveCheckbox, CrudForm, type CrudFormProps, CrudPage, fieldProps } from '~/components/admin/crud';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { TextArea, TextField } from '~/components/ui/form';
import { externalAgencySchema } from '~/domain/admin/transfer-agencies';
import {
  createExternalAgency,
  deleteExternalAgency,
  listExternalAgencies,
  updateExternalAgency,
} from '~/models/admin/transfer-agencies.server';
import { crudAction, crudLoader } from '~/utils/admin-crud.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export const loader = (args: LoaderFunctionArgs) =>
  crudLoader(args, {
    section: 'agencies',
    guard: requirePermission,
    list: listExternalAgencies,
  });

export const action = (args: ActionFunctionArgs) =>
  crudAction(args, {
    section: 'agencies',
    guard: requirePermission,
    schema: externalAgencySchema,
    create: createExternalAgency,
    update: updateExternalAgency,
    delete: deleteExternalAgency,
  });

function AgencyForm({ submit, ...form }: CrudFormProps & { submit: string }) {
  const { t } = useTranslation();
  const f = fieldProps(form);
  return (
    <CrudForm form={form} submit={submit}>
      <TextField {...f('name')} label={t('admin.agencies.name')} maxLength={200} />
      <TextField {...f('address')} label={t('admin.agencies.address')} maxLength={300} optional />
      <TextField
        {...f('email')}
        type="email"
        label={t('admin.agencies.email')}
        hint={t('admin.agencies.emailHint')}
        maxLength={254}
        optional
      />
      <TextArea
        {...f('note')}
        label={t('admin.agencies.note')}
        hint={t('admin.agencies.noteHint')}
        maxLength={500}
        rows={3}
        optional
      />
      <ActiveCheckbox form={form} hint={t('admin.agencies.activeHint')} />
    </CrudForm>
  );
}

export default function ExternalAgencies() {
  return (
    <CrudPage
      schema={externalAgencySchema}
      section="agencies"
      data={useLoaderData<typeof loader>()}
      result={useActionData<typeof action>()}
      rowPrefix="agency"
      columns={[
        'admin.agencies.name',
        'admin.agencies.address',
        'admin.agencies.email',
        'admin.common.status',
      ]}
      row={(a) => (
        <>
          <th scope="row">{a.name}</th>
          <td>{a.address}</td>
          <td>{a.email}</td>
        </>
      )}
      active={(a) => a.active}
      name={(a) => a.name}
      toValues={(a) => ({
        name: a.name,
        address: a.address,
        email: a.email,
        note: a.note,
        active: a.active ? 'on' : undefined,
      })}
      initial={{ active: 'on' }}
      form={(props) => <AgencyForm {...props} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
