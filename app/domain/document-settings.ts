// The abbreviations in document numbers (Nghị định 30/2020/NĐ-CP) as settings: which keys, and the form that edits
// them (ASCII letters and digits, upper case). The reading and writing: app/models/document-settings.server.ts.
import { z } from 'zod';

export const DOCUMENT_NUMBER_SETTINGS = [
  { key: 'documents.agencyAbbreviation', name: 'agencyAbbreviation' },
  { key: 'documents.draftingUnit', name: 'draftingUnit' },
] as const;
export type DocumentNumberSettingName = (typeof DOCUMENT_NUMBER_SETTINGS)[number]['name'];

// ASCII letters and digits: the abbreviation is part of file names and of the number read aloud
const abbreviation = z
  .string({ required_error: 'admin.errors.required', invalid_type_error: 'admin.errors.required' })
  .transform((v) => v.trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'admin.errors.required')
      .regex(/^[A-Z0-9]{1,20}$/, 'admin.errors.abbreviation'),
  );

export const documentNumberSettingsSchema = z.object({
  agencyAbbreviation: abbreviation,
  draftingUnit: abbreviation,
});
