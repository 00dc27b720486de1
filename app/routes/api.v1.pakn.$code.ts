// GET /api/v1/pakn/{code} (scope read): a PAKN's status and, once published, its public answer.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiCall, keyFromHeaders, readOnlyAction } from '~/auth/api-key.server';
import { apiError, apiJson } from '~/exports/api-json';
import { getPaknStatus } from '~/models/api-v1.server';
import { getT } from '~/utils/i18n.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'read' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const locale = apiLocale(request);
  const found = await getPaknStatus((params.code ?? '').slice(0, 60), locale);
  return found ? apiJson(found) : apiError(404, getT(locale)('api.errors.notFound'));
}

export const action = readOnlyAction;
