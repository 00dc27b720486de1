import { createHash, createHmac, randomBytes } from 'node:crypto';

import { getEnv } from './env.server';

export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** Keyed hash for values we must count but should not keep, such as IP addresses. */
export const pseudonymise = (value: string) =>
  createHmac('sha256', getEnv().SESSION_SECRET).update(value).digest('base64url').slice(0, 22);
