// POST /api/v1/pakn (scope submit): a PAKN in the citizen form's own fields, registered through the form's path.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiCall, keyFromHeaders } from '~/auth/api-key.server';
import { splitMessage, submissionSchema } from '~/domain/submission-schema';
import { apiError, apiJson } from '~/exports/api-json';
import { IDEMPOTENCY_KEY_PATTERN, submitThroughApi } from '~/models/api-submissions.server';
import { listFields } from '~/models/config.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';

export function loader({ request }: LoaderFunctionArgs) {
  return apiError(405, getT(apiLocale(request))('api.errors.method'), { headers: { Allow: 'POST' } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = apiLocale(request);
  const t = getT(locale);
  if (request.method !== 'POST') return apiError(405, t('api.errors.method'), { headers: { Allow: 'POST' } });
  const guard = guardApiCall({ request, context, token: keyFromHeaders(request), scope: 'submit' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const idempotencyKey = request.headers.get('Idempotency-Key');
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    return apiError(400, t('api.errors.idempotencyKey'));
  const body: unknown = await request.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return apiError(400, t('api.errors.body'));
  const checked = submissionSchema.safeParse(body);
  const fields: Array<{ field: string; message: string }> = [];
  if (!checked.success) {
    const seen = new Set<string>();
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (seen.has(field)) continue;
      seen.add(field);
      const [key, params] = splitMessage(issue.message);
      const message = t(`intake.errors.${key}`, params);
      fields.push({
        field,
        message: message === `intake.errors.${key}` ? t('intake.errors.invalid') : message,
      });
    }
  }
  const fieldId = (body as Record<string, unknown>).field;
  if (
    typeof fieldId === 'string' &&
    /^\d+$/.test(fieldId) &&
    !listFields().some((f) => f.id === Number(fieldId))
  )
    if (!fields.some((f) => f.field === 'field'))
      fields.push({ field: 'field', message: t('intake.errors.field') });
  if (!checked.success || fields.length) return apiError(400, t('api.errors.invalidBody'), { fields });
  const result = submitThroughApi({
    apiKeyId: guard.key.id,
    idempotencyKey,
    data: checked.data,
    lang: locale,
  });
  return apiJson(
    {
      code: result.code,
      replayed: result.status === 'replayed',
      statusUrl: `${getEnv().BASE_URL}/api/v1/pakn/${result.code}`,
    },
    { status: result.status === 'created' ? 201 : 200 },
  );
}
