// The PostgreSQL twin of db/schema.ts, table by table: the same table, column, index and constraint names and
// the SAME stored values, so the model code reads and writes both alike (docs/decisions/0017-postgresql-schema.md):
// instants are epoch milliseconds in a bigint (read as Date, as drizzle's timestamp_ms mode does on SQLite),
// booleans are 0/1 in an integer (raw SQL such as `= 1` keeps working), JSON is text, enums are text with the
// same lists. Ids are identities (by default, so db:copy can keep them). tests/unit/schema-parity.test.ts fails
// when the two drift: change both, then `npx drizzle-kit generate --config drizzle-pg.config.ts`.
import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import {
  CHANNELS,
  OUTCOMES,
  PAKN_TYPES,
  RATINGS,
  REFUSAL_REASONS,
  SUBJECTS,
  SUBMITTER_KINDS,
} from '~/domain/pakn';
import { ROLES } from '~/domain/permissions';
import { PRIVACY_REQUEST_KINDS } from '~/domain/privacy-request';
import { STATUSES } from '~/domain/workflow';

/** An instant: epoch milliseconds in a bigint, a Date in TypeScript (SQLite's integer timestamp_ms). */
const epochMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  // node-postgres returns int8 as a string (it may not fit a double; epoch milliseconds always do)
  fromDriver: (value) => new Date(Number(value)),
});

/** A boolean stored as 0/1 in an integer (SQLite's integer boolean mode). */
const flag = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => value === 1,
});

const createdAt = () =>
  epochMs('created_at')
    .notNull()
    .default(sql`(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)`);

/** The agency running this portal (one row). */
export const agency = pgTable('agency', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  parentName: text('parent_name').notNull().default(''),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  hotline: text('hotline').notNull(),
  email: text('email').notNull(),
  website: text('website').notNull().default(''),
  officeHours: text('office_hours').notNull(),
  officeHoursEn: text('office_hours_en').notNull(),
  codePrefix: text('code_prefix').notNull(),
  province: text('province').notNull().default(''),
  signerTitle: text('signer_title').notNull().default(''),
  signerName: text('signer_name').notNull().default(''),
  updatedAt: epochMs('updated_at'),
});

