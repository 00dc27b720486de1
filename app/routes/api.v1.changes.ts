// GET /api/v1/changes?cursor=… (scope read): status changes after a cursor, oldest first, for systems that poll.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { guardApiCall, keyFromHeaders, readOnlyAction, refuseListParameter } from '~/auth/api-key.server';
import { changesQuerySchema } from '~/domain/api-v1';
import { apiError, apiJson } from '~/exports/api-json';
import { listChanges } from '~/models/api-v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'read' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const query = changesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refuseListParameter(request, query.error.issues[0]?.path[0], 500);
  return apiJson(
    await listChanges({ cursor: Number(query.data.cursor ?? 0), limit: query.data.limit ?? 100 }),
  );
}

export const action = readOnlyAction;
