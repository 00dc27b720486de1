// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over our PAKN: one service per field, the
// service definition's attributes for what the citizen form asks, and the mapping of a POST to the form's
// values, so the form's own schema (submission-schema.ts) judges it. Pure: no I/O, labels are i18n keys.
import { CATEGORIES, PAKN_TYPES, SUBJECTS, SUBMITTER_KINDS } from './pakn';
import { LIMITS } from './submission-schema';
import { isClosed, type Status } from './workflow';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The spec's defaults for GET requests: the last 90 days, at most 1000 results. */
export const OPEN311_DEFAULT_DAYS = 90;
export const OPEN311_MAX_RESULTS = 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** `requests.json` → { name: 'requests', format: 'json' }; null for an unknown format or a bad name. */
export function splitFormat(
  segment: string,
): { name: string; format: Open311Format } | { name: string; format: null } | null {
  const m = /^(.{1,120})\.([A-Za-z]{1,10})$/.exec(segment);
  if (!m) return null;
  const format = m[2]!.toLowerCase();
  return { name: m[1]!, format: format === 'json' || format === 'xml' ? format : null };
}

export type Open311Datatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export type AttributeDef = {
  code: string;
  /** the citizen form's field it fills */
  formField: string;
  datatype: Open311Datatype;
  required: boolean;
  /** i18n key of the description; list values are labelled by `${labelPrefix}.${key}` */
  descriptionKey: string;
  labelPrefix?: string;
  values?: readonly string[];
  maxLength?: number;
};

const desc = (code: string) => `api.open311.attribute.${code}`;

/** In the form's order; `order` in the service definition is the index + 1. */
export const OPEN311_ATTRIBUTES: readonly AttributeDef[] = [
  {
    code: 'type',
    formField: 'type',
    datatype: 'singlevaluelist',
    required: true,
    descriptionKey: desc('type'),
    labelPrefix: 'type',
    values: PAKN_TYPES,
  },
  {
    code: 'subject',
    formField: 'subject',
    datatype: 'singlevaluelist',
    required: true,
    descriptionKey: desc('subject'),
    labelPrefix: 'subject',
    values: SUBJECTS,
  },
  {
    code: 'category',
    formField: 'category',
    datatype: 'singlevaluelist',
    required: true,
    descriptionKey: desc('category'),
    labelPrefix: 'category',
    values: CATEGORIES.map(String),
  },
  {
    code: 'submitter_kind',
    formField: 'submitterKind',
    datatype: 'singlevaluelist',
    required: true,
    descriptionKey: desc('submitter_kind'),
    labelPrefix: 'submitterKind',
    values: SUBMITTER_KINDS,
  },
  {
    code: 'org_name',
    formField: 'orgName',
    datatype: 'string',
    required: false,
    descriptionKey: desc('org_name'),
    maxLength: LIMITS.orgName,
  },
  {
    code: 'representative',
    formField: 'representative',
    datatype: 'string',
    required: false,
    descriptionKey: desc('representative'),
    maxLength: LIMITS.representative,
  },
  {
    code: 'address',
    formField: 'address',
    datatype: 'string',
    required: true,
    descriptionKey: desc('address'),
    maxLength: LIMITS.address,
  },
  {
    code: 'title',
    formField: 'title',
    datatype: 'string',
    required: true,
    descriptionKey: desc('title'),
    maxLength: LIMITS.title,
  },
  {
    code: 'regulation_ref',
    formField: 'regulationRef',
    datatype: 'string',
    required: false,
    descriptionKey: desc('regulation_ref'),
    maxLength: LIMITS.regulationRef,
  },
  {
    code: 'consent',
    formField: 'consent',
    datatype: 'singlevaluelist',
    required: true,
    descriptionKey: desc('consent'),
    labelPrefix: 'api.open311.yesNo',
    values: ['true'],
  },
  {
    code: 'show_identity',
    formField: 'showIdentity',
    datatype: 'singlevaluelist',
    required: false,
    descriptionKey: desc('show_identity'),
    labelPrefix: 'api.open311.yesNo',
    values: ['true', 'false'],
  },
];

/** Where each of the form's fields comes from in an Open311 POST, to name it in an error. */
export const OPEN311_PARAM_OF_FIELD: Record<string, string> = {
  ...Object.fromEntries(OPEN311_ATTRIBUTES.map((a) => [a.formField, `attribute[${a.code}]`])),
  fullName: 'last_name',
  email: 'email',
  phone: 'phone',
  content: 'description',
  field: 'service_code',
};

export type Open311InputProblem =
  | { kind: 'attributeUnknown'; code: string }
  | { kind: 'attributeValue'; code: string; value: string }
  | { kind: 'mediaUrl' };

const MAX_PARAM = 20_000;

/**
 * The citizen form's values from an Open311 POST (`params`: every parameter, `attribute[code]` included), or the
 * problems only Open311 can have (an unknown attribute, a value outside a list). Everything else — required
 * fields, lengths, phone, e-mail, consent, categories — is left to the form's schema.
 * Vietnamese names put the family name first: full name = last_name + first_name.
 */
