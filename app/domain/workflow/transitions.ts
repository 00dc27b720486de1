/**
 * PAKN state machine (NĐ 20/2008 Điều 9, 14, 15 as amended by NĐ 92/2017; spec §4–§6).
 * Pure data + functions so the same rules drive the UI buttons, the server guards and the reports.
 */

export const STATUSES = [
  'received',
  'refused',
  'transferred',
  'forwarded',
  'assigned',
  'in_progress',
  'awaiting_info',
  'drafted',
  'awaiting_approval',
  'returned',
  'keep_studying',
  'answered',
  'duplicate',
  'closed_no_info',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = [
  'assign',
  'refuse',
  'transfer',
  'forward',
  'mark_duplicate',
  'reassign',
  'take',
  'request_info',
  'receive_info',
  'close_no_info',
  'draft',
  'edit_draft',
  'submit',
  'approve',
  'return',
  'keep_studying',
  'resume_study',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Transition = {
  from: Status;
  action: Action;
  to: Status;
  requiresNote: boolean;
  pausesClock?: boolean;
  resumesClock?: boolean;
};

type ClockEffect = Pick<Transition, 'pausesClock' | 'resumesClock'>;
const t = (
  from: Status,
  action: Action,
  to: Status,
  requiresNote: boolean,
  clock: ClockEffect = {},
): Transition => Object.freeze({ from, action, to, requiresNote, ...clock });

export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // Classification of a registered PAKN (Điều 9): exactly one of the four legal classes, or a duplicate.
  t('received', 'assign', 'assigned', false), // class 3: within competence; the unit itself is the record
  t('received', 'refuse', 'refused', true), // class 1: the submitter must be told why (R01–R08) and where to go
  t('received', 'transfer', 'transferred', true), // class 4: the transfer letter must name the competent agency
  t('received', 'forward', 'forwarded', true), // class 2: behaviour goes to whoever handles it under its own law
  t('received', 'mark_duplicate', 'duplicate', true), // the link/explanation is what the submitter is shown

  // Misrouted items found by the unit before work starts: the coordinator re-classifies without reopening intake.
  t('assigned', 'refuse', 'refused', true),
  t('assigned', 'transfer', 'transferred', true),
  t('assigned', 'forward', 'forwarded', true), // a behaviour complaint can also be spotted only after routing
  t('assigned', 'mark_duplicate', 'duplicate', true),
  t('assigned', 'reassign', 'assigned', true), // moving work between units must be justified in the audit trail
  t('in_progress', 'reassign', 'assigned', true), // study can reveal it belongs to another unit's remit

  t('assigned', 'take', 'in_progress', false), // a named handler becomes accountable

  // Additional information (Điều 14): the answer deadline must not run while the submitter holds the ball.
  t('in_progress', 'request_info', 'awaiting_info', true, { pausesClock: true }), // the note is what we ask for
  t('awaiting_info', 'receive_info', 'in_progress', false, { resumesClock: true }), // the reply is the evidence
  t('awaiting_info', 'close_no_info', 'closed_no_info', false), // reason is fixed (R03 after the wait)

  // Answer preparation and sign-off (Điều 15): a leader approves before the letter goes out.
  t('in_progress', 'draft', 'drafted', false), // the draft body itself is the content, no separate note
  t('drafted', 'edit_draft', 'drafted', false), // iterative edits keep the same step
  t('drafted', 'submit', 'awaiting_approval', false), // only a leader may let an answer leave the agency
  t('awaiting_approval', 'approve', 'answered', false), // approval is the signature of the công văn
  t('awaiting_approval', 'return', 'returned', true), // rework is useless without the reviewer's comment
  t('returned', 'edit_draft', 'drafted', false), // rework resumes the normal drafting loop
  t('returned', 'submit', 'awaiting_approval', false), // a return may need no change (e.g. reviewer mistake)

  // "Chưa đủ cơ sở, tiếp tục nghiên cứu" is a legal intermediate outcome, decided with its reasons recorded.
  // The clock keeps running: pausing it would hide long-studied items from the overdue figures.
  t('in_progress', 'keep_studying', 'keep_studying', true),
  t('drafted', 'keep_studying', 'keep_studying', true),
  t('awaiting_approval', 'keep_studying', 'keep_studying', true), // the leader reviewing the draft decides this
  t('keep_studying', 'resume_study', 'in_progress', false), // study concluded, back to a normal answer

  // The submitter asked for reconsideration (rating page): the coordinator sends it back to its unit.
  t('answered', 'reopen', 'assigned', true),
]);

const byKey = new Map<string, Transition>(TRANSITIONS.map((tr) => [`${tr.from}|${tr.action}`, tr]));

export function findTransition(from: Status, action: Action): Transition | undefined {
  return byKey.get(`${from}|${action}`);
}

export function nextStatus(from: Status, action: Action): Status | null {
  return findTransition(from, action)?.to ?? null;
}

export function allowedActions(from: Status): Action[] {
  // Keeps ACTIONS order so buttons render in a stable order regardless of how TRANSITIONS is arranged.
  const available = new Set(TRANSITIONS.filter((tr) => tr.from === from).map((tr) => tr.action));
  return ACTIONS.filter((a) => available.has(a));
}

const CLOSED: ReadonlySet<Status> = new Set<Status>([
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'answered',
  'closed_no_info',
]);

/** keep_studying stays open: it is an intermediate outcome and must still show up as pending in reports. */
export function isOpen(s: Status): boolean {
  return !CLOSED.has(s);
}

