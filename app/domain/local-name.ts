// Configured names (agency, units, fields) are kept in Vietnamese and English.
export type Named = { name: string; nameEn: string };

/** The name in the reader's language; an English name left empty falls back to the Vietnamese one. */
export function localName(x: Named, locale: string): string {
  return locale === 'en' && x.nameEn ? x.nameEn : x.name;
}
