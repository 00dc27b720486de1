// The abbreviations in document numbers (Nghị định 30/2020/NĐ-CP): the agency's ('01/TB-SKHCN') and the unit that
// drafts a công văn of a PAKN not yet assigned to a unit ('01/SKHCN-TTHC'). Settings an administrator edits.

import {
  DOCUMENT_NUMBER_SETTINGS,
  type DocumentNumberSettingName,
  documentNumberSettingsSchema,
} from '~/domain/document-settings';
import { agencyAbbreviation } from '~/domain/document-templates';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { DEFAULT_SETTINGS } from '~db/seed-data';

import type { Actor, FieldErrors, Outcome } from './admin-config.server';
import { audit } from './audit.server';
import { getSetting, setSetting } from './config.server';

export function getDocumentNumberSettings(db: DbOrTx = getDb()): Record<DocumentNumberSettingName, string> {
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
  const r = documentNumberSettingsSchema.safeParse(input);
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
