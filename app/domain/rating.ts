// The satisfaction question after an answer and the request for reconsideration (spec §5). Messages are
// i18n keys under pub.rating.errors.
import { z } from 'zod';

import { RATINGS } from './pakn';

export const COMMENT_MAX = 2000;

export const ratingSchema = z
  .object({
    rating: z.enum(RATINGS, { errorMap: () => ({ message: 'rating' }) }),
    comment: z
      .string()
      .optional()
      .transform((v) => (v ?? '').normalize('NFC').trim())
      .pipe(z.string().max(COMMENT_MAX, 'commentTooLong')),
    reconsider: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
  })
  .superRefine((v, ctx) => {
    if (v.reconsider && v.rating !== 'unsatisfied') {
      ctx.addIssue({ code: 'custom', path: ['reconsider'], message: 'reconsiderOnlyUnsatisfied' });
    }
    if (v.reconsider && v.comment.length < 10) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'reconsiderNeedsReason' });
    }
  });

export type RatingInput = z.output<typeof ratingSchema>;
