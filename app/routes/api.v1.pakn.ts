// POST /api/v1/pakn (scope submit): a PAKN in the citizen form's own fields, registered through the form's path.
// JSON, or multipart/form-data with the JSON in a `payload` part and the files in `files` parts: the files go
// through the citizen form's checks (content sniffing, size, count, ClamAV when configured) and its messages.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiPost } from '~/auth/api-key.server';
import { splitMessage, submissionSchema } from '~/domain/submission-schema';
import { apiError, apiJson } from '~/exports/api-json';
import { getSetting } from '~/models/admin/settings.server';
import { IDEMPOTENCY_KEY_PATTERN, submitThroughApi } from '~/models/api-submissions.server';
import { listFields } from '~/models/config.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';
import {
  type FileProblem,
  parseSubmissionForm,
  removeUploads,
  type StoredUpload,
} from '~/utils/uploads.server';

type Body = { body: unknown; stored: StoredUpload[]; problems: FileProblem[]; tooManyParts: boolean };

/** The JSON body, or the `payload` part and the files of a multipart body; undefined when unreadable. */
async function readBody(request: Request): Promise<Body | undefined> {
  const none = { stored: [], problems: [], tooManyParts: false };
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const body: unknown = await request.json().catch(() => undefined);
    return { body, ...none };
  }
  const parsed = await parseSubmissionForm(request, {
    maxFiles: await getSetting('intake.maxAttachments'),
    maxBytes: (await getSetting('intake.maxFileMb')) * 1024 * 1024,
    existingFiles: 0,
  });
  if (!parsed) return undefined;
  const payload = parsed.form.get('payload');
  let body: unknown;
  try {
    body = typeof payload === 'string' ? JSON.parse(payload) : undefined;
  } catch {
    body = undefined;
  }
  return { body, stored: parsed.stored, problems: parsed.problems, tooManyParts: parsed.tooManyParts };
}

/** Only POST: any other method is refused (405) before the key is looked at. */
export function loader(args: LoaderFunctionArgs) {
  return action(args);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = apiLocale(request);
  const t = getT(locale);
  const guard = await guardApiPost({ request, context, scope: 'submit' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const idempotencyKey = request.headers.get('Idempotency-Key');
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    return apiError(400, t('api.errors.idempotencyKey'));
  const read = await readBody(request);
  const body = read?.body;
  const stored = read?.stored ?? [];
  if (!read || !body || typeof body !== 'object' || Array.isArray(body)) {
    removeUploads(stored);
    return apiError(400, t('api.errors.body'));
  }
  const checked = submissionSchema.safeParse(body);
  const fields: Array<{ field: string; message: string }> = [];
  const maxMb = await getSetting('intake.maxFileMb');
  const maxFiles = await getSetting('intake.maxAttachments');
  for (const p of read.problems)
    fields.push({
      field: 'files',
      message: t(`intake.errors.${p.key}`, { name: p.name, mb: maxMb, count: maxFiles }),
    });
  if (read.tooManyParts) fields.push({ field: 'files', message: t('intake.errors.tooManyFields') });
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
    !(await listFields()).some((f) => f.id === Number(fieldId))
  )
    if (!fields.some((f) => f.field === 'field'))
      fields.push({ field: 'field', message: t('intake.errors.field') });
  if (!checked.success || fields.length) {
    removeUploads(stored);
    // a scanner that cannot be reached is the portal's trouble, not the caller's: try again later
    const scannerDown =
      read.problems.length > 0 && read.problems.every((p) => p.key === 'fileScanUnavailable');
    return apiError(scannerDown ? 503 : 400, t('api.errors.invalidBody'), { fields });
  }
  let result;
  try {
    result = await submitThroughApi({
      apiKeyId: guard.key.id,
      idempotencyKey,
      data: checked.data,
      lang: locale,
      files: stored,
    });
  } catch (error) {
    removeUploads(stored);
    throw error;
  }
  // a replay registered nothing: the files sent again are not kept
  if (result.status !== 'created') removeUploads(stored);
  if (result.status === 'conflict') return apiError(422, t('api.errors.idempotencyConflict'));
  const statusUrl = `${getEnv().BASE_URL}/api/v1/pakn/${result.code}`;
  return apiJson(
    { code: result.code, replayed: result.status === 'replayed', statusUrl, attachments: result.attachments },
    result.status === 'created' ? { status: 201, headers: { Location: statusUrl } } : { status: 200 },
  );
}
