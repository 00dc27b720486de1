// Refused state-changing requests in the audit log (issue 13.29): a post refused for lack of permission
// ('security.denied') and a forged one ('security.forged': from another site, with a missing or bad origin,
// or carrying a session cookie that is no longer live). Reads are not logged here. Forged posts need no
// account, so each client address writes at most FORGED_LIMIT entries per window: a flood cannot fill the log.
import { fixedLimit } from '~/domain/rate-limits';

import { audit } from './audit.server';
import { hitRateLimit } from './rate-limit.server';

export const FORGED_LIMIT = fixedLimit('audit-forged');
/** Set by server.mjs from the socket (any value sent by the client is replaced), absent in-process. */
export const CLIENT_IP_HEADER = 'x-pakn-client-ip';

export type ForgedReason = 'crossSite' | 'badOrigin' | 'staleSession';

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

// the path only: a query string or a private link may carry personal data
const cleanPath = (path: string) =>
  path
    .split('?')[0]!
    .replace(/\/truy-cap\/[^/]+/, '/truy-cap/[token]')
    .replace(/\/dat-lai\/[^/]+/, '/dat-lai/[token]')
    .slice(0, 200);

function requestFacts(request: Request) {
  return {
    ip: request.headers.get(CLIENT_IP_HEADER) ?? undefined,
    method: request.method.toUpperCase(),
    path: cleanPath(new URL(request.url).pathname),
  };
}

/** A signed-in user's post refused for lack of permission. */
export async function auditDenied({
  request,
  actorUserId,
  permission,
  targetType,
  targetId,
  ip,
}: {
  request: Request;
  actorUserId: number;
  permission?: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string;
}): Promise<void> {
  if (!isWrite(request.method)) return;
  const f = requestFacts(request);
  await audit({
    actorUserId,
    action: 'security.denied',
    targetType,
    targetId,
    ip: ip ?? f.ip,
    detail: { method: f.method, path: f.path, ...(permission ? { permission } : {}) },
  });
}

export type RequestFacts = {
  method: string;
  path: string;
  ip?: string;
  origin?: string | null;
  fetchSite?: string | null;
};

/** A post that did not come from the portal's own pages, or with a dead session. */
export async function auditForged({
  request,
  reason,
  actorUserId = null,
}: {
  request: Request;
  reason: ForgedReason;
  actorUserId?: number | null;
}): Promise<void> {
  await auditForgedFacts(
    {
      ...requestFacts(request),
      origin: request.headers.get('Origin'),
      fetchSite: request.headers.get('Sec-Fetch-Site'),
    },
    reason,
    actorUserId,
  );
}

/** The same from plain facts: server.mjs refuses cross-site posts before Remix sees them. */
export async function auditForgedFacts(
  f: RequestFacts,
  reason: ForgedReason,
  actorUserId: number | null = null,
): Promise<void> {
  if (!isWrite(f.method)) return;
  const limit = await hitRateLimit({ bucket: 'audit-forged', key: f.ip ?? 'unknown' });
  if (!limit.allowed) return;
  await audit({
    actorUserId,
    action: 'security.forged',
    ip: f.ip,
    detail: {
      reason,
      method: f.method.toUpperCase(),
      path: cleanPath(f.path),
      ...(f.origin ? { origin: f.origin.slice(0, 200) } : {}),
      ...(f.fetchSite ? { fetchSite: f.fetchSite.slice(0, 40) } : {}),
    },
  });
}
