// The staff queue's vocabulary, shared by the server model and the page (which runs in the browser too).
export const QUEUE_TABS = [
  'classify',
  'mine',
  'unit',
  'approval',
  'dueSoon',
  'overdue',
  'reconsider',
  'all',
] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const QUEUE_SORTS = ['due', 'due_desc', 'received_desc', 'received'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
