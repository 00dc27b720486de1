// The admin list pages (units, fields, routing keywords, external agencies) at /can-bo/quan-tri/<slug>: the
// slug names the section (domain/admin/crud-sections), this file gives each its model functions and the page
// its columns and forms (components/admin/crud-sections). An unknown slug is a 404; the static admin pages
// (co-quan, lich, nguoi-dung…) rank before this route.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { requirePermission } from '~/auth/guards.server';
import { CrudSectionPage } from '~/components/admin/crud-sections';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { type CrudSection, crudSectionOf } from '~/domain/admin/crud-sections';
import { createField, deleteField, updateField } from '~/models/admin/fields.server';
import { createKeyword, deleteKeyword, listKeywords, updateKeyword } from '~/models/admin/routing.server';
import {
  createExternalAgency,
  deleteExternalAgency,
  listExternalAgencies,
  updateExternalAgency,
} from '~/models/admin/transfer-agencies.server';
import { createUnit, deleteUnit, listUnitChoices, updateUnit } from '~/models/admin/units.server';
import { listFields, listUnits } from '~/models/config.server';
import { crudRoute } from '~/utils/admin-crud.server';
import { errorMeta, rootLocale } from '~/utils/error-meta';

// a function, so that nothing of the server runs when the browser loads this module
const sections = () =>
  ({
    units: crudRoute('units', requirePermission, {
      list: () => listUnits({ activeOnly: false }),
      create: createUnit,
      update: updateUnit,
      delete: deleteUnit,
    }),
    fields: crudRoute('fields', requirePermission, {
      list: () => listFields({ activeOnly: false }),
      extra: async () => ({ units: await listUnitChoices() }),
      create: createField,
      update: updateField,
      delete: deleteField,
    }),
    routing: crudRoute('routing', requirePermission, {
      list: listKeywords,
      // the field → unit map is shown here, read only
      extra: async () => ({
        fields: (await listFields()).map(({ id, name, nameEn, defaultUnitId }) => ({
          id,
          name,
          nameEn,
          defaultUnitId,
        })),
        units: await listUnitChoices(),
      }),
      create: createKeyword,
      update: updateKeyword,
      delete: deleteKeyword,
    }),
    agencies: crudRoute('agencies', requirePermission, {
      list: listExternalAgencies,
      create: createExternalAgency,
      update: updateExternalAgency,
      delete: deleteExternalAgency,
    }),
  }) satisfies { [K in CrudSection]: { section: K } };

/** What each list page's loader answers, for its columns and forms. */
export type CrudData = { [K in CrudSection]: SerializeFrom<ReturnType<typeof sections>[K]['loader']> };

function sectionOf(slug: string | undefined) {
  const section = crudSectionOf(slug);
  if (!section) throw new Response(null, { status: 404 });
  return sections()[section];
}

export const loader = (args: LoaderFunctionArgs) => sectionOf(args.params.section).loader(args);
export const action = (args: ActionFunctionArgs) => sectionOf(args.params.section).action(args);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  data ? [{ title: data.pageTitle }] : errorMeta(error, rootLocale(matches));

export default function CrudSectionRoute() {
  return <CrudSectionPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
