// The [policy] settings of the settings page: the public forms' limits, the report cut-off day, the roles
// that must use a second factor, and the abbreviations of document numbers. Read and written through the
// typed settings map; each save is audited with what changed.
import { type Actor, diff, type Outcome } from '~/domain/admin/outcome';
import {
  DOCUMENT_NUMBER_SETTINGS,
  type DocumentNumberName,
  type DocumentNumbersValues,
  POLICY_SETTINGS,
  type PolicyName,
  type PolicyValues,
  type TotpRolesValues,
} from '~/domain/admin/policy';
import { agencyAbbreviation } from '~/domain/document-templates';
import type { Role } from '~/domain/permissions';
import { type DbOrTx, getDb } from '~/utils/db.server';

import { recordChange } from './change-log.server';
import { getSetting, setSetting } from './settings.server';

function policyKey(name: PolicyName) {
  const p = POLICY_SETTINGS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown policy setting ${name}`);
  return p.key;
}

export function getPolicySettings(db: DbOrTx = getDb()): Record<PolicyName, number> {
  const read = (name: PolicyName) => getSetting(policyKey(name), db);
  return {
    maxAttachments: read('maxAttachments'),
    maxFileMb: read('maxFileMb'),
    submissionsPerIpPerHour: read('submissionsPerIpPerHour'),
    draftStoragePerAddressMb: read('draftStoragePerAddressMb'),
    draftStorageTotalMb: read('draftStorageTotalMb'),
    followupAttempts: read('followupAttempts'),
    reportCutoffDay: read('reportCutoffDay'),
  };
}

export function updatePolicySettings(value: PolicyValues, actor: Actor, db: DbOrTx = getDb()): Outcome {
  db.transaction((tx) => {
    const before = getPolicySettings(tx);
    const changed = diff(before, value);
    if (Object.keys(changed).length === 0) return;
    for (const p of POLICY_SETTINGS) setSetting(p.key, value[p.name], tx);
    recordChange(tx, actor, 'settings.policy.update', 'settings', undefined, changed);
  });
  return { ok: true, value: null };
}

export function getTotpRequiredRoles(db: DbOrTx = getDb()): Role[] {
  return getSetting('security.totpRequiredRoles', db);
}

export function updateTotpRequiredRoles(
  value: TotpRolesValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome<Role[]> {
  const roles = value.roles;
  db.transaction((tx) => {
    const before = getTotpRequiredRoles(tx);
    if (before.join() === roles.join()) return;
    setSetting('security.totpRequiredRoles', roles, tx);
    recordChange(tx, actor, 'settings.totp_roles.update', 'settings', 'security.totpRequiredRoles', {
      from: before,
      to: roles,
    });
  });
  return { ok: true, value: roles };
}

export function getDocumentNumberSettings(db: DbOrTx = getDb()): Record<DocumentNumberName, string> {
  return {
    agencyAbbreviation: getSetting('documents.agencyAbbreviation', db),
    draftingUnit: getSetting('documents.draftingUnit', db),
  };
}

export function updateDocumentNumberSettings(
  value: DocumentNumbersValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome {
  db.transaction((tx) => {
    const before = getDocumentNumberSettings(tx);
    const changed: Record<string, { from: string; to: string }> = {};
    for (const s of DOCUMENT_NUMBER_SETTINGS) {
      const to = agencyAbbreviation(value[s.name]);
      if (before[s.name] !== to) changed[s.name] = { from: before[s.name], to };
      setSetting(s.key, to, tx);
    }
    if (Object.keys(changed).length === 0) return;
    recordChange(tx, actor, 'settings.documents.update', 'settings', undefined, changed);
  });
  return { ok: true, value: null };
}
