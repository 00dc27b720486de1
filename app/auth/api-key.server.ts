// The request side of API keys: where a key is read from, the client's language, and the guard that authorizes a
// call (scope, per-key rate limit, audit) and says what to answer when it is refused.
import type { ApiScope } from '~/domain/api-scopes';
import { fixedLimit } from '~/domain/rate-limits';
import { apiError } from '~/exports/api-json';
import type { Locale } from '~/i18n';
import { type ApiCaller, authorizeApiCall } from '~/models/api-keys.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

/** English when the client prefers it (Accept-Language), else the site's language choice (cookie, Vietnamese). */
export function apiLocale(request: Request): Locale {
  const first = (request.headers.get('Accept-Language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('vi')) return 'vi';
  return getLocale(request);
}

/** `Authorization: Bearer …` or `X-Api-Key: …` (the JSON API); Open311 passes `api_key` as a parameter. */
export function keyFromHeaders(request: Request): string | null {
  const auth = request.headers.get('Authorization') ?? '';
  const bearer = /^Bearer\s+(\S{1,200})$/i.exec(auth.trim());
  if (bearer) return bearer[1]!;
  const header = request.headers.get('X-Api-Key')?.trim();
  return header ? header.slice(0, 200) : null;
}

export type GuardResult =
  | { ok: true; key: ApiCaller }
  | { ok: false; status: 401 | 403 | 429; message: string; headers: Record<string, string> };

export async function guardApiCall({
  request,
  context,
  token,
  scope,
}: {
  request: Request;
  context: unknown;
  token: string | null;
  scope: ApiScope;
}): Promise<GuardResult> {
  const url = new URL(request.url);
  const result = await authorizeApiCall({
    token,
    scope,
    call: { method: request.method, path: url.pathname, ip: clientIp(context) },
  });
  if (result.ok) return result;
  const t = getT(apiLocale(request));
  if (result.status === 401)
    return {
      ok: false,
      status: 401,
      // each interface names where its key goes: the api_key parameter for Open311, the header for the JSON API
      message: t(
        result.reason !== 'missing'
          ? 'api.errors.keyInvalid'
          : url.pathname.startsWith('/open311/')
            ? 'api.errors.keyMissing'
            : 'api.errors.keyMissingHeader',
      ),
      headers: {},
    };
  if (result.status === 403)
    return { ok: false, status: 403, message: t('api.errors.scope', { scope }), headers: {} };
  return {
    ok: false,
    status: 429,
    message: t('api.errors.rateLimited', { seconds: result.retryAfterSeconds }),
    headers: { 'Retry-After': String(result.retryAfterSeconds) },
  };
}

/** A write of the JSON API: 405 for any method but POST, then guardApiCall with the key of the headers. */
export async function guardApiPost({
  request,
  context,
  scope,
}: {
  request: Request;
  context: unknown;
  scope: ApiScope;
}): Promise<GuardResult | { ok: false; status: 405; message: string; headers: Record<string, string> }> {
  if (request.method !== 'POST') {
    const message = getT(apiLocale(request))('api.errors.method');
    return { ok: false, status: 405, message, headers: { Allow: 'POST' } };
  }
  return guardApiCall({ request, context, token: keyFromHeaders(request), scope });
}

/**
 * The action of an endpoint that only reads: any method but GET (and HEAD, which Remix answers with the loader) is
 * refused with the API's own 405 before the key is looked at, rather than Remix's "no action" error.
 */
export function readOnlyAction({ request }: { request: Request }): Response {
  return apiError(405, getT(apiLocale(request))('api.errors.method'), { headers: { Allow: 'GET' } });
}

/**
 * A list endpoint's refused query parameter (`cursor` or `limit`, from its zod issue): a 400 that names it and the
 * rule it breaks in `error.fields`. `maxLimit` is the endpoint's largest page.
 */
export function refuseListParameter(request: Request, issuePath: unknown, maxLimit: number): Response {
  const name = issuePath === 'limit' ? 'limit' : 'cursor';
  const t = getT(apiLocale(request));
  return apiError(400, t('api.errors.badParameter', { name }), {
    fields: [{ field: name, message: t(`api.errors.paramRule.${name}`, { max: maxLimit }) }],
  });
}

/** Reads without a key: counted per client address (a generous limit; a key's own limit applies with a key). */
export const ANONYMOUS_READS_PER_MINUTE = fixedLimit('api-anon');

export async function anonymousReadAllowed(
  request: Request,
  context: unknown,
): Promise<{ ok: true } | { ok: false; message: string; retryAfter: number }> {
  const limit = await hitRateLimit({ bucket: 'api-anon', key: clientIp(context) });
  if (limit.allowed) return { ok: true };
  return {
    ok: false,
    message: getT(apiLocale(request))('api.errors.rateLimited', { seconds: limit.retryAfterSeconds }),
    retryAfter: limit.retryAfterSeconds,
  };
}

/** Open311's reads are public: with a key, the key's scope `read`, limit and audit; without, the address's limit. */
export async function guardPublicRead(
  request: Request,
  context: unknown,
): Promise<GuardResult | { ok: true; key: null }> {
  const token = new URL(request.url).searchParams.get('api_key') || keyFromHeaders(request);
  if (token) return guardApiCall({ request, context, token, scope: 'read' });
  const allowed = await anonymousReadAllowed(request, context);
  if (allowed.ok) return { ok: true, key: null };
  return {
    ok: false,
    status: 429,
    message: allowed.message,
    headers: { 'Retry-After': String(allowed.retryAfter) },
  };
}