export const units = pgTable('units', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  email: text('email').notNull(),
  active: flag('active')
    .notNull()
    .default(sql`1`),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Lĩnh vực: the subject areas of the agency; each has a default unit for routing. */
export const fields = pgTable('fields', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  defaultUnitId: integer('default_unit_id').references(() => units.id),
  active: flag('active')
    .notNull()
    .default(sql`1`),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const routingKeywords = pgTable('routing_keywords', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  keyword: text('keyword').notNull(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
});

/** Competent agencies a PAKN outside our competence can be transferred to. */
export const externalAgencies = pgTable('external_agencies', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  email: text('email').notNull().default(''),
  note: text('note').notNull().default(''),
  active: flag('active')
    .notNull()
    .default(sql`1`),
});

export const deadlineRules = pgTable('deadline_rules', {
  key: text('key').primaryKey(),
  days: integer('days').notNull(),
  unit: text('unit', { enum: ['working', 'calendar'] }).notNull(),
  basis: text('basis').notNull(),
});

/** Official days off and make-up working days on top of the holiday library. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['off', 'work'] }).notNull(),
  note: text('note').notNull(),
});

/** [policy] values an agency can change, JSON-encoded. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const codeSequences = pgTable('code_sequences', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const pakn = pgTable(
  'pakn',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    type: text('type', { enum: PAKN_TYPES }).notNull(),
    subject: text('subject', { enum: SUBJECTS }).notNull(),
    category: integer('category').notNull(),
    submitterKind: text('submitter_kind', { enum: SUBMITTER_KINDS }).notNull(),
    orgName: text('org_name'),
    representative: text('representative'),
    fullName: text('full_name').notNull(),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    regulationRef: text('regulation_ref'),
    fieldId: integer('field_id').references(() => fields.id),
    unitId: integer('unit_id').references(() => units.id),
    status: text('status', { enum: STATUSES }).notNull().default('received'),
    channel: text('channel', { enum: CHANNELS }).notNull().default('online'),
    lang: text('lang', { enum: ['vi', 'en'] })
      .notNull()
      .default('vi'),
    receivedAt: epochMs('received_at').notNull(),
    receivedDate: text('received_date').notNull(),
    classifyDue: text('classify_due').notNull(),
    answerDue: text('answer_due').notNull(),
    /** publish the answer by this date (spec §6: N working days after it is signed); set when answered */
    publishDue: text('publish_due'),
    /** the submitter's additional information is awaited until this date (then R03); set on each request */
    infoDue: text('info_due'),
    /**
     * The due date of the clock running in the current status (app/domain/clocks.ts runningClock): classify
     * while received, the information wait while awaiting_info, publication while answered and unpublished,
     * the answer otherwise while open; NULL when no clock runs. Generated, so no write can forget it, and
     * indexed, so "overdue" and "due soon" are index ranges.
     */
    stepDue: text('step_due').generatedAlwaysAs(
      sql`(CASE WHEN status = 'received' THEN classify_due WHEN status = 'awaiting_info' THEN info_due WHEN status = 'answered' THEN (CASE WHEN publication = 'none' THEN publish_due END) WHEN status IN ('assigned', 'in_progress', 'drafted', 'awaiting_approval', 'returned', 'keep_studying') THEN answer_due END)`,
    ),
    extendedTo: text('extended_to'),
    consentAt: epochMs('consent_at'),
    showIdentity: flag('show_identity')
      .notNull()
      .default(sql`0`),
    accessTokenHash: text('access_token_hash').notNull(),
    duplicateOfId: integer('duplicate_of_id'),
    refusalReason: text('refusal_reason', { enum: REFUSAL_REASONS }),
    transferAgencyId: integer('transfer_agency_id').references(() => externalAgencies.id),
    /** the handler who took it in their unit */
    handlerUserId: integer('handler_user_id'),
    /** when the PAKN was answered (approved), for on-time figures */
    answeredAt: epochMs('answered_at'),
    /** publication (issue #4): none → published → withdrawn */
    publication: text('publication', { enum: ['none', 'published', 'withdrawn'] })
      .notNull()
      .default('none'),
    publicTitle: text('public_title'),
    publicSummary: text('public_summary'),
    /** the answer text as published, redacted */
    publicAnswer: text('public_answer'),
    publishedAt: epochMs('published_at'),
    withdrawnReason: text('withdrawn_reason'),
    /** answered by its due date (with pauses and extension), fixed when answered */
    onTime: flag('on_time'),
    /** folded (no diacritics, đ→d, lower-case) code, title, content and submitter, for search */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at'),
    closedAt: epochMs('closed_at'),
    /** the group answered together (issue #15, pakn_groups); no FK: pakn_groups already points here */
    groupId: integer('group_id'),
  },
  (t) => [
    index('pakn_group_idx').on(t.groupId),
    index('pakn_status_due_idx').on(t.status, t.answerDue),
    index('pakn_unit_status_due_idx').on(t.unitId, t.status, t.answerDue),
    index('pakn_received_idx').on(t.receivedAt),
    index('pakn_due_idx').on(t.answerDue),
    index('pakn_step_due_idx').on(t.stepDue),
    index('pakn_unit_step_due_idx').on(t.unitId, t.stepDue),
    // the queue's "mine" tab: a handler's own PAKN by due date
    index('pakn_handler_due_idx').on(t.handlerUserId, t.answerDue),
    index('pakn_published_idx').on(t.publication, t.publishedAt),
    index('pakn_published_year_idx').on(t.publication, sql`substr(${t.receivedDate}, 1, 4)`, t.publishedAt),
    // the private link of the receipt e-mail finds its PAKN by this hash
    index('pakn_access_token_idx').on(t.accessTokenHash),
    // "PAKN của tôi": every PAKN sent with one address
    index('pakn_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** Related open PAKN answered together (issue #15, ADR 0016); see db/schema.ts. */
export const paknGroups = pgTable(
  'pakn_groups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    leadPaknId: integer('lead_pakn_id')
      .notNull()
      .references(() => pakn.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    createdByUserId: integer('created_by_user_id'),
    createdAt: createdAt(),
    answeredAt: epochMs('answered_at'),
    answeredCount: integer('answered_count'),
    dissolvedAt: epochMs('dissolved_at'),
  },
  (t) => [index('pakn_groups_answered_idx').on(t.answeredAt)],
);

/** The answer being drafted, approved and (later) published. One per PAKN. */
export const answers = pgTable('answers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  paknId: integer('pakn_id')
    .notNull()
    .unique()
    .references(() => pakn.id),
  /** spec §5 outcome */
  outcome: text('outcome', { enum: OUTCOMES }),
  body: text('body').notNull().default(''),
  draftedByUserId: integer('drafted_by_user_id'),
  approvedByUserId: integer('approved_by_user_id'),
  approvedAt: epochMs('approved_at'),
  returnComment: text('return_comment'),
  updatedAt: epochMs('updated_at'),
});

/** Personal-data flags raised before publication; each must be redacted or dismissed with a reason. */
export const redactionFlags = pgTable(
  'redaction_flags',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id')
      .notNull()
      .references(() => pakn.id),
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    decision: text('decision', { enum: ['pending', 'redact', 'dismiss'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    decidedByUserId: integer('decided_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('redaction_flags_pakn_idx').on(t.paknId)],
);

/** Numbered official documents (plan VI.3/VI.4): refusal, info request, late apology, transfer, reply cover, report. */
export const documents = pgTable(
  'documents',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id').references(() => pakn.id),
    type: text('type').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedDate: text('issued_date').notNull(),
    addressee: text('addressee').notNull().default(''),
    content: text('content').notNull(),
    /** the redacted text shown on the public register, when the type is public */
    publicContent: text('public_content'),
    isPublic: flag('is_public')
      .notNull()
      .default(sql`0`),
    createdByUserId: integer('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('documents_pakn_idx').on(t.paknId),
    index('documents_type_year_idx').on(t.type, t.year, t.seq),
  ],
);

/** The submitter's rating of an answer, and an optional request for reconsideration. */
export const feedbackRatings = pgTable(
  'feedback_ratings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id')
      .notNull()
      .unique()
      .references(() => pakn.id),
    rating: text('rating', { enum: RATINGS }).notNull(),
    comment: text('comment'),
    reconsiderationRequested: flag('reconsideration_requested')
      .notNull()
      .default(sql`0`),
    createdAt: createdAt(),
  },
  // the coordinators' "reconsideration requested" tab reads only these rows
  (t) => [
    index('feedback_reconsider_idx')
      .on(t.paknId)
      .where(sql`${t.reconsiderationRequested} = 1`),
  ],
);

/** Clock stops while the submitter is asked for more information. */
export const paknPauses = pgTable(
  'pakn_pauses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id')
      .notNull()
      .references(() => pakn.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
  },
  (t) => [index('pakn_pauses_pakn_idx').on(t.paknId)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id').references(() => pakn.id),
    /** set while the file belongs to a submission not yet sent */
    draftToken: text('draft_token'),
    /** pseudonymised address that uploaded a draft file (per-address draft storage cap); cleared on send */
    draftUploader: text('draft_uploader'),
    storedName: text('stored_name').notNull().unique(),
    originalName: text('original_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: ['submitter', 'staff', 'info'] })
      .notNull()
      .default('submitter'),
    isPublic: flag('is_public')
      .notNull()
      .default(sql`0`),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_pakn_idx').on(t.paknId),
    index('attachments_draft_idx').on(t.draftToken),
    index('attachments_draft_uploader_idx').on(t.draftUploader),
  ],
);

/** A checked but not yet sent submission ("check your answers"); its token makes sending idempotent. */
export const submissionDrafts = pgTable('submission_drafts', {
  token: text('token').primaryKey(),
  data: text('data').notNull(),
  lang: text('lang').notNull(),
  paknId: integer('pakn_id').references(() => pakn.id),
  createdAt: createdAt(),
});

/** Every state change and step, in order: the timeline. */
export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paknId: integer('pakn_id')
      .notNull()
      .references(() => pakn.id),
    type: text('type').notNull(),
    actorUserId: integer('actor_user_id'),
    fromStatus: text('from_status', { enum: STATUSES }),
    toStatus: text('to_status', { enum: STATUSES }),
    note: text('note'),
    isPublic: flag('is_public')
      .notNull()
      .default(sql`0`),
    data: text('data'),
    createdAt: createdAt(),
  },
  (t) => [index('events_pakn_idx').on(t.paknId, t.id)],
);

/** Mail is written here in the same transaction as the change it reports, then sent by a worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    paknId: integer('pakn_id'),
    /** JSON: files to attach, as references resolved when sending (stored uploads, issued documents) */
    attachments: text('attachments'),
    /** JSON { type, data }: a timeline event of `pakn_id` written when the message is actually sent */
    sentEvent: text('sent_event'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    /** while a worker holds the row: the end of its lease (next_attempt_at is the lease token then); a row whose
     *  wait is a backoff has none, so "retry now" can release backoffs without touching another process's sends */
    leasedUntil: epochMs('leased_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: epochMs('sent_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);

/** Fixed-window counters; in the database so limits hold across restarts. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: bigint('window_start', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] })],
);

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  unitId: integer('unit_id').references(() => units.id),
  active: flag('active')
    .notNull()
    .default(sql`1`),
  totpSecret: text('totp_secret'),
  totpEnabled: flag('totp_enabled')
    .notNull()
    .default(sql`0`),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: epochMs('locked_until'),
  lastLoginAt: epochMs('last_login_at'),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    secondFactorDone: flag('second_factor_done')
      .notNull()
      .default(sql`0`),
    createdAt: createdAt(),
    lastSeenAt: epochMs('last_seen_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    revokedAt: epochMs('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: epochMs('expires_at').notNull(),
  usedAt: epochMs('used_at'),
});

/**
 * "PAKN của tôi": a one-time link that lists every PAKN sent with one e-mail address (no account).
 * Only the token's hash is stored; a link expires and works once.
 */
export const myPaknLinks = pgTable('my_pakn_links', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  expiresAt: epochMs('expires_at').notNull(),
  usedAt: epochMs('used_at'),
  createdAt: createdAt(),
});

/** A staff member's named queue filters: the query string of the queue page, replayed as a link. */
export const savedQueueFilters = pgTable(
  'saved_queue_filters',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_queue_filters_user_name_idx').on(t.userId, t.name)],
);

/**
 * A data subject's request under the personal data law (spec §8): access, correction, deletion or
 * withdrawal of consent; it reaches the coordinators (stored here and e-mailed through the outbox).
 */
export const privacyRequests = pgTable('privacy_requests', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: PRIVACY_REQUEST_KINDS }).notNull(),
  /** the PAKN code it concerns, as typed and normalised; empty when not given */
  code: text('code').notNull().default(''),
  fullName: text('full_name').notNull(),
  email: text('email').notNull(),
  phone: text('phone').notNull().default(''),
  details: text('details').notNull().default(''),
  /** the date by which it must be acknowledged (2 working days) */
  acknowledgeBy: text('acknowledge_by').notNull(),
  createdAt: createdAt(),
});

