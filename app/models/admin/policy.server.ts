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
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';

import { recordChange } from './change-log.server';
import { getSetting, setSetting } from './settings.server';

function policyKey(name: PolicyName) {
  const p = POLICY_SETTINGS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown policy setting ${name}`);
  return p.key;
}

export async function getPolicySettings(db: DbOrTx = getDb()): Promise<Record<PolicyName, number>> {
  const read = (name: PolicyName) => getSetting(policyKey(name), db);
  return {
    maxAttachments: await read('maxAttachments'),
    maxFileMb: await read('maxFileMb'),
    submissionsPerIpPerHour: await read('submissionsPerIpPerHour'),
    draftStoragePerAddressMb: await read('draftStoragePerAddressMb'),
    draftStorageTotalMb: await read('draftStorageTotalMb'),
    followupAttempts: await read('followupAttempts'),
    reportCutoffDay: await read('reportCutoffDay'),
  };
}

export async function updatePolicySettings(
  value: PolicyValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  await transaction(db, async (tx) => {
    const before = await getPolicySettings(tx);
    const changed = diff(before, value);
    if (Object.keys(changed).length === 0) return;
    for (const p of POLICY_SETTINGS) await setSetting(p.key, value[p.name], tx);
    await recordChange(tx, actor, 'settings.policy.update', 'settings', undefined, changed);
  });
  return { ok: true, value: null };
}

export async function getTotpRequiredRoles(db: DbOrTx = getDb()): Promise<Role[]> {
  return getSetting('security.totpRequiredRoles', db);
}

export async function updateTotpRequiredRoles(
  value: TotpRolesValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<Role[]>> {
  const roles = value.roles;
  await transaction(db, async (tx) => {
    const before = await getTotpRequiredRoles(tx);
    if (before.join() === roles.join()) return;
    await setSetting('security.totpRequiredRoles', roles, tx);
    await recordChange(tx, actor, 'settings.totp_roles.update', 'settings', 'security.totpRequiredRoles', {
      from: before,
      to: roles,
    });
  });
  return { ok: true, value: roles };
}

export async function getDocumentNumberSettings(
  db: DbOrTx = getDb(),
): Promise<Record<DocumentNumberName, string>> {
  return {
    agencyAbbreviation: await getSetting('documents.agencyAbbreviation', db),
    draftingUnit: await getSetting('documents.draftingUnit', db),
  };
}

export async function updateDocumentNumberSettings(
  value: DocumentNumbersValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  await transaction(db, async (tx) => {
    const before = await getDocumentNumberSettings(tx);
    const changed: Record<string, { from: string; to: string }> = {};
    for (const s of DOCUMENT_NUMBER_SETTINGS) {
      const to = agencyAbbreviation(value[s.name]);
      if (before[s.name] !== to) changed[s.name] = { from: before[s.name], to };
      await setSetting(s.key, to, tx);
    }
    if (Object.keys(changed).length === 0) return;
    await recordChange(tx, actor, 'settings.documents.update', 'settings', undefined, changed);
  });
  return { ok: true, value: null };
}
