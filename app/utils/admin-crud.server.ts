// The loader and the create / update / delete action of the admin list pages (units, fields, keywords,
// agencies: domain/admin/crud-sections), served by one route (routes/can-bo.quan-tri.$section). The route
// passes its guard (requirePermission) and the model's functions, so this plumbing parses the request
// (parseForm) and answers without depending on the auth or model layers.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { CRUD_SECTIONS, crudPath, type CrudSchema, type CrudSection } from '~/domain/admin/crud-sections';
import { type Actor, modelErrors, type Outcome } from '~/domain/admin/outcome';
import type { Permission } from '~/domain/permissions';

import { adminFlash, readAdminFlash } from './admin-flash.server';
import { redirectWithFlash } from './flash.server';
import { parseId } from './form-values';
import { parseForm } from './forms';
import { clientIp } from './http.server';
import { getLocale, getT } from './i18n.server';

/** The route's permission check (requirePermission), passed in so that this plumbing does not depend on auth. */
export type Guard = (request: Request, permission: Permission) => Promise<{ id: number }>;

/** The model's functions of a list page: its rows, what else the page shows, and the changes. */
export type CrudModels<K extends CrudSection, T extends { id: number }, E extends object> = {
  list: () => Promise<T[]>;
  extra?: () => Promise<E>;
  create: (value: z.output<CrudSchema<K>>, actor: Actor) => Promise<Outcome<unknown>>;
  update: (id: number, value: z.output<CrudSchema<K>>, actor: Actor) => Promise<Outcome<unknown>>;
  delete: (id: number, actor: Actor) => Promise<Outcome<unknown>>;
};

/** What every form of these pages sends besides its fields. */
const ROW = z.object({ intent: z.string().optional(), id: z.string().optional() });

const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

function isIntent(value: unknown): value is keyof typeof DONE {
  return typeof value === 'string' && Object.hasOwn(DONE, value);
}

/** The 400 (to throw) of a post that none of an admin page's forms sends: not a form, or an unknown intent. */
export function adminBadRequest(request: Request) {
  return json({ message: getT(getLocale(request))('admin.errors.badRequest') }, { status: 400 });
}

/** The form posted to an admin page; a body that is not a form is a 400 (thrown). */
export async function readAdminForm(request: Request): Promise<FormData> {
  const form = await request.formData().catch(() => null);
  if (!form) throw adminBadRequest(request);
  return form;
}

/**
 * The loader and the action of one list page. The loader answers the section, the rows, the one being edited
 * (`?sua=<id>`), the confirmation and the title, and what `extra` reads; the action creates, updates or
 * deletes one row and redirects back with the confirmation, or answers 400 with conform's reply.
 */
export function crudRoute<K extends CrudSection, T extends { id: number }, E extends object = object>(
  section: K,
  guard: Guard,
  models: CrudModels<K, T, E>,
) {
  const { permission } = CRUD_SECTIONS[section];
  const schema: CrudSchema<K> = CRUD_SECTIONS[section].schema;
  return {
    section,
    async loader({ request }: LoaderFunctionArgs) {
      await guard(request, permission);
      const t = getT(getLocale(request));
      const items = await models.list();
      const editId = parseId(new URL(request.url).searchParams.get('sua'));
      const { flash, headers } = await readAdminFlash(request);
      const page = {
        section,
        items,
        edit: items.find((i) => i.id === editId) ?? null,
        flash,
        pageTitle: `${t(`admin.${section}.title`)} – ${t('admin.title')}`,
      };
      return json(Object.assign(page, await models.extra?.()), { headers });
    },
    async action({ request, context }: ActionFunctionArgs) {
      const user = await guard(request, permission);
      const actor: Actor = { userId: user.id, ip: clientIp(context) };
      const form = await readAdminForm(request);
      const row = parseForm(form, ROW);
      const { intent, id } = row.status === 'success' ? row.value : {};
      if (!isIntent(intent)) throw adminBadRequest(request);
      const rowId = parseId(id ?? null) ?? 0;
      const answer = async (submission: { reply: typeof row.reply }, result: Outcome<unknown>) =>
        result.ok
          ? await redirectWithFlash(crudPath(section), adminFlash(DONE[intent]))
          : json(
              { intent, id: rowId, reply: submission.reply({ fieldErrors: modelErrors(result.errors) }) },
              { status: 400 },
            );
      // a delete sends no fields: only the model can refuse it (a row still in use)
      if (intent === 'delete') return answer(row, await models.delete(rowId, actor));
      const submission = parseForm(form, schema);
      if (submission.status !== 'success') {
        return json({ intent, id: rowId, reply: submission.reply() }, { status: 400 });
      }
      const { value } = submission;
      return answer(
        submission,
        intent === 'create' ? await models.create(value, actor) : await models.update(rowId, value, actor),
      );
    },
  };
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
  save: (value: z.output<S>) => Promise<Outcome<R>>,
  done: (result: R, value: z.output<S>) => { to: string; flash: string },
) {
  const submission = parseForm(form, schema);
  if (submission.status !== 'success') return json({ intent, reply: submission.reply() }, { status: 400 });
  const result = await save(submission.value);
  if (result.ok) {
    const { to, flash } = done(result.value, submission.value);
    return redirectWithFlash(to, flash);
  }
  const reply = submission.reply({ fieldErrors: modelErrors(result.errors) });
  return json({ intent, reply }, { status: 400 });
}
