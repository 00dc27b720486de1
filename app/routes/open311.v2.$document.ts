// Open311 GeoReport v2: GET discovery.{json|xml}, services.{format}, requests.{format}; POST requests.{format}.
// The specification: https://wiki.open311.org/GeoReport_v2 (see docs/open311.md for what is supported).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiCall, guardPublicRead, keyFromHeaders } from '~/auth/api-key.server';
import {
  OPEN311_DEFAULT_DAYS,
  type Open311Format,
  open311ToForm,
  parseRequestsQuery,
  splitFormat,
} from '~/domain/open311';
import { describeFormIssues, describeOpen311Problems } from '~/domain/open311-errors';
import { submissionSchema } from '~/domain/submission-schema';
import { open311Errors, open311Response } from '~/exports/open311-response';
import { findFieldByCode, IDEMPOTENCY_KEY_PATTERN, submitThroughApi } from '~/models/api-submissions.server';
import { getAgency } from '~/models/config.server';
import {
  getOpen311Requests,
  listOpen311Services,
  searchOpen311Requests,
  unknownServiceCodes,
} from '~/models/open311.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';

/** When this interface last changed (the discovery document's `changeset`). */
const CHANGESET = '2026-12-04 00:00';
const DOCUMENTS = ['discovery', 'services', 'requests'];

function target(request: Request, segment: string | undefined) {
  const t = getT(apiLocale(request));
  const split = splitFormat(segment ?? '');
  const format: Open311Format = split?.format ?? 'json';
  if (!split || !DOCUMENTS.includes(split.name))
    return { ok: false as const, response: open311Errors(format, 404, [t('api.errors.notFound')]) };
  if (!split.format)
    return {
      ok: false as const,
      response: open311Errors('json', 404, [
        t('api.errors.format', { format: segment?.split('.').pop() ?? '' }),
      ]),
    };
  return { ok: true as const, name: split.name, format: split.format, t };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const doc = target(request, params.document);
  if (!doc.ok) return doc.response;
  const { name, format, t } = doc;
  const locale = apiLocale(request);
  const url = new URL(request.url);
  const guard = await guardPublicRead(request, context);
  if (!guard.ok) return open311Errors(format, guard.status, [guard.message], guard.headers);
  if (name === 'discovery') {
    const agency = await getAgency();
    const base = getEnv().BASE_URL;
    return open311Response(
      format,
      'discovery',
      {
        changeset: CHANGESET,
        contact: t('api.open311.contact', { email: agency.email, hotline: agency.hotline }),
        key_service: t('api.open311.keyService', { url: `${base}/api/v1/docs` }),
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${base}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      },
      { cache: 'public, max-age=300' },
    );
  }
  if (name === 'services') {
    return open311Response(format, 'services', await listOpen311Services(locale), {
      cache: 'public, max-age=300',
    });
  }
  const parsed = parseRequestsQuery(url.searchParams, Date.now());
  if (!parsed.ok) {
    const { name, rule } = parsed.problem;
    const why = rule ? ` (${t(`api.errors.dateRule.${rule}`, { days: OPEN311_DEFAULT_DAYS })})` : '';
    return open311Errors(format, 400, [`${t('api.errors.badParameter', { name })}${why}`]);
  }
  const query = parsed.query;
  if (query.kind === 'ids')
    return open311Response(format, 'service_requests', await getOpen311Requests(query.codes, locale));
  const unknown = query.serviceCodes ? await unknownServiceCodes(query.serviceCodes) : [];
  if (unknown.length)
    return open311Errors(
      format,
      400,
      unknown.map((code) => t('api.errors.serviceUnknown', { code })),
    );
  return open311Response(format, 'service_requests', await searchOpen311Requests(query, locale));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const doc = target(request, params.document);
  if (!doc.ok) return doc.response;
  const { name, format, t } = doc;
  if (name !== 'requests' || request.method !== 'POST')
    return open311Errors(format, 405, [t('api.errors.method')], {
      Allow: name === 'requests' ? 'GET, POST' : 'GET',
    });
  const form = await request.formData().catch(() => null);
  if (!form) return open311Errors(format, 400, [t('api.errors.body')]);
  const values: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) values[k] ??= v;
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string')
      return open311Errors(format, 400, [t('api.errors.badParameter', { name: k.slice(0, 100) })]);
    values[k] = v;
  }
  const guard = await guardApiCall({
    request,
    context,
    token: values.api_key || keyFromHeaders(request),
    scope: 'submit',
  });
  if (!guard.ok) return open311Errors(format, guard.status, [guard.message], guard.headers);
  const idempotencyKey = request.headers.get('Idempotency-Key');
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    return open311Errors(format, 400, [t('api.errors.idempotencyKey')]);
  const serviceCode = (values.service_code ?? '').trim();
  if (!serviceCode) return open311Errors(format, 400, [t('api.errors.serviceRequired')]);
  const field = await findFieldByCode(serviceCode);
  if (!field)
    return open311Errors(format, 400, [t('api.errors.serviceUnknown', { code: serviceCode.slice(0, 100) })]);
  const mapped = open311ToForm(values, field.id);
  if (!mapped.ok) return open311Errors(format, 400, describeOpen311Problems(mapped.problems, t));
  const checked = submissionSchema.safeParse(mapped.values);
  if (!checked.success) return open311Errors(format, 400, describeFormIssues(checked.error.issues, t));
  const result = await submitThroughApi({
    apiKeyId: guard.key.id,
    idempotencyKey,
    data: checked.data,
    lang: apiLocale(request),
  });
  if (result.status === 'conflict') return open311Errors(format, 422, [t('api.errors.idempotencyConflict')]);
  return open311Response(format, 'service_requests', [
    {
      service_request_id: result.code,
      service_notice: t('api.open311.notice', { code: result.code }),
      account_id: null,
    },
  ]);
}
