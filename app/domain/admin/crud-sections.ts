// The admin list pages served by one route (routes/can-bo.quan-tri.$section): the address of each, the
// permission that opens it and the schema of its create and edit forms, read by the loader and action on the
// server and by the forms in the browser. The i18n keys of a page are `admin.<section>.*`.
import type { z } from 'zod';

import type { Permission } from '~/domain/permissions';

import { fieldSchema } from './fields';
import { keywordSchema } from './keywords';
import { externalAgencySchema } from './transfer-agencies';
import { unitSchema } from './units';

export const CRUD_SECTIONS = {
  units: { slug: 'don-vi', permission: 'admin:units', schema: unitSchema },
  fields: { slug: 'linh-vuc', permission: 'admin:fields', schema: fieldSchema },
  routing: { slug: 'dinh-tuyen', permission: 'admin:routing', schema: keywordSchema },
  agencies: { slug: 'co-quan-chuyen', permission: 'admin:agencies', schema: externalAgencySchema },
} as const satisfies Record<string, { slug: string; permission: Permission; schema: z.ZodTypeAny }>;

export type CrudSection = keyof typeof CRUD_SECTIONS;
export type CrudSchema<K extends CrudSection> = (typeof CRUD_SECTIONS)[K]['schema'];

/** The address of a list page. */
export function crudPath(section: CrudSection) {
  return `/can-bo/quan-tri/${CRUD_SECTIONS[section].slug}`;
}

/** The section at this address (`/can-bo/quan-tri/<slug>`), or null for an address no list page has. */
export function crudSectionOf(slug: string | undefined): CrudSection | null {
  const found = Object.entries(CRUD_SECTIONS).find(([, s]) => s.slug === slug);
  return found && isCrudSection(found[0]) ? found[0] : null;
}

function isCrudSection(key: string): key is CrudSection {
  return Object.hasOwn(CRUD_SECTIONS, key);
}
