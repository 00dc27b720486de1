// The staff sign-in and own-account forms: sign in, the second factor, a forgotten password, a new
// password (from an e-mailed link or on the account page), TOTP. Messages are full i18n keys; the
// password rules are those of ./password-policy, so the browser and the server say the same thing.
import { z } from 'zod';

import { checkPassword } from './password-policy';

const required = (key: string, max: number, trim = true) =>
  z
    .string({ required_error: key })
    .transform((v) => (trim ? v.trim() : v).slice(0, max))
    .refine((v) => v !== '', key);

export const signInSchema = z.object({
  email: required('auth.signIn.emailRequired', 254),
  password: required('auth.signIn.passwordRequired', 1024, false),
  redirectTo: z.string().optional(),
});

export const secondFactorSchema = z.object({
  code: required('auth.secondFactor.codeRequired', 20),
  redirectTo: z.string().optional(),
});

/** The address is checked by the model (normalised, throttled); the form only needs one. */
export const forgotPasswordSchema = z.object({
  email: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().slice(0, 254)),
});

const passwordFields = {
  password: z.string().optional().default(''),
  confirm: z.string().optional().default(''),
};

/** A new password and its confirmation, checked against the policy and the account's own address. */
function checkNewPassword(
  v: { password: string; confirm: string },
  ctx: z.RefinementCtx,
  email: string | null | undefined,
) {
  const problem = checkPassword(v.password, { email });
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `auth.password.${problem}` });
  if (!v.confirm)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'auth.password.confirmRequired' });
  else if (!problem && v.confirm !== v.password)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'auth.password.mismatch' });
}

/** The e-mailed reset or invitation link. */
export const resetPasswordSchema = (email: string | null | undefined) =>
  z.object(passwordFields).superRefine((v, ctx) => checkNewPassword(v, ctx, email));

/** The account page: the current password too. */
export const changePasswordSchema = (email: string | null | undefined) =>
  z
    .object({
      ...passwordFields,
      intent: z.literal('password'),
      current: z
        .string({ required_error: 'auth.account.currentRequired' })
        .min(1, 'auth.account.currentRequired'),
    })
    .superRefine((v, ctx) => checkNewPassword(v, ctx, email));

export const totpConfirmSchema = z.object({
  intent: z.literal('totp-confirm'),
  code: required('auth.account.codeRequired', 20),
});

export const totpDisableSchema = z.object({
  intent: z.literal('totp-disable'),
  disablePassword: z
    .string({ required_error: 'auth.account.currentRequired' })
    .min(1, 'auth.account.currentRequired'),
});

/** The one-time confirmations of the account page (flash cookie). */
export const ACCOUNT_FLASH = {
  passwordChanged: 'auth.account.passwordChanged',
  totpEnabled: 'auth.account.totpEnabled',
  totpDisabled: 'auth.account.totpDisabled',
  othersRevoked: (n: number) => `auth.account.othersRevoked|count=${n}`,
  signedOut: 'auth.signIn.signedOut',
  resetDone: 'auth.signIn.resetDone',
} as const;
