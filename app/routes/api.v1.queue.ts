// GET /api/v1/queue (scope staff): the open PAKN, newest first, keyset pages.
import type { LoaderFunctionArgs } from '@remix-run/node';

import {
  apiLocale,
  guardApiCall,
  keyFromHeaders,
  readOnlyAction,
  refuseListParameter,
} from '~/auth/api-key.server';
import { queueQuerySchema } from '~/domain/api-v1';
import { apiError, apiJson } from '~/exports/api-json';
import { listQueue } from '~/models/api-v1.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'staff' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const locale = apiLocale(request);
  const query = queueQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refuseListParameter(request, query.error.issues[0]?.path[0], 200);
  return apiJson(
    await listQueue({
      cursor: query.data.cursor ? Number(query.data.cursor) : undefined,
      limit: query.data.limit,
      locale,
    }),
  );
}

export const action = readOnlyAction;
