// The outbox page's one form: "retry now", a button whose hidden intent is all it sends.
import { z } from 'zod';

export const outboxRetrySchema = z.object({
  intent: z.literal('retry', { errorMap: () => ({ message: 'admin.errors.badRequest' }) }),
});