export function open311ToForm(
  params: Record<string, string>,
  fieldId: number,
): { ok: true; values: Record<string, string> } | { ok: false; problems: Open311InputProblem[] } {
  const problems: Open311InputProblem[] = [];
  const values: Record<string, string> = { field: String(fieldId) };
  const byCode = new Map(OPEN311_ATTRIBUTES.map((a) => [a.code, a]));
  for (const [name, raw] of Object.entries(params)) {
    const m = /^attribute\[(.*)\]$/.exec(name);
    if (!m) continue;
    const code = m[1]!.slice(0, 100);
    const def = byCode.get(code);
    if (!def) {
      problems.push({ kind: 'attributeUnknown', code });
      continue;
    }
    const value = raw.slice(0, MAX_PARAM);
    if (def.values && value !== '' && !def.values.includes(value)) {
      problems.push({ kind: 'attributeValue', code, value: value.slice(0, 100) });
      continue;
    }
    if (def.code === 'consent') {
      if (value === 'true') values.consent = 'on';
    } else if (def.code === 'show_identity') {
      if (value === 'true') values.showIdentity = 'on';
    } else if (value !== '') values[def.formField] = value;
  }
  if ((params.media_url ?? '').trim()) problems.push({ kind: 'mediaUrl' });
  if (problems.length) return { ok: false, problems };
  const fullName = [params.last_name, params.first_name]
    .map((v) => (v ?? '').slice(0, MAX_PARAM).trim())
    .filter(Boolean)
    .join(' ');
  if (fullName) values.fullName = fullName;
  for (const [param, field] of [
    ['email', 'email'],
    ['phone', 'phone'],
    ['description', 'content'],
  ] as const) {
    const v = params[param];
    if (v !== undefined && v !== '') values[field] = v.slice(0, MAX_PARAM);
  }
  return { ok: true, values };
}

/** Our statuses in Open311's two. */
export function open311Status(status: Status): 'open' | 'closed' {
  return isClosed(status) ? 'closed' : 'open';
}

/** An instant as ISO 8601 with Vietnam's offset (+07:00, no daylight saving), as Open311 examples show. */
export function isoVietnam(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return `${new Date(ms + 7 * 60 * 60 * 1000).toISOString().slice(0, 19)}+07:00`;
}

/** ISO 8601 date-time with a zone (or a plain date, read in Vietnam) → epoch ms; null if not one. */
export function parseIsoInstant(input: string): number | null {
  const v = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const ms = Date.parse(`${v}T00:00:00+07:00`);
    return Number.isNaN(ms) ? null : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return null;
  const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}

export type RequestsQuery =
  | { kind: 'ids'; codes: string[] }
  | {
      kind: 'search';
      serviceCodes: string[] | null;
      statuses: Array<'open' | 'closed'> | null;
      from: number;
      to: number;
    };

/** A refused parameter, and the rule it breaks when that is one of the dates': a bad date, too wide, the wrong way. */
export type QueryProblem = { name: string; rule?: 'date' | 'window' | 'order' };

/**
 * GET requests' parameters as the spec defines them: `service_request_id` (comma-separated) overrides all others;
 * otherwise `service_code` and `status` (comma-separated), `start_date` and `end_date` (ISO 8601; the window
 * defaults to the last 90 days and may not span more than 90 days).
 */
export function parseRequestsQuery(
  params: URLSearchParams,
  now: number,
): { ok: true; query: RequestsQuery } | { ok: false; problem: QueryProblem } {
  const list = (name: string) =>
    (params.get(name) ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  const ids = list('service_request_id');
  if (ids.length) {
    if (ids.length > OPEN311_MAX_RESULTS || ids.some((c) => c.length > 40))
      return { ok: false, problem: { name: 'service_request_id' } };
    return { ok: true, query: { kind: 'ids', codes: ids } };
  }
  const statuses = list('status');
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) return { ok: false, problem: { name: 'status' } };
  const serviceCodes = list('service_code');
  if (serviceCodes.length > 200 || serviceCodes.some((c) => c.length > 40))
    return { ok: false, problem: { name: 'service_code' } };
  const startRaw = params.get('start_date');
  const endRaw = params.get('end_date');
  const start = startRaw ? parseIsoInstant(startRaw) : null;
  const end = endRaw ? parseIsoInstant(endRaw) : null;
  if (startRaw && start === null) return { ok: false, problem: { name: 'start_date', rule: 'date' } };
  if (endRaw && end === null) return { ok: false, problem: { name: 'end_date', rule: 'date' } };
  const span = OPEN311_DEFAULT_DAYS * DAY_MS;
  const to = end ?? (start !== null ? Math.min(start + span, now) : now);
  const from = start ?? to - span;
  if (from > to || to - from > span)
    return {
      ok: false,
      problem: { name: start !== null ? 'start_date' : 'end_date', rule: from > to ? 'order' : 'window' },
    };
  return {
    ok: true,
    query: {
      kind: 'search',
      serviceCodes: serviceCodes.length ? serviceCodes : null,
      statuses: statuses.length ? (statuses as Array<'open' | 'closed'>) : null,
      from,
      to,
    },
  };
}
