// Webhooks (issue 14): the events other systems may subscribe to, the form that registers a URL, what a
// delivery's body holds (codes, statuses and links only: never a name, an address, a phone number or the
// text of a PAKN), which network addresses a delivery may reach, and the retry rule. Messages are i18n keys
// under webhooks.errors.
import { z } from 'zod';

import type { PublicStatusKey, Status } from './workflow/transitions';

export const WEBHOOK_EVENTS = ['received', 'assigned', 'answered', 'published'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event type as sent in X-PAKN-Event and the body's `type`. */
export function eventType(event: WebhookEvent): `pakn.${WebhookEvent}` {
  return `pakn.${event}`;
}

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/** "received,answered" → the known events in canonical order (unknown parts are dropped). */
export function parseEvents(stored: string): WebhookEvent[] {
  const parts = stored.split(',').map((p) => p.trim());
  return WEBHOOK_EVENTS.filter((e) => parts.includes(e));
}

export const WEBHOOK_URL_MAX = 2000;

export type UrlProblem = 'url' | 'urlScheme' | 'urlCredentials' | 'tooLong';

/** Only absolute http(s) URLs without user:password (a secret in a URL ends up in logs). */
export function webhookUrlProblem(raw: string): UrlProblem | null {
  if (raw.length > WEBHOOK_URL_MAX) return 'tooLong';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'urlScheme';
  if (url.username || url.password) return 'urlCredentials';
  if (!url.hostname) return 'url';
  return null;
}

const eventList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(WEBHOOK_EVENTS, { errorMap: () => ({ message: 'events' }) })).min(1, 'events'),
);

export const webhookCreateSchema = z.object({
  url: z
    .string({ required_error: 'urlRequired' })
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, 'urlRequired')
        .superRefine((v, ctx) => {
          const problem = webhookUrlProblem(v);
          if (problem)
            ctx.addIssue({
              code: 'custom',
              message: problem === 'tooLong' ? `tooLong|${WEBHOOK_URL_MAX}` : problem,
            });
        }),
    ),
  events: eventList,
});
export type WebhookCreateInput = z.output<typeof webhookCreateSchema>;

/** The other intents of the admin page name one webhook (or one delivery, for "send again"). */
export const webhookIdSchema = z.object({
  id: z
    .string({ required_error: 'badRequest' })
    .regex(/^\d{1,9}$/, 'badRequest')
    .transform(Number),
});

// ---------------------------------------------------------------------------------------------
// The body of a delivery

export type WebhookPayload = {
  id: string;
  type: `pakn.${WebhookEvent}`;
  occurredAt: string;
  pakn: {
    code: string;
    status: Status;
    publicStatus: PublicStatusKey;
    /** the published record, once the answer is public; null before */
    publicUrl: string | null;
    /** the JSON API's record of the PAKN (needs a key with the read scope) */
    statusUrl: string;
  };
};

/**
 * Built from a closed list of fields, so nothing personal can slip in: the code, the statuses and two links.
 * Serialised once when the event is recorded; every attempt sends exactly these bytes.
 */
export function buildWebhookPayload(args: {
  eventId: string;
  event: WebhookEvent;
  occurredAt: Date;
  code: string;
  status: Status;
  publicStatus: PublicStatusKey;
  published: boolean;
  baseUrl: string;
}): WebhookPayload {
  const code = encodeURIComponent(args.code);
  return {
    id: args.eventId,
    type: eventType(args.event),
    occurredAt: args.occurredAt.toISOString(),
    pakn: {
      code: args.code,
      status: args.status,
      publicStatus: args.publicStatus,
      publicUrl: args.published ? `${args.baseUrl}/cong-khai/${code}` : null,
      statusUrl: `${args.baseUrl}/api/v1/pakn/${code}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Retries

/** After this many failed attempts a delivery is marked failed (about five hours with the default base). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
/** Retries are never more than one hour apart. */
export const WEBHOOK_RETRY_MAX_MS = 60 * 60_000;
/** How long the worker waits for an answer (connection, headers and all). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Delay before the next attempt once `attempts` (>= 1) attempts have failed: `baseMs` doubling, capped. */
export function webhookRetryDelayMs(attempts: number, baseMs: number): number {
  const exp = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(baseMs * 2 ** exp, WEBHOOK_RETRY_MAX_MS);
}

// ---------------------------------------------------------------------------------------------
// Which addresses a delivery may reach: public ones only, unless WEBHOOK_ALLOW_PRIVATE lets some in

function ipv4Octets(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function privateIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Loopback, private, link-local, unique-local, multicast and unspecified addresses (IPv4 and IPv6). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ipv4Octets(ip);
  if (v4) return privateIpv4(v4);
  const lower = ip.toLowerCase().replace(/^\[|\]$/g, '');
  if (!lower.includes(':')) return true; // not an address at all: refuse
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  if (lower === '::' || lower === '::1') return true;
  return /^(fc|fd|fe[89ab]|ff)/.test(lower) || lower.startsWith('::ffff:') || lower.startsWith('64:ff9b:');
}

/** WEBHOOK_ALLOW_PRIVATE: '' (none), '1' (every address) or a comma-separated list of addresses. */
export type PrivateAllowance = 'all' | readonly string[];

export function parseAllowance(value: string | undefined): PrivateAllowance {
  if (value === '1') return 'all';
  return (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v && v !== '0');
}

export function addressAllowed(ip: string, allowance: PrivateAllowance): boolean {
  if (!isPrivateAddress(ip)) return true;
  return allowance === 'all' || allowance.includes(ip.toLowerCase());
}
