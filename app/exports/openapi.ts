// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas of app/domain/api-v1.ts.
import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

import {
  apiErrorSchema,
  changesQuerySchema,
  changesSchema,
  fieldsSchema,
  intakeResultSchema,
  paknStatusSchema,
  queueQuerySchema,
  queueSchema,
  submitBodySchema,
  submitMultipartSchema,
  submitResultSchema,
} from '~/domain/api-v1';
import enApi from '~/locales/en/api';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), json(apiErrorSchema, ERROR_TEXT[s] ?? 'Error')]));
const ERROR_TEXT: Record<number, string> = {
  400: 'The request is invalid (see error.fields)',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key lacks the scope',
  404: 'No such PAKN',
  405: 'Another method than the endpoint takes (Allow names it)',
  411: 'No Content-Length: a body must state its length (a chunked body is refused)',
  413: 'The body is over 60 MB',
  422: 'The Idempotency-Key was used before for a different request: nothing registered',
  429: 'Over the key’s rate limit (Retry-After)',
  503: 'The virus scanner is unreachable: a file could not be checked, try again later',
};

/**
 * Every operation's id: the integrators' page names each operation in the reader's language by it, and the
 * document's summaries are the English ones of app/locales/en/api.ts.
 */
export const OPERATIONS = [
  'listFields',
  'submitPakn',
  'readPakn',
  'listChanges',
  'listQueue',
  'recordIntake',
] as const;
export type OperationId = (typeof OPERATIONS)[number];
export function isOperationId(id: unknown): id is OperationId {
  return OPERATIONS.some((op) => op === id);
}

/** `intake`: the staff intake's form schema (domain/staff-intake.ts staffIntakeFields), passed in by the route. */
export function openApiDocument(baseUrl: string, { intake }: { intake: z.ZodTypeAny }) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Authorization: Bearer pakn_… (or the header X-Api-Key)',
  });
  const security = (scope: string) => [{ [bearer.name]: [scope] }];
  registry.registerPath({
    method: 'get',
    path: '/fields',
    operationId: 'listFields',
    summary: enApi.docs.operations.listFields,
    security: security('submit'),
    responses: { 200: json(fieldsSchema, 'The active fields'), ...errors(401, 403, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: '/pakn',
    operationId: 'submitPakn',
    summary: enApi.docs.operations.submitPakn,
    description:
      'Registers a PAKN exactly as the citizen form does: same validation, code, deadlines and receipt e-mail. Send `Idempotency-Key` (1–100 visible ASCII characters, no spaces) to make retries safe: a replay answers the same code, and the key sent again with a different request is refused (422). With files, send multipart/form-data: the JSON body in a `payload` part and each file in a `files` part; files go through the citizen form’s checks (type by content, size, count, virus scan when configured).',
    security: security('submit'),
    request: {
      headers: z.object({}).passthrough(),
      body: {
        content: {
          'application/json': { schema: submitBodySchema },
          'multipart/form-data': { schema: submitMultipartSchema },
        },
      },
    },
    responses: {
      201: json(submitResultSchema, 'Registered; the Location header is its statusUrl'),
      200: json(submitResultSchema, 'Already registered by an earlier call with this Idempotency-Key'),
      ...errors(400, 401, 403, 405, 411, 413, 422, 429, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/pakn/{code}',
    operationId: 'readPakn',
    summary: enApi.docs.operations.readPakn,
    security: security('read'),
    request: { params: z.object({ code: z.string().openapi({ example: 'KHCN-2026-000042' }) }) },
    responses: { 200: json(paknStatusSchema, 'The PAKN'), ...errors(401, 403, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/changes',
    operationId: 'listChanges',
    summary: enApi.docs.operations.listChanges,
    security: security('read'),
    request: { query: changesQuerySchema },
    responses: { 200: json(changesSchema, 'The changes'), ...errors(400, 401, 403, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/queue',
    operationId: 'listQueue',
    summary: enApi.docs.operations.listQueue,
    security: security('staff'),
    request: { query: queueQuerySchema },
    responses: { 200: json(queueSchema, 'One page of the queue'), ...errors(400, 401, 403, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: '/intake',
    operationId: 'recordIntake',
    summary: enApi.docs.operations.recordIntake,
    description:
      'The staff intake form’s fields and rules (channel post, in_person, phone, email or hotline; receivedDate YYYY-MM-DD). Recorded in the name of the administrator who created the key; the receipt e-mail goes when an e-mail address is given.',
    security: security('staff'),
    request: { body: { content: { 'application/json': { schema: intake.openapi('StaffIntake') } } } },
    responses: {
      201: json(intakeResultSchema, 'Registered'),
      ...errors(400, 401, 403, 405, 411, 413, 429),
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cổng PAKN — API',
      version: '1.0.0',
      description:
        'The JSON API of the PAKN portal for agency systems. Keys are issued by the agency’s administrators (Quản trị → Khóa API) or with `npm run apikey:create`. Open311 GeoReport v2 is served at /open311/v2.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
  });
}
