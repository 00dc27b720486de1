// Fields (lĩnh vực) and the unit each routes to by default.
import { z } from 'zod';

import { checkbox, code, int, optId, text } from './schema-parts';

export const fieldSchema = z.object({
  code: code(20),
  name: text(200),
  nameEn: text(200),
  defaultUnitId: optId,
  sortOrder: int(0, 999, 0),
  active: checkbox,
});
export type FieldValues = z.output<typeof fieldSchema>;
