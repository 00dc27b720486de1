// Anything else under /api/v1: a JSON 404 (or 405), not the site's HTML page.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale } from '~/auth/api-key.server';
import { apiError } from '~/exports/api-json';
import { getT } from '~/utils/i18n.server';

export function loader({ request }: LoaderFunctionArgs) {
  return apiError(404, getT(apiLocale(request))('api.errors.notFound'));
}

export function action({ request }: LoaderFunctionArgs) {
  return apiError(404, getT(apiLocale(request))('api.errors.notFound'));
}
