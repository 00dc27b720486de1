// API keys of other systems: created by an administrator or the operator's script, shown once, stored as
// their SHA-256 only, revocable. Every call made with a key is rate-limited per key and audited with its name.
import { desc, eq } from 'drizzle-orm';

import {
  API_KEY_PATTERN,
  type ApiKeyNameProblem,
  apiKeyNameProblem,
  type ApiScope,
  parseScopes,
} from '~/domain/api-scopes';
import { type Actor, isRole } from '~/domain/permissions';
import { cleanLine } from '~/domain/text';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { type Db, type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { hitRateLimit } from './rate-limit.server';

export type ApiKey = {
  id: number;
  name: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByUserId: number | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

function toApiKey(row: typeof s.apiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: parseScopes(row.scopes) ?? [],
    createdAt: row.createdAt,
    createdByUserId: row.createdByUserId,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export async function listApiKeys(db: DbOrTx = getDb()): Promise<ApiKey[]> {
  return (await db.select().from(s.apiKeys).orderBy(desc(s.apiKeys.id))).map(toApiKey);
}

export type CreateApiKeyResult =
  | { ok: true; id: number; name: string; scopes: ApiScope[]; key: string }
  | { ok: false; errors: { name?: ApiKeyNameProblem | 'taken'; scopes?: 'invalid' } };

/** Creates a key and returns it in clear, once: only its hash is stored. */
export async function createApiKey(
  {
    name: rawName,
    scopes: rawScopes,
    createdByUserId = null,
    ip,
  }: { name: string; scopes: string | readonly string[]; createdByUserId?: number | null; ip?: string },
  db: DbOrTx = getDb(),
): Promise<CreateApiKeyResult> {
  const name = cleanLine(rawName);
  const scopes = parseScopes(rawScopes);
  const errors: { name?: ApiKeyNameProblem | 'taken'; scopes?: 'invalid' } = {};
  const nameProblem = apiKeyNameProblem(name);
  if (nameProblem) errors.name = nameProblem;
  else if (await first(db.select({ id: s.apiKeys.id }).from(s.apiKeys).where(eq(s.apiKeys.name, name))))
    errors.name = 'taken';
  if (!scopes) errors.scopes = 'invalid';
  if (errors.name || !scopes) return { ok: false, errors };
  const key = `pakn_${randomToken(32)}`;
  return await transaction(db, async (tx) => {
    const row = await one(
      tx
        .insert(s.apiKeys)
        .values({ name, scopes: scopes.join(','), tokenHash: sha256(key), createdByUserId })
        .returning({ id: s.apiKeys.id }),
    );
    await audit(
      {
        actorUserId: createdByUserId,
        action: 'apikey.create',
        targetType: 'api_key',
        targetId: row.id,
        ip,
        detail: { name, scopes },
      },
      tx,
    );
    return { ok: true as const, id: row.id, name, scopes, key };
  });
}

export async function revokeApiKey(
  { id, userId, ip, now = new Date() }: { id: number; userId: number | null; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  return await transaction(db, async (tx) => {
    const row = await first(tx.select().from(s.apiKeys).where(eq(s.apiKeys.id, id)));
    if (!row || row.revokedAt) return false;
    await tx.update(s.apiKeys).set({ revokedAt: now }).where(eq(s.apiKeys.id, id));
    await audit(
      {
        actorUserId: userId,
        action: 'apikey.revoke',
        targetType: 'api_key',
        targetId: id,
        ip,
        detail: { name: row.name },
      },
      tx,
    );
    return true;
  });
}

export type ApiCaller = { id: number; name: string; scopes: ApiScope[] };

export type ApiAuthorization =
  | { ok: true; key: ApiCaller }
  /** 401: no key, an unknown or a revoked one; 403: the key lacks the scope; 429: over its rate limit */
  | { ok: false; status: 401; reason: 'missing' | 'invalid' }
  | { ok: false; status: 403; reason: 'scope'; key: ApiCaller }
  | { ok: false; status: 429; reason: 'rateLimited'; key: ApiCaller; retryAfterSeconds: number };

export type ApiCall = { method: string; path: string; ip?: string };

/**
 * Checks a presented key for a scope, counts the call against the key's rate limit, records the last use
 * and audits the call (`api.call`, or `api.denied` with the reason) with the key's name.
 */
export async function authorizeApiCall(
  {
    token,
    scope,
    call,
    now = new Date(),
  }: { token: string | null; scope: ApiScope; call: ApiCall; now?: Date },
  db: Db = getDb(),
): Promise<ApiAuthorization> {
  const denied = (reason: string, key?: ApiCaller) =>
    audit(
      {
        actorUserId: null,
        action: 'api.denied',
        targetType: key ? 'api_key' : undefined,
        targetId: key?.id,
        ip: call.ip,
        detail: { key: key?.name ?? null, reason, scope, method: call.method, path: call.path.slice(0, 200) },
      },
      db,
    );
  if (!token) {
    await denied('missing');
    return { ok: false, status: 401, reason: 'missing' };
  }
  const row = API_KEY_PATTERN.test(token)
    ? await first(
        db
          .select()
          .from(s.apiKeys)
          .where(eq(s.apiKeys.tokenHash, sha256(token))),
      )
    : undefined;
  if (!row || row.revokedAt) {
    await denied(row ? 'revoked' : 'invalid', row ? { id: row.id, name: row.name, scopes: [] } : undefined);
    return { ok: false, status: 401, reason: 'invalid' };
  }
  const key: ApiCaller = { id: row.id, name: row.name, scopes: parseScopes(row.scopes) ?? [] };
  if (!key.scopes.includes(scope)) {
    await denied('scope', key);
    return { ok: false, status: 403, reason: 'scope', key };
  }
  const limit = await hitRateLimit({ bucket: 'api-key', key: String(key.id), now: now.getTime() }, db);
  if (!limit.allowed) {
    await denied('rateLimited', key);
    return { ok: false, status: 429, reason: 'rateLimited', key, retryAfterSeconds: limit.retryAfterSeconds };
  }
  await db.update(s.apiKeys).set({ lastUsedAt: now }).where(eq(s.apiKeys.id, key.id));
  await audit(
    {
      actorUserId: null,
      action: 'api.call',
      targetType: 'api_key',
      targetId: key.id,
      ip: call.ip,
      detail: { key: key.name, scope, method: call.method, path: call.path.slice(0, 200) },
    },
    db,
  );
  return { ok: true, key };
}

/** The active staff account that created a key: staff intake through the key is recorded in its name. */
export async function apiKeyOwner(keyId: number, db: DbOrTx = getDb()): Promise<Actor | null> {
  const row = await first(
    db
      .select({ id: s.users.id, role: s.users.role, unitId: s.users.unitId, active: s.users.active })
      .from(s.apiKeys)
      .innerJoin(s.users, eq(s.users.id, s.apiKeys.createdByUserId))
      .where(eq(s.apiKeys.id, keyId)),
  );
  return row && row.active && isRole(row.role) ? { id: row.id, role: row.role, unitId: row.unitId } : null;
}