/** Append-only: the application has no update or delete for it (triggers enforce it). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: createdAt(),
    actorUserId: integer('actor_user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    detail: text('detail'),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

/** Keys of other systems calling the machine interfaces (Open311, /api/v1): only the SHA-256 of the key is kept. */
export const apiKeys = pgTable('api_keys', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  /** comma-separated: submit, read, staff */
  scopes: text('scopes').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdByUserId: integer('created_by_user_id'),
  createdAt: createdAt(),
  revokedAt: epochMs('revoked_at'),
  lastUsedAt: epochMs('last_used_at'),
});

/** PAKN created through an API key, with the client's Idempotency-Key (a replayed POST answers the same code). */
export const apiSubmissions = pgTable(
  'api_submissions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    paknId: integer('pakn_id')
      .notNull()
      .references(() => pakn.id),
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the request registered under the key (its fields and files): a reuse with another is refused */
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_submissions_idem_idx').on(t.apiKeyId, t.idempotencyKey)],
);

/**
 * URLs of other systems told of status changes (issue 14). The secret signs each delivery (HMAC-SHA256), so it
 * is kept as given, not hashed: see docs/decisions/0014-webhooks.md.
 */
export const webhooks = pgTable('webhooks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  url: text('url').notNull(),
  /** comma-separated: received, assigned, answered, published */
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  active: flag('active')
    .notNull()
    .default(sql`1`),
  createdByUserId: integer('created_by_user_id'),
  createdAt: createdAt(),
  secretRotatedAt: epochMs('secret_rotated_at'),
});

/**
 * The webhook outbox: one row per event and webhook, written in the transaction of the change, delivered by
 * app/jobs/webhook-worker.server.ts with a lease (next_attempt_at is the claimer's fencing token), retries with
 * backoff, and 'failed' after the last attempt. `payload` is the exact JSON body sent (no personal data).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** X-PAKN-Delivery: the receiver's idempotency key, the same on every attempt and on "send again" */
    deliveryId: text('delivery_id').notNull().unique(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** the event's id, shared by the deliveries of one change to every webhook */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    paknId: integer('pakn_id'),
    paknCode: text('pakn_code').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    lastAttemptAt: epochMs('last_attempt_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: epochMs('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_pending_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  ],
);
