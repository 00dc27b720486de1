// Open311 GeoReport v2: GET services/{service_code}.{format}, the service definition (what the form asks).
import type { LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardPublicRead } from '~/auth/api-key.server';
import { OPEN311_ATTRIBUTES, splitFormat } from '~/domain/open311';
import { open311Errors, open311Response } from '~/exports/open311-response';
import { findFieldByCode } from '~/models/api-submissions.server';
import { getT } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const t = getT(apiLocale(request));
  const split = splitFormat(params.code ?? '');
  if (!split || !split.format) return open311Errors(split?.format ?? 'json', 404, [t('api.errors.notFound')]);
  const { name: code, format } = split;
  const guard = await guardPublicRead(request, context);
  if (!guard.ok) return open311Errors(format, guard.status, [guard.message], guard.headers);
  if (!(await findFieldByCode(code)))
    return open311Errors(format, 404, [t('api.errors.serviceUnknown', { code: code.slice(0, 100) })]);
  return open311Response(
    format,
    'service_definition',
    {
      service_code: code,
      attributes: OPEN311_ATTRIBUTES.map((a, i) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.maxLength ? t('api.open311.maxLength', { max: a.maxLength }) : null,
        order: i + 1,
        description: t(a.descriptionKey),
        ...(a.values ? { values: a.values.map((key) => ({ key, name: t(`${a.labelPrefix}.${key}`) })) } : {}),
      })),
    },
    { cache: 'public, max-age=300' },
  );
}

export async function action({ request, params }: LoaderFunctionArgs) {
  const t = getT(apiLocale(request));
  return open311Errors(splitFormat(params.code ?? '')?.format ?? 'json', 405, [t('api.errors.method')], {
    Allow: 'GET',
  });
}
