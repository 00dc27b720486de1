// The one error of a staff step: an HTTP status and an i18n key, which routes translate.

/** Carries the HTTP status and an i18n key; routes turn it into `json({ message }, { status })`. */
export class WorkflowError extends Error {
  constructor(
    public readonly status: 400 | 403 | 404 | 409,
    public readonly messageKey: string,
    public readonly params: Record<string, string | number> = {},
    /** field → i18n key (optionally `key|max`), for 400s shown next to the field */
    public readonly fieldErrors?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = 'WorkflowError';
  }
}

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** Translates a WorkflowError; `action` and `status` parameters are themselves translated. */
export function workflowErrorMessage(err: WorkflowError, t: Translate) {
  const params: Record<string, unknown> = { ...err.params };
  if (typeof params.action === 'string') params.action = t(`staff.actions.${params.action}`);
  if (typeof params.status === 'string') params.status = t(`staff.status.${params.status}`);
  const message = t(err.messageKey, params);
  return typeof err.params.code === 'string' && err.messageKey !== 'staff.errors.bulkItem'
    ? `${err.params.code}: ${message}`
    : message;
}

/** Translates a field error key, with its `|n` parameter. */
export function fieldErrorMessage(key: string, t: Translate) {
  const [k = 'staff.errors.invalid', param] = key.split('|');
  return t(k, param ? { max: param } : {});
}
