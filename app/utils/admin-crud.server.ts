// The loader and the create / update / delete action shared by the admin list pages (units, fields, keywords,
// agencies). The route names its section and passes its guard (requirePermission), the form's schema and the
// model's functions, so this plumbing parses the request (parseForm) and answers without depending on the
// auth or model layers.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';

import { type Actor, type FieldErrors, type Outcome, translateErrors } from '~/domain/admin/outcome';
import type { Permission } from '~/domain/permissions';

import { adminFlash, readAdminFlash } from './admin-flash.server';
import { redirectWithFlash } from './flash.server';
import { formToValues, parseId } from './form-values';
import { parseForm } from './forms';
import { clientIp } from './http.server';
import { getLocale, getT } from './i18n.server';

/** The admin list pages: the i18n keys of each are `admin.<section>.*`. */
const CRUD_PAGES = {
  units: { path: '/can-bo/quan-tri/don-vi', permission: 'admin:units' },
  fields: { path: '/can-bo/quan-tri/linh-vuc', permission: 'admin:fields' },
  routing: { path: '/can-bo/quan-tri/dinh-tuyen', permission: 'admin:routing' },
  agencies: { path: '/can-bo/quan-tri/co-quan-chuyen', permission: 'admin:agencies' },
} as const satisfies Record<string, { path: string; permission: Permission }>;
export type CrudSection = keyof typeof CRUD_PAGES;
/** The route's permission check (requirePermission), passed in so that this plumbing does not depend on auth. */
export type Guard = (request: Request, permission: Permission) => Promise<{ id: number }>;

/** The model's functions, given what the schema made of the form. */
export type CrudHandlers<V> = {
  create: (value: V, actor: Actor) => Outcome<unknown>;
  update: (id: number, value: V, actor: Actor) => Outcome<unknown>;
  delete: (id: number, actor: Actor) => Outcome<unknown>;
};

const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

function isIntent(value: unknown): value is keyof typeof DONE {
  return typeof value === 'string' && Object.hasOwn(DONE, value);
}

/** The rows of the list, the one being edited (`?sua=<id>`), the confirmation and the title, and what `extra` reads. */
export async function crudLoader<T extends { id: number }, E extends object>(
  { request }: LoaderFunctionArgs,
  section: CrudSection,
  guard: Guard,
  list: () => T[],
  extra: () => E,
) {
  await guard(request, CRUD_PAGES[section].permission);
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const items = list();
  const editId = parseId(url.searchParams.get('sua'));
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      items,
      edit: items.find((i) => i.id === editId) ?? null,
      flash,
      pageTitle: `${t(`admin.${section}.title`)} – ${t('admin.title')}`,
      ...extra(),
    },
    { headers },
  );
}

export async function crudAction<S extends z.ZodTypeAny>(
  { request, context }: ActionFunctionArgs,
  section: CrudSection,
  guard: Guard,
  schema: S,
  handlers: CrudHandlers<z.output<S>>,
) {
  const user = await guard(request, CRUD_PAGES[section].permission);
  const actor: Actor = { userId: user.id, ip: clientIp(context) };
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToValues(form);
  const intent = values.intent;
  if (!isIntent(intent)) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const id = parseId(values.id) ?? 0;
  const submission = intent === 'delete' ? null : parseForm(form, schema);
  const result =
    submission === null
      ? handlers.delete(id, actor)
      : submission.status !== 'success'
        ? { ok: false as const, errors: firstErrors(submission.reply().error) }
        : intent === 'create'
          ? handlers.create(submission.value, actor)
          : handlers.update(id, submission.value, actor);
  if (result.ok) return redirectWithFlash(CRUD_PAGES[section].path, adminFlash(DONE[intent]));
  return json({ intent, id, values, errors: translateErrors(t, result.errors) }, { status: 400 });
}

/** The first message of each field, as the models answer (`form` for an issue that names no field). */
function firstErrors(errors: Record<string, string[] | null> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const first = messages?.[0];
    if (first) out[name || 'form'] = first;
  }
  return out;
}

/** An admin form parsed with its schema (parseForm): the values for the model, or its messages as a model's. */
export function parseAdminForm<S extends z.ZodTypeAny>(form: FormData, schema: S): Outcome<z.output<S>> {
  const submission = parseForm(form, schema);
  return submission.status === 'success'
    ? { ok: true, value: submission.value }
    : { ok: false, errors: firstErrors(submission.reply().error) };
}
