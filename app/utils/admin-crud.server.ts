// The loader and the create / update / delete action shared by the admin list pages (units, fields, keywords,
// agencies). The route names its section and passes its guard (requirePermission), the form's schema and the
// model's functions, so this plumbing parses the request (parseForm) and answers without depending on the
// auth or model layers.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { type Actor, modelErrors, type Outcome } from '~/domain/admin/outcome';
import type { Permission } from '~/domain/permissions';

import { adminFlash, readAdminFlash } from './admin-flash.server';
import { redirectWithFlash } from './flash.server';
import { parseId } from './form-values';
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

/** What every form of these pages sends besides its fields. */
const ROW = z.object({ intent: z.string().optional(), id: z.string().optional() });

const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

function isIntent(value: unknown): value is keyof typeof DONE {
  return typeof value === 'string' && Object.hasOwn(DONE, value);
}

/** The rows of the list, the one being edited (`?sua=<id>`), the confirmation and the title, and what `extra` reads. */
export async function crudLoader<T extends { id: number }, E extends object = object>(
  { request }: LoaderFunctionArgs,
  { section, guard, list, extra }: { section: CrudSection; guard: Guard; list: () => T[]; extra?: () => E },
) {
  await guard(request, CRUD_PAGES[section].permission);
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const items = list();
  const editId = parseId(url.searchParams.get('sua'));
  const { flash, headers } = await readAdminFlash(request);
  const page = {
    items,
    edit: items.find((i) => i.id === editId) ?? null,
    flash,
    pageTitle: `${t(`admin.${section}.title`)} – ${t('admin.title')}`,
  };
  return json(Object.assign(page, extra?.()), { headers });
}

export async function crudAction<S extends z.ZodTypeAny>(
  { request, context }: ActionFunctionArgs,
  {
    section,
    guard,
    schema,
    ...handlers
  }: { section: CrudSection; guard: Guard; schema: S } & CrudHandlers<z.output<S>>,
) {
  const user = await guard(request, CRUD_PAGES[section].permission);
  const actor: Actor = { userId: user.id, ip: clientIp(context) };
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const row = parseForm(form, ROW);
  const { intent, id } = row.status === 'success' ? row.value : {};
  if (!isIntent(intent)) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const rowId = parseId(id ?? null) ?? 0;
  // a delete sends no fields: only the model can refuse it (a row still in use)
  const submission = parseForm(form, intent === 'delete' ? ROW : schema);
  if (submission.status !== 'success') {
    return json({ intent, id: rowId, reply: submission.reply() }, { status: 400 });
  }
  const result =
    intent === 'delete'
      ? handlers.delete(rowId, actor)
      : intent === 'create'
        ? handlers.create(submission.value, actor)
        : handlers.update(rowId, submission.value, actor);
  if (result.ok) return redirectWithFlash(CRUD_PAGES[section].path, adminFlash(DONE[intent]));
  const reply = submission.reply({ fieldErrors: modelErrors(result.errors) });
  return json({ intent, id: rowId, reply }, { status: 400 });
}

/**
 * One form of an admin page that has several (`intent` says which was sent): parsed with its schema; a wrong
 * form or the model's refusal answers 400 with the intent and conform's reply (the page's usePaknForm shows
 * the messages and what was typed), a saved one redirects where `done` says with its confirmation.
 */
export async function answerAdminForm<S extends z.ZodTypeAny, R, K extends string>(
  form: FormData,
  intent: K,
  schema: S,
  save: (value: z.output<S>) => Outcome<R>,
  done: (result: R, value: z.output<S>) => { to: string; flash: string },
) {
  const submission = parseForm(form, schema);
  if (submission.status !== 'success') return json({ intent, reply: submission.reply() }, { status: 400 });
  const result = save(submission.value);
  if (result.ok) {
    const { to, flash } = done(result.value, submission.value);
    return redirectWithFlash(to, flash);
  }
  const reply = submission.reply({ fieldErrors: modelErrors(result.errors) });
  return json({ intent, reply }, { status: 400 });
}
