// The staff queue's vocabulary, shared by the server model and the page (which runs in the browser too).
import { z } from 'zod';

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

// ---------- the queue page's forms (parsed by the action, checked in the browser) ----------

export const SAVED_FILTER_NAME_MAX = 60;
export const SAVED_FILTERS_MAX = 20;
const SAVED = 'staff.queue.saved.errors.';

/** Where to go back to after a post (checked by safeRedirect on the server). */
const returnTo = z.string().optional();

/** "Save these filters" under a name: the name's spaces folded, as it is stored. */
export const saveFilterSchema = z.object({
  intent: z.literal('save_filter'),
  name: z
    .string({ invalid_type_error: `${SAVED}nameRequired` })
    .optional()
    .transform((v) => (v ?? '').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `${SAVED}nameRequired`)
        .max(SAVED_FILTER_NAME_MAX, `${SAVED}nameTooLong|max=${SAVED_FILTER_NAME_MAX}`),
    ),
  query: z.string({ invalid_type_error: 'staff.errors.badRequest' }).optional().default(''),
  returnTo,
});

/** "Delete" beside a saved filter: its id (another user's, or none, is a 404). */
export const deleteFilterSchema = z.object({
  intent: z.literal('delete_filter'),
  id: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  returnTo,
});

const ID_VERSION = /^(\d{1,12})\.(\d{1,9})$/;

/** Bulk assignment: the ticked rows (`id.version` each) and the unit. */
export const bulkAssignSchema = z.object({
  intent: z.literal('bulk_assign'),
  returnTo,
  ids: z
    .union([z.string(), z.array(z.string())], { errorMap: () => ({ message: 'staff.errors.badRequest' }) })
    .optional()
    .transform((v, ctx) => {
      const items = [v ?? []].flat().map((one) => ID_VERSION.exec(one));
      if (items.some((m) => m === null)) ctx.addIssue({ code: 'custom', message: 'staff.errors.badRequest' });
      return items.flatMap((m) => (m ? [{ id: Number(m[1]), version: Number(m[2]) }] : []));
    })
    .pipe(z.array(z.object({ id: z.number(), version: z.number() })).min(1, 'staff.errors.noneSelected')),
  unitId: z
    .string({ required_error: 'staff.errors.unknownUnit', invalid_type_error: 'staff.errors.unknownUnit' })
    .regex(/^\d{1,9}$/, 'staff.errors.unknownUnit')
    .transform(Number),
});
