// The [policy] settings an administrator edits on the settings page, each bound to its key of the typed
// settings map (app/domain/settings.ts), and the forms that edit them.
import { z } from 'zod';

import { ROLES } from '~/domain/permissions';

import { int } from './schema-parts';

/** The [policy] numbers an administrator may change; `name` is the form field. */
export const POLICY_SETTINGS = [
  { key: 'intake.maxAttachments', name: 'maxAttachments', min: 1, max: 20 },
  { key: 'intake.maxFileMb', name: 'maxFileMb', min: 1, max: 50 },
  { key: 'intake.submissionsPerIpPerHour', name: 'submissionsPerIpPerHour', min: 1, max: 1000 },
  { key: 'intake.draftStoragePerAddressMb', name: 'draftStoragePerAddressMb', min: 10, max: 10000 },
  { key: 'intake.draftStorageTotalMb', name: 'draftStorageTotalMb', min: 100, max: 100000 },
  { key: 'followup.attemptsPer15Min', name: 'followupAttempts', min: 1, max: 100 },
  // Day 29–31 does not exist in every month.
  { key: 'report.cutoffDay', name: 'reportCutoffDay', min: 1, max: 28 },
] as const;
export type PolicyName = (typeof POLICY_SETTINGS)[number]['name'];

const field = (name: PolicyName) => {
  const p = POLICY_SETTINGS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown policy setting ${name}`);
  return int(p.min, p.max);
};

export const policySchema = z.object({
  maxAttachments: field('maxAttachments'),
  maxFileMb: field('maxFileMb'),
  submissionsPerIpPerHour: field('submissionsPerIpPerHour'),
  draftStoragePerAddressMb: field('draftStoragePerAddressMb'),
  draftStorageTotalMb: field('draftStorageTotalMb'),
  followupAttempts: field('followupAttempts'),
  reportCutoffDay: field('reportCutoffDay'),
}) satisfies z.ZodType<Record<PolicyName, number>, z.ZodTypeDef, unknown>;
export type PolicyValues = z.output<typeof policySchema>;

export const totpRolesSchema = z.object({
  // one ticked box is sent as one value, several as a list
  roles: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v))
    .pipe(z.array(z.enum(ROLES, { errorMap: () => ({ message: 'admin.errors.role' }) })))
    .transform((roles) => ROLES.filter((r) => roles.includes(r))),
});
export type TotpRolesValues = z.output<typeof totpRolesSchema>;

// The abbreviations in document numbers (Nghị định 30/2020/NĐ-CP): the agency's ('01/TB-SKHCN') and the unit
// that drafts a công văn of a PAKN not yet assigned to a unit ('01/SKHCN-TTHC').
export const DOCUMENT_NUMBER_SETTINGS = [
  { key: 'documents.agencyAbbreviation', name: 'agencyAbbreviation' },
  { key: 'documents.draftingUnit', name: 'draftingUnit' },
] as const;
export type DocumentNumberName = (typeof DOCUMENT_NUMBER_SETTINGS)[number]['name'];

// ASCII letters and digits: the abbreviation is part of file names and of the number read aloud
const abbreviation = z
  .string({ required_error: 'admin.errors.required', invalid_type_error: 'admin.errors.required' })
  .transform((v) => v.trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'admin.errors.required')
      .regex(/^[A-Z0-9]{1,20}$/, 'admin.errors.abbreviation'),
  );

export const documentNumbersSchema = z.object({
  agencyAbbreviation: abbreviation,
  draftingUnit: abbreviation,
});
export type DocumentNumbersValues = z.output<typeof documentNumbersSchema>;

/** Whether an extension of the answer deadline needs a leader's approval (the settings page's radios). */
export const extensionPolicySchema = z.object({
  extensionNeedsApproval: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'admin.errors.required' }) }),
});
