// Open311 GeoReport v2: GET requests/{service_request_id}.{format} — one PAKN by its code, from the public record.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardPublicRead } from '~/auth/api-key.server';
import { splitFormat } from '~/domain/open311';
import { open311Errors, open311Response } from '~/exports/open311-response';
import { getOpen311Requests } from '~/models/open311.server';
import { getT } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = apiLocale(request);
  const t = getT(locale);
  const split = splitFormat(params.id ?? '');
  if (!split || !split.format) return open311Errors(split?.format ?? 'json', 404, [t('api.errors.notFound')]);
  const { name: code, format } = split;
  const guard = await guardPublicRead(request, context);
  if (!guard.ok) return open311Errors(format, guard.status, [guard.message], guard.headers);
  const found = await getOpen311Requests([code], locale);
  if (!found.length) return open311Errors(format, 404, [t('api.errors.notFound')]);
  return open311Response(format, 'service_requests', found);
}

export async function action({ request, params }: LoaderFunctionArgs) {
  const t = getT(apiLocale(request));
  return open311Errors(splitFormat(params.id ?? '')?.format ?? 'json', 405, [t('api.errors.method')], {
    Allow: 'GET',
  });
}
