// Text hygiene for everything a person types: NFC (Vietnamese typed on different keyboards arrives
// as NFC or NFD), no control characters, trimmed. Zero-width and RTL marks are kept as typed:
// they are rendered inert by escaping, and removing them could change a name.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string): string {
  return value.normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
}

export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ');
}

/**
 * Vietnamese numbers in national form (mobile 0[35789]xxxxxxxx, landline 02xxxxxxxxx); other countries'
 * numbers (overseas Vietnamese and foreigners may send PAKN, spec §2) in E.164: `+` then 8–15 digits,
 * the country code not starting with 0. `00` is the international prefix typed by many Europeans.
 */
export function normalisePhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('00')) digits = '+' + digits.slice(2);
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (digits.startsWith('84') && digits.length === 11) digits = '0' + digits.slice(2);
  if (/^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits)) return digits;
  if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
  return null;
}
