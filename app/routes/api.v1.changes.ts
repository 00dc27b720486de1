// GET /api/v1/changes?cursor=… (scope read): status changes after a cursor, oldest first, for systems that poll.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiCall, keyFromHeaders, readOnlyAction } from '~/auth/api-key.server';
import { changesQuerySchema } from '~/domain/api-v1';
import { apiError, apiJson } from '~/exports/api-json';
import { listChanges } from '~/models/api-v1.server';
import { getT } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'read' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const query = changesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const name = query.error.issues[0]?.path[0] === 'limit' ? 'limit' : 'cursor';
    const t = getT(apiLocale(request));
    return apiError(400, t('api.errors.badParameter', { name }), {
      fields: [{ field: name, message: t(`api.errors.paramRule.${name}`, { max: 500 }) }],
    });
  }
  return apiJson(
    await listChanges({ cursor: Number(query.data.cursor ?? 0), limit: query.data.limit ?? 100 }),
  );
}

export const action = readOnlyAction;
