// The loader and the create / update / delete action shared by the admin list pages (units, fields, keywords,
// agencies). The route names its section, path and permission and passes its guard (requirePermission), so
// this plumbing reads the request and answers without depending on the auth or model layers.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { translateErrors, type Actor, type Outcome } from '~/domain/admin/outcome';
import type { Permission } from '~/domain/permissions';
import { flashFromUrl } from './admin-flash';
import { formToValues, parseId } from './form-values';
import { clientIp } from './http.server';
import { getLocale, getT } from './i18n.server';

export type CrudSection = 'units' | 'fields' | 'routing' | 'agencies';
export type CrudPageConfig = {
  /** the i18n keys of the page are `admin.<section>.*` */
  section: CrudSection;
  path: string;
  permission: Permission;
  guard: (request: Request, permission: Permission) => Promise<{ id: number }>;
};

type Values = Record<string, string | string[]>;
export type CrudHandlers = {
  create: (values: Values, actor: Actor) => Outcome<unknown>;
  update: (id: number, values: Values, actor: Actor) => Outcome<unknown>;
  delete: (id: number, actor: Actor) => Outcome<unknown>;
};

const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

function isIntent(value: unknown): value is keyof typeof DONE {
  return typeof value === 'string' && Object.hasOwn(DONE, value);
}

/** The rows of the list, the one being edited (`?sua=<id>`), the confirmation and the title, and what `extra` reads. */
export async function crudLoader<T extends { id: number }, E extends object>(
  { request }: LoaderFunctionArgs,
  page: CrudPageConfig,
  list: () => T[],
  extra: () => E,
) {
  await page.guard(request, page.permission);
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const items = list();
  const editId = parseId(url.searchParams.get('sua'));
  return json({
    items,
    edit: items.find((i) => i.id === editId) ?? null,
    flash: flashFromUrl(t, url),
    pageTitle: `${t(`admin.${page.section}.title`)} – ${t('admin.title')}`,
    ...extra(),
  });
}

export async function crudAction(
  { request, context }: ActionFunctionArgs,
  page: CrudPageConfig,
  handlers: CrudHandlers,
) {
  const user = await page.guard(request, page.permission);
  const actor: Actor = { userId: user.id, ip: clientIp(context) };
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToValues(form);
  const intent = values.intent;
  if (!isIntent(intent)) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const id = parseId(values.id) ?? 0;
  const result =
    intent === 'create'
      ? handlers.create(values, actor)
      : intent === 'update'
        ? handlers.update(id, values, actor)
        : handlers.delete(id, actor);
  if (result.ok) return redirect(`${page.path}?ok=${DONE[intent]}`);
  return json({ intent, id, values, errors: translateErrors(t, result.errors) }, { status: 400 });
}
