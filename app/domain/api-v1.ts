// The JSON API /api/v1: its request and response schemas (zod), from which the OpenAPI 3.1 document is generated
// (app/exports/openapi.ts). A submission's body IS the citizen form's schema (submission-schema.ts): same fields,
// same rules, same messages.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

import { API_SCOPES } from './api-scopes';
import { CHANNELS } from './pakn';
import { submissionSchema } from './submission-schema';
import { STATUSES } from './workflow';

extendZodWithOpenApi(z);

export const PUBLIC_STATUS_KEYS = [
  'received',
  'processing',
  'awaiting_info',
  'keep_studying',
  'answered',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closed_no_info',
] as const;

export const apiErrorSchema = z
  .object({
    error: z.object({
      status: z.number().int().openapi({ example: 401 }),
      message: z.string().openapi({ example: 'API key invalid or revoked' }),
      fields: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .openapi({ description: 'For 400: each field of the body refused, with the form’s own message' }),
    }),
  })
  .openapi('Error');

export const submitBodySchema = submissionSchema.openapi('Submission', {
  description:
    'The citizen form’s fields, as strings. `category` is 1 (delay, harassment, failure to act: `subject` "behaviour") or 2–8 (the regulation: `subject` "regulation"), 7 (a proposed solution) and 8 (an initiative for a new regulation) for `type` "kien_nghi" only; the names are in GET /open311/v2/services/{code}.json. `field` is a field id from GET /api/v1/fields (or "unknown"); `consent` must be "on"; `showIdentity` "on" publishes the name with the answer.',
});

/** POST /pakn as multipart/form-data: the same JSON body in a `payload` part, and the files. */
export const submitMultipartSchema = z
  .object({
    payload: z.string().openapi({
      description: 'The Submission object as JSON text (the body of an application/json call)',
      example: '{"type":"kien_nghi","subject":"regulation","category":"2","…":"…"}',
    }),
    files: z
      .array(z.string().openapi({ format: 'binary' }))
      .optional()
      .openapi({
        description:
          'Up to the agency’s limit of files (setting intake.maxAttachments, default 5) of at most intake.maxFileMb MB each (default 10): PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, recognised by their content. Each refused file is reported in error.fields with field "files"; nothing is registered then.',
      }),
  })
  .openapi('SubmissionWithFiles');

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ format: 'date', example: '2026-03-16' });
const instant = z.string().openapi({ format: 'date-time', example: '2026-03-02T09:30:00+07:00' });
const code = z.string().openapi({ example: 'KHCN-2026-000042' });

export const submitResultSchema = z
  .object({
    code,
    replayed: z
      .boolean()
      .openapi({ description: 'true when an earlier call with the same Idempotency-Key made it' }),
    statusUrl: z.string().openapi({ example: 'https://pakn.example.vn/api/v1/pakn/KHCN-2026-000042' }),
    attachments: z.number().int().openapi({ description: 'Files attached to the PAKN (multipart only)' }),
  })
  .openapi('SubmitResult');

export const fieldsSchema = z
  .object({ fields: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })) })
  .openapi('Fields');

export const paknStatusSchema = z
  .object({
    code,
    status: z.enum(PUBLIC_STATUS_KEYS).openapi({ description: 'The status as the public sees it' }),
    statusLabel: z.string(),
    open: z.boolean(),
    receivedAt: instant,
    dueDate: date.nullable().openapi({ description: 'The answer’s due date while it applies' }),
    field: z.object({ code: z.string(), name: z.string() }).nullable(),
    responsible: z.string().openapi({ description: 'The unit handling it, else the agency' }),
    publicAnswer: z
      .object({
        title: z.string(),
        summary: z.string(),
        answer: z.string(),
        publishedAt: instant,
        url: z.string(),
      })
      .nullable()
      .openapi({ description: 'The published (redacted) answer; null until published' }),
  })
  .openapi('PaknStatus');

export const changesSchema = z
  .object({
    changes: z.array(
      z.object({
        cursor: z.string(),
        code,
        status: z.enum(PUBLIC_STATUS_KEYS),
        open: z.boolean(),
        at: instant,
      }),
    ),
    nextCursor: z.string().openapi({ description: 'Pass as `cursor` to get the changes after these' }),
  })
  .openapi('Changes');

export const changesQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .openapi({ description: 'The nextCursor of the previous call; none = from the beginning' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: '1–500, default 100' }),
});

export const queueSchema = z
  .object({
    items: z.array(
      z.object({
        code,
        status: z.enum(STATUSES),
        title: z.string(),
        channel: z.enum(CHANNELS),
        receivedDate: date,
        stepDue: date.nullable(),
        unit: z.string().nullable(),
        field: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('Queue');

export const queueQuerySchema = z.object({
  // ids start at 1: 0 is no page's cursor (it would give the first page again, and a client paging down would loop)
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,11}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const intakeResultSchema = z
  .object({ code, emailed: z.boolean().openapi({ description: 'A receipt e-mail was queued' }) })
  .openapi('IntakeResult');

export const API_V1_SCOPES = API_SCOPES;
