// What an API key may do: submit PAKN, read their status, or (staff) read the queue and record staff intake.
import { z } from 'zod';

import { cleanLine } from '~/domain/text';

export const API_SCOPES = ['submit', 'read', 'staff'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_KEY_NAME_MAX = 80;
/** `pakn_` + 43 base64url characters (32 random bytes) */
export const API_KEY_PATTERN = /^pakn_[A-Za-z0-9_-]{43}$/;

export function isApiScope(value: unknown): value is ApiScope {
  return (API_SCOPES as readonly unknown[]).includes(value);
}

/** "submit, read" → ['submit', 'read'] in canonical order; null when empty or naming an unknown scope. */
export function parseScopes(input: string | readonly string[]): ApiScope[] | null {
  const parts = (typeof input === 'string' ? input.split(',') : [...input])
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (!parts.length || !parts.every(isApiScope)) return null;
  return API_SCOPES.filter((s) => parts.includes(s));
}

export type ApiKeyNameProblem = 'required' | 'tooLong' | 'invalid';

/** A name people recognise in the audit log: printable, one line, at most API_KEY_NAME_MAX characters. */
export function apiKeyNameProblem(name: string): ApiKeyNameProblem | null {
  if (!name) return 'required';
  if (name.length > API_KEY_NAME_MAX) return 'tooLong';

  if (/[\u0000-\u001f\u007f]/.test(name)) return 'invalid';
  return null;
}

/**
 * The form that creates a key (admin page khoa-api): a name (`api.keys.errors.*` messages) and at least one
 * known scope. Whether the name is taken is the model's to say.
 */
export const apiKeyFormSchema = z.object({
  name: z
    .string()
    .optional()
    .transform((v) => cleanLine(v ?? ''))
    .superRefine((name, ctx) => {
      const problem = apiKeyNameProblem(name);
      if (problem)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${problem}|max=${API_KEY_NAME_MAX}` });
    }),
  scopes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const scopes = parseScopes(v ?? []);
      if (scopes) return scopes;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'scopes' });
      return z.NEVER;
    }),
});

/** The revoke button of a key: its id. */
export const apiKeyRevokeSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
