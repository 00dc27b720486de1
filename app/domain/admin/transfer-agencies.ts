// The competent external agencies a PAKN can be transferred to (an agency without e-mail gets a posted bundle).
import { z } from 'zod';

import { checkbox, optEmail, optText, text } from './schema-parts';

export const externalAgencySchema = z.object({
  name: text(200),
  address: optText(300),
  email: optEmail,
  note: optText(500),
  active: checkbox,
});
export type ExternalAgencyValues = z.output<typeof externalAgencySchema>;
