/**
 * Roles and the single permission table. Every guard (loaders, actions, menus) must go through `can` /
 * `canOnPakn` so that changing who may do what is a one-line edit here, covered by the matrix test.
 */
import { type Action, allowedActions, type Status } from './workflow';

export const ROLES = ['admin', 'coordinator', 'handler', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSION_KEYS = [
  'queue:read',
  'pakn:read:any',
  'pakn:read:unit',
  'pakn:contact:read',
  'pakn:classify',
  'pakn:refuse',
  'pakn:transfer',
  'pakn:forward',
  'pakn:duplicate',
  'pakn:assign',
  'pakn:intake',
  'pakn:take',
  'pakn:note',
  'pakn:request_info',
  'pakn:extend',
  'pakn:draft',
  'pakn:submit',
  'pakn:approve',
  'pakn:return',
  'pakn:publish',
  'report:read',
  'export:run',
  'admin:users',
  'admin:units',
  'admin:fields',
  'admin:routing',
  'admin:deadlines',
  'admin:calendar',
  'admin:agency',
  'admin:agencies',
  'audit:read',
  'session:revoke',
] as const;
export type Permission = (typeof PERMISSION_KEYS)[number];

const ADMIN = 'admin';
const COORD = 'coordinator';
const HANDLER = 'handler';
const APPROVER = 'approver';
const VIEWER = 'viewer';

export const PERMISSIONS: Record<Permission, readonly Role[]> = {
  'queue:read': [ADMIN, COORD, HANDLER, APPROVER, VIEWER],
  'pakn:read:any': [ADMIN, COORD, VIEWER],
  // Unit roles read through canOnPakn; an approver without a unit (agency leader) thereby reads everything.
  'pakn:read:unit': [HANDLER, APPROVER],
  // Data minimisation (Luật 91/2025): only people who write to or sign for the submitter see contacts.
  'pakn:contact:read': [COORD, HANDLER, APPROVER],
  'pakn:classify': [COORD],
  'pakn:refuse': [COORD],
  'pakn:transfer': [COORD],
  'pakn:forward': [COORD],
  'pakn:duplicate': [COORD],
  'pakn:assign': [COORD],
  'pakn:intake': [COORD],
  'pakn:take': [HANDLER],
  'pakn:note': [COORD, HANDLER, APPROVER],
  'pakn:request_info': [COORD, HANDLER],
  'pakn:extend': [COORD, HANDLER],
  'pakn:draft': [HANDLER],
  'pakn:submit': [HANDLER],
  'pakn:approve': [APPROVER],
  // NĐ 20 Điều 15: the coordinating office may also send an unsuitable answer back before it goes out.
  'pakn:return': [COORD, APPROVER],
  'pakn:publish': [COORD],
  'report:read': [ADMIN, COORD, APPROVER, VIEWER],
  // Periodic reports to the higher authority (TT 01/2020) are compiled by the coordinating office.
  'export:run': [ADMIN, COORD],
  'admin:users': [ADMIN],
  'admin:units': [ADMIN],
  'admin:fields': [ADMIN],
  'admin:routing': [ADMIN],
  'admin:deadlines': [ADMIN],
  'admin:calendar': [ADMIN],
  'admin:agency': [ADMIN],
  'admin:agencies': [ADMIN],
  'audit:read': [ADMIN],
  'session:revoke': [ADMIN],
};

export type Actor = { id: number; role: Role; unitId: number | null };

export function can(actor: Actor, permission: Permission): boolean {
  return PERMISSIONS[permission].includes(actor.role);
}

/** Handlers always, approvers only when they lead a unit: an approver with no unit is the agency leader. */
export function isUnitScoped(actor: Actor): boolean {
  return actor.role === HANDLER || (actor.role === APPROVER && actor.unitId !== null);
}

/** unit-scoped check: may this actor act on a PAKN currently assigned to unitId (null = unassigned)? */
export function canOnPakn(actor: Actor, permission: Permission, pakn: { unitId: number | null }): boolean {
  if (!can(actor, permission)) return false;
  if (!isUnitScoped(actor)) return true;
  // A handler without a unit is a misconfigured account: it must not silently see unassigned items.
  return actor.unitId !== null && pakn.unitId === actor.unitId;
}

export function canReadPakn(actor: Actor, pakn: { unitId: number | null }): boolean {
  return can(actor, 'pakn:read:any') || canOnPakn(actor, 'pakn:read:unit', pakn);
}

export const ACTION_PERMISSION: Record<Action, Permission> = {
  assign: 'pakn:assign',
  refuse: 'pakn:refuse',
  transfer: 'pakn:transfer',
  forward: 'pakn:forward',
  mark_duplicate: 'pakn:duplicate',
  reassign: 'pakn:assign',
  take: 'pakn:take',
  request_info: 'pakn:request_info',
  // Whoever may ask for information may also record that it arrived and restart the clock.
  receive_info: 'pakn:request_info',
  // Closing after the wait is a refusal for reason R03, so it needs the same authority as refusing.
  close_no_info: 'pakn:refuse',
  draft: 'pakn:draft',
  edit_draft: 'pakn:draft',
  submit: 'pakn:submit',
  approve: 'pakn:approve',
  return: 'pakn:return',
  // "Tiếp tục nghiên cứu" is an outcome communicated in the agency's name, so a leader decides it.
  keep_studying: 'pakn:approve',
  resume_study: 'pakn:take',
  reopen: 'pakn:assign',
};

/** Workflow actions this actor may perform on this PAKN right now (status allows it and the actor is entitled). */
export function availableActions(actor: Actor, pakn: { status: Status; unitId: number | null }): Action[] {
  return allowedActions(pakn.status).filter((a) => canOnPakn(actor, ACTION_PERMISSION[a], pakn));
}

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  coordinator: { vi: 'Cán bộ đầu mối tiếp nhận', en: 'Coordinator' },
  handler: { vi: 'Chuyên viên xử lý', en: 'Handler' },
  approver: { vi: 'Lãnh đạo phê duyệt', en: 'Approver' },
  viewer: { vi: 'Người theo dõi', en: 'Viewer' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSION_KEYS as readonly string[]).includes(value);
}
