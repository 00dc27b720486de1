// POST /api/v1/intake (scope staff): a PAKN received on another channel (post, in person, phone, e-mail, hotline)
// with its real receipt date, through the staff intake page's schema (domain/staff-intake.ts) and recording
// (models/intake.server.ts).
// It is recorded in the name of the administrator who created the key (the accountable person); the call's audit
// entry names the key.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

import { apiLocale, guardApiPost } from '~/auth/api-key.server';
import { toLocalDate } from '~/domain/dates';
import { staffIntakeSchema } from '~/domain/staff-intake';
import { apiError, apiJson } from '~/exports/api-json';
import { apiKeyOwner } from '~/models/api-keys.server';
import { intakeEarliestDate, intakeFieldProblem, recordStaffIntake } from '~/models/intake.server';
import { parseForm, submittedValue, translateErrors } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getT } from '~/utils/i18n.server';

/** Only POST: any other method is refused (405) before the key is looked at. */
export function loader(args: LoaderFunctionArgs) {
  return action(args);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = apiLocale(request);
  const t = getT(locale);
  const guard = await guardApiPost({ request, context, scope: 'staff' });
  if (!guard.ok) return apiError(guard.status, guard.message, { headers: guard.headers });
  const owner = await apiKeyOwner(guard.key.id);
  if (!owner) return apiError(403, t('api.errors.noOwner'));
  const body: unknown = await request.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return apiError(400, t('api.errors.body'));
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' || typeof v === 'number') form.append(k, String(v));
    else if (v !== null && v !== undefined)
      return apiError(400, t('api.errors.badParameter', { name: k.slice(0, 100) }));
  }
  // the intake page's form and schema (app/domain/staff-intake.ts), its messages in the answer's `fields`
  const submission = parseForm(form, staffIntakeSchema(toLocalDate(new Date()), await intakeEarliestDate()));
  const field = await intakeFieldProblem(submittedValue(submission.payload, 'field') ?? '');
  if (submission.status !== 'success' || field) {
    const errors = {
      ...(submission.status === 'error' ? submission.error : {}),
      ...(field ? { field: [field] } : {}),
    };
    const { byField } = translateErrors(t, errors);
    const fields = Object.entries(byField).map(([name, message]) => ({ field: name, message }));
    return apiError(400, t('api.errors.invalidBody'), { fields });
  }
  const result = await recordStaffIntake({
    actor: owner,
    input: submission.value,
    lang: locale,
    ip: clientIp(context),
  });
  return apiJson({ code: result.code, emailed: result.emailed }, { status: 201 });
}
