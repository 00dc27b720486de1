// The audit entry of an administrator's edit, written in the edit's own transaction.
import type { Actor } from '~/domain/admin/outcome';
import { audit } from '~/models/audit.server';
import type { DbOrTx } from '~/utils/db.server';

export async function recordChange(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string | number | undefined,
  detail: Record<string, unknown>,
) {
  await audit({ actorUserId: actor.userId, ip: actor.ip, action, targetType, targetId, detail }, tx);
}
