// Units (phòng, ban, chi cục): a unit in use is deactivated rather than deleted.
import { z } from 'zod';

import { checkbox, code, email, int, text } from './schema-parts';

export const unitSchema = z.object({
  code: code(20),
  name: text(200),
  nameEn: text(200),
  email,
  sortOrder: int(0, 999, 0),
  active: checkbox,
});
export type UnitValues = z.output<typeof unitSchema>;
