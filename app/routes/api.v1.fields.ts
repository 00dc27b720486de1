// GET /api/v1/fields (scope submit): the fields a PAKN can be filed under (the form's `field` values).
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiCall, keyFromHeaders, readOnlyAction } from '~/auth/api-key.server';
import { localName } from '~/domain/local-name';
import { apiError, apiJson } from '~/exports/api-json';
import { listFields } from '~/models/config.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'submit' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const locale = apiLocale(request);
  return apiJson({
    fields: (await listFields()).map((f) => ({ id: f.id, code: f.code, name: localName(f, locale) })),
  });
}

export const action = readOnlyAction;
