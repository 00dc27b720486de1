// The agency's own details (site header and footer, receipts, letters) and its PAKN code prefix.
import { z } from 'zod';

import { email, longText, optText, text } from './schema-parts';

/** The form's fields in page order, with their length limits (the page and the schema agree). */
export const AGENCY_FIELDS = [
  { name: 'name', max: 200 },
  { name: 'nameEn', max: 200 },
  { name: 'parentName', max: 200, optional: true },
  { name: 'province', max: 100, optional: true },
  { name: 'address', max: 300 },
  { name: 'phone', max: 50, inputMode: 'tel' },
  { name: 'hotline', max: 50, inputMode: 'tel' },
  { name: 'email', max: 254, type: 'email' },
  { name: 'website', max: 200, optional: true, type: 'url' },
  { name: 'officeHours', max: 300, area: true },
  { name: 'officeHoursEn', max: 300, area: true },
  { name: 'signerTitle', max: 100, optional: true },
  { name: 'signerName', max: 120, optional: true },
  { name: 'codePrefix', max: 12 },
] as const;

export const agencySchema = z.object({
  name: text(200),
  nameEn: text(200),
  parentName: optText(200),
  address: text(300),
  phone: text(50),
  hotline: text(50),
  email,
  website: optText(200).refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), 'admin.errors.url'),
  officeHours: longText(300),
  officeHoursEn: longText(300),
  // PAKN_CODE_PATTERN accepts 1–12 capital letters or digits before the year.
  codePrefix: text(12)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{1,12}$/, 'admin.errors.codePrefix')),
  province: optText(100),
  signerTitle: optText(100),
  signerName: optText(120),
});
export type AgencyValues = z.output<typeof agencySchema>;