export function isClosed(s: Status): boolean {
  return CLOSED.has(s);
}

// Closed without an answer (spec §4 classes 1, 2, 4, a duplicate; §6 the R03 closure): the answer deadline
// no longer applies, so pages show the closure instead of a due date. An answered PAKN keeps its due date,
// against which it was on time or late.
const CLOSED_WITHOUT_ANSWER: ReadonlySet<Status> = new Set<Status>([
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closed_no_info',
]);

export function answerClockApplies(s: Status): boolean {
  return !CLOSED_WITHOUT_ANSWER.has(s);
}

export const STATUS_LABELS: Record<Status, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  transferred: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Transferred to competent agency' },
  forwarded: { vi: 'Đã chuyển xử lý hành vi', en: 'Forwarded (administrative behaviour)' },
  assigned: { vi: 'Đã giao đơn vị xử lý', en: 'Assigned to unit' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  awaiting_info: { vi: 'Chờ bổ sung thông tin', en: 'Awaiting information' },
  drafted: { vi: 'Đã có dự thảo trả lời', en: 'Answer drafted' },
  awaiting_approval: { vi: 'Chờ lãnh đạo duyệt', en: 'Awaiting approval' },
  returned: { vi: 'Bị trả lại để chỉnh sửa', en: 'Returned for rework' },
  keep_studying: { vi: 'Chưa đủ cơ sở, tiếp tục nghiên cứu', en: 'Further study needed' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
  closed_no_info: { vi: 'Đóng do không bổ sung thông tin', en: 'Closed: no information supplied' },
};

export const ACTION_LABELS: Record<Action, { vi: string; en: string }> = {
  assign: { vi: 'Giao đơn vị xử lý', en: 'Assign to unit' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  transfer: { vi: 'Chuyển cơ quan có thẩm quyền', en: 'Transfer to competent agency' },
  forward: { vi: 'Chuyển xử lý hành vi', en: 'Forward (behaviour)' },
  mark_duplicate: { vi: 'Đánh dấu trùng lặp', en: 'Mark as duplicate' },
  reassign: { vi: 'Giao lại đơn vị khác', en: 'Reassign' },
  take: { vi: 'Nhận xử lý', en: 'Take' },
  request_info: { vi: 'Yêu cầu bổ sung thông tin', en: 'Request information' },
  receive_info: { vi: 'Đã nhận thông tin bổ sung', en: 'Information received' },
  close_no_info: { vi: 'Đóng do không bổ sung thông tin', en: 'Close: no information' },
  draft: { vi: 'Soạn dự thảo trả lời', en: 'Draft answer' },
  edit_draft: { vi: 'Chỉnh sửa dự thảo', en: 'Edit draft' },
  submit: { vi: 'Trình lãnh đạo duyệt', en: 'Submit for approval' },
  approve: { vi: 'Phê duyệt trả lời', en: 'Approve answer' },
  return: { vi: 'Trả lại để chỉnh sửa', en: 'Return for rework' },
  keep_studying: { vi: 'Tiếp tục nghiên cứu', en: 'Keep studying' },
  resume_study: { vi: 'Tiếp tục xử lý', en: 'Resume handling' },
  reopen: { vi: 'Mở lại để xem xét lại', en: 'Reopen for reconsideration' },
};

export class TransitionError extends Error {
  constructor(
    public readonly from: Status,
    public readonly action: Action,
  ) {
    super(`Action "${action}" is not allowed from status "${from}"`);
    this.name = 'TransitionError';
  }
}

export function assertTransition(from: Status, action: Action): Status {
  const to = nextStatus(from, action);
  if (to === null) throw new TransitionError(from, action);
  return to;
}

export type PublicStatusKey =
  | 'received'
  | 'processing'
  | 'awaiting_info'
  | 'keep_studying'
  | 'answered'
  | 'refused'
  | 'transferred'
  | 'forwarded'
  | 'duplicate'
  | 'closed_no_info';

const PUBLIC_LABELS: Record<PublicStatusKey, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Being handled' },
  awaiting_info: { vi: 'Chờ bổ sung thông tin', en: 'Waiting for your information' },
  keep_studying: { vi: 'Đang tiếp tục nghiên cứu', en: 'Under further study' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  refused: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  transferred: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Transferred to the competent agency' },
  forwarded: { vi: 'Đã chuyển cơ quan xử lý theo quy định', en: 'Forwarded to the responsible body' },
  duplicate: { vi: 'Trùng với phản ánh, kiến nghị khác', en: 'Duplicate of another submission' },
  closed_no_info: {
    vi: 'Đã đóng do không nhận được thông tin bổ sung',
    en: 'Closed: information not received',
  },
};

// Internal review steps are not the citizen's business and would leak how the agency is organised; awaiting_info
// stays distinct because the citizen has to act on it.
const PUBLIC_KEY: Record<Status, PublicStatusKey> = {
  received: 'received',
  refused: 'refused',
  transferred: 'transferred',
  forwarded: 'forwarded',
  assigned: 'processing',
  in_progress: 'processing',
  awaiting_info: 'awaiting_info',
  drafted: 'processing',
  awaiting_approval: 'processing',
  returned: 'processing',
  keep_studying: 'keep_studying',
  answered: 'answered',
  duplicate: 'duplicate',
  closed_no_info: 'closed_no_info',
};

export function publicStatus(s: Status): { key: PublicStatusKey; vi: string; en: string } {
  const key = PUBLIC_KEY[s];
  return { key, ...PUBLIC_LABELS[key] };
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}
