// The create / update / delete action shared by the admin list pages (units, fields, keywords, agencies):
// a guarded action (the permission first), so it lives with the guards, not in utils/.
import { json, redirect } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import type { Permission } from '~/domain/permissions';
import {
  type Actor,
  formToValues,
  type Outcome,
  parseId,
  translateErrors,
} from '~/models/admin-config.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

type Values = Record<string, string | string[]>;
type Handlers = {
  create: (values: Values, actor: Actor) => Outcome<unknown>;
  update: (id: number, values: Values, actor: Actor) => Outcome<unknown>;
  delete: (id: number, actor: Actor) => Outcome<unknown>;
};

const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

export async function crudAction(
  { request, context }: { request: Request; context: unknown },
  { permission, path, handlers }: { permission: Permission; path: string; handlers: Handlers },
) {
  const user = await requirePermission(request, permission);
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToValues(form);
  const intent = String(values.intent ?? '');
  const id = parseId(values.id) ?? 0;
  const actor = { userId: user.id, ip: clientIp(context) };
  const result =
    intent === 'create'
      ? handlers.create(values, actor)
      : intent === 'update'
        ? handlers.update(id, values, actor)
        : intent === 'delete'
          ? handlers.delete(id, actor)
          : null;
  if (!result) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  if (result.ok) return redirect(`${path}?ok=${DONE[intent as keyof typeof DONE]}`);
  return json({ intent, id, values, errors: translateErrors(t, result.errors) }, { status: 400 });
}
