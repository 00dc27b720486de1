// The abbreviations in document numbers (Nghị định 30/2020/NĐ-CP): the agency's ('01/TB-SKHCN') and the unit that
// drafts a công văn of a PAKN not yet assigned to a unit ('01/SKHCN-TTHC'). Settings an administrator edits.
import { z } from 'zod';
import { DEFAULT_SETTINGS } from '~db/seed-data';
import { agencyAbbreviation } from '~/domain/document-templates';
import type { Actor, FieldErrors, Outcome } from './admin-config.server';
import { audit } from './audit.server';
import { getSetting, setSetting } from './config.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';

export const DOCUMENT_NUMBER_SETTINGS = [
  { key: 'documents.agencyAbbreviation', name: 'agencyAbbreviation' },
  { key: 'documents.draftingUnit', name: 'draftingUnit' },
] as const;
type Name = (typeof DOCUMENT_NUMBER_SETTINGS)[number]['name'];

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

const schema = z.object({ agencyAbbreviation: abbreviation, draftingUnit: abbreviation });

export function getDocumentNumberSettings(db: DbOrTx = getDb()): Record<Name, string> {
  const value = (key: string) => {
    const v = getSetting<unknown>(key, db) ?? DEFAULT_SETTINGS[key];
    return typeof v === 'string' ? v : '';
  };
  return {
    agencyAbbreviation: value('documents.agencyAbbreviation'),
    draftingUnit: value('documents.draftingUnit'),
  };
}

export function updateDocumentNumberSettings(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome {
  const r = schema.safeParse(input);
  if (!r.success) {
    const errors: FieldErrors = {};
    for (const issue of r.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return { ok: false, errors };
  }
  // one SQLite connection: the statements below run inside this transaction
  db.transaction(() => {
    const before = getDocumentNumberSettings(db);
    const changed: Record<string, { from: string; to: string }> = {};
    for (const s of DOCUMENT_NUMBER_SETTINGS) {
      const to = agencyAbbreviation(r.data[s.name]);
      if (before[s.name] !== to) changed[s.name] = { from: before[s.name], to };
      setSetting(s.key, to, db);
    }
    if (Object.keys(changed).length === 0) return;
    audit(
      {
        actorUserId: actor.userId,
        ip: actor.ip,
        action: 'settings.documents.update',
        targetType: 'settings',
        detail: changed,
      },
      db,
    );
  });
  return { ok: true, value: null };
}
