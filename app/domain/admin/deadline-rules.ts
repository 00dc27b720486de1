// The deadline rules of spec §6, each with its legal basis; editing one recomputes the open PAKN.
import { z } from 'zod';

import { type DeadlineKey, DEFAULT_DEADLINE_RULES } from '~/domain/deadlines';

import { dayUnit, int, text } from './schema-parts';

function isDeadlineKey(key: string): key is DeadlineKey {
  return Object.hasOwn(DEFAULT_DEADLINE_RULES, key);
}

export const DEADLINE_KEYS: DeadlineKey[] = Object.keys(DEFAULT_DEADLINE_RULES).filter(isDeadlineKey);

export const deadlineRuleSchema = z.object({
  key: z
    .string({ errorMap: () => ({ message: 'admin.errors.invalid' }) })
    .refine(isDeadlineKey, 'admin.errors.invalid'),
  days: int(1, 365),
  unit: dayUnit,
  basis: text(300),
});
export type DeadlineRuleValues = z.output<typeof deadlineRuleSchema>;
