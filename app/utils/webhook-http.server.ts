// The HTTP side of a webhook: the signature, and one POST to a receiver that may only reach the addresses
// WEBHOOK_ALLOW_PRIVATE lets in. The address is checked on the connection itself (a lookup hook), not by a
// separate DNS query before it, so a name that resolves to a public address once and to 127.0.0.1 the next
// time (DNS rebinding) is still refused. Redirects are not followed: a 3xx is a failed attempt.
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

import { addressAllowed, parseAllowance, type PrivateAllowance, WEBHOOK_TIMEOUT_MS } from '~/domain/webhooks';

import { getEnv } from './env.server';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (docs/webhooks.md tells receivers how to check it). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export function webhookAllowance(): PrivateAllowance {
  return parseAllowance(getEnv().WEBHOOK_ALLOW_PRIVATE);
}

export class BlockedAddressError extends Error {
  constructor(address: string) {
    super(`refused: ${address} is a private or loopback address`);
  }
}

type LookupAll = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;
type LookupOne = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** A net.connect lookup that resolves as usual, then refuses when any address is not allowed. */
function guardedLookup(allowance: PrivateAllowance) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupAll | LookupOne) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      const all = options.all === true;
      if (err) {
        if (all) (callback as LookupAll)(err, []);
        else (callback as LookupOne)(err, '', 0);
        return;
      }
      const blocked = addresses.find((a) => !addressAllowed(a.address, allowance));
      const error = blocked ? new BlockedAddressError(blocked.address) : null;
      if (all) (callback as LookupAll)(error, error ? [] : addresses);
      else (callback as LookupOne)(error, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
    });
  };
}

/**
 * For the admin form: 'urlPrivate' when the URL's host is, or resolves to, an address that is not allowed.
 * A name that does not resolve now is accepted (the receiver may not be online yet); the worker checks again.
 */
export async function webhookTargetProblem(
  rawUrl: string,
  allowance = webhookAllowance(),
): Promise<'urlPrivate' | null> {
  let host: string;
  try {
    host = new URL(rawUrl).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
  if (net.isIP(host)) return addressAllowed(host, allowance) ? null : 'urlPrivate';
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return addressAllowed('127.0.0.1', allowance) ? null : 'urlPrivate';
  }
  const addresses = await Promise.race([
    dns.promises.lookup(host, { all: true }).catch(() => []),
    new Promise<dns.LookupAddress[]>((resolve) => setTimeout(() => resolve([]), 3000).unref()),
  ]);
  return addresses.some((a) => !addressAllowed(a.address, allowance)) ? 'urlPrivate' : null;
}

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** One POST of a JSON body; resolves (never rejects) with the receiver's status or the reason it failed. */
export function postWebhook({
  url,
  body,
  headers,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
  allowance = webhookAllowance(),
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  allowance?: PrivateAllowance;
}): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, status: null, error: 'invalid URL' });
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      resolve({ ok: false, status: null, error: 'only http and https' });
      return;
    }
    // an address literal is connected to without any lookup: check it here
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !addressAllowed(host, allowance)) {
      resolve({ ok: false, status: null, error: new BlockedAddressError(host).message });
      return;
    }
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowance),
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // the answer's body is not read: only its status counts
        res.resume();
        res.on('error', () => {});
        req.destroy();
        if (status >= 200 && status < 300) finish({ ok: true, status });
        else finish({ ok: false, status, error: `HTTP ${status}` });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    timer.unref?.();
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        ok: false,
        status: null,
        error: [err.code, err.message].filter(Boolean).join(' ').slice(0, 300),
      });
    });
    req.end(body);
  });
}
