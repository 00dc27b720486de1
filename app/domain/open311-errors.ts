// The words of an Open311 refusal, one description per problem, naming the parameter at fault. Pure: the caller
// passes its translator.
import type { ZodIssue } from 'zod';

import { OPEN311_PARAM_OF_FIELD, type Open311InputProblem } from './open311';
import { splitMessage } from './submission-schema';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The citizen form's refusals (its own translated messages), each prefixed by the Open311 parameter. */
export function describeFormIssues(
  issues: readonly ZodIssue[],
  t: Translate,
  paramOf: Record<string, string> = OPEN311_PARAM_OF_FIELD,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    const [key, params] = splitMessage(issue.message);
    const translated = t(`intake.errors.${key}`, params);
    const message =
      translated === `intake.errors.${key}`
        ? t('api.errors.badParameter', { name: paramOf[field] ?? field })
        : translated;
    out.push(t('api.errors.field', { field: paramOf[field] ?? field, message }));
  }
  return out;
}

export function describeOpen311Problems(problems: readonly Open311InputProblem[], t: Translate): string[] {
  return problems.map((p) =>
    p.kind === 'attributeUnknown'
      ? t('api.errors.attributeUnknown', { code: p.code })
      : p.kind === 'attributeValue'
        ? t('api.errors.attributeValue', { code: p.code, value: p.value })
        : t('api.errors.mediaUrl'),
  );
}
