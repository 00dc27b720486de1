// The shared pieces of the templates: text clean-up, how the submitter is addressed, the common paragraphs and the
// frame (header, number, date, signer) every document is set in.
import { formatDateVi } from '~/domain/dates';
import type { OfficialDocument } from '~/domain/official-document';
import { salutation } from '~/domain/salutation';
import { DOCUMENT_HEADINGS } from './legal-text';
import type { Common, DocumentType, SubmitterInfo } from './types';

/** NFC, no control characters except line breaks, trimmed. */
export function clean(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
}

/** Markdown source (the answer): NFC, no control characters except line breaks; indentation kept (nested lists). */
export function cleanMarkdown(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .replace(/^\s*\n|\s+$/g, '');
}

/** Staff text → paragraphs (one per non-empty line). */
export function paragraphsOf(s: string | null | undefined): string[] {
  return clean(s)
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(s: string): string {
  return /[.!?…:;]$/.test(s) ? s : `${s}.`;
}

/** 'Ông/Bà' for a person, 'Quý tổ chức' for an organisation (app/domain/salutation.ts, as in the e-mails). */
export function formOfAddress(sub: SubmitterInfo): string {
  return salutation(sub, 'vi').you;
}

/** The addressee line: 'Ông/Bà Nguyễn Văn An (địa chỉ: …)' or 'Công ty … (người đại diện: …; địa chỉ: …)'. */
export function submitterAddressee(sub: SubmitterInfo): string {
  const address = clean(sub.address);
  if (sub.kind === 'organisation') {
    const rep = clean(sub.representative);
    const extra = [rep ? `người đại diện: ${rep}` : '', address ? `địa chỉ: ${address}` : '']
      .filter(Boolean)
      .join('; ');
    const name = clean(sub.orgName) || clean(sub.fullName);
    return extra ? `${name} (${extra})` : name;
  }
  const name = salutation(sub, 'vi').addressee;
  return address ? `${name} (địa chỉ: ${address})` : name;
}

/** The submitter named in the third person (transfer letters): 'ông/bà Nguyễn Văn An, địa chỉ: …'. */
export function submitterThirdPerson(sub: SubmitterInfo): string {
  const address = clean(sub.address);
  const at = address ? `, địa chỉ: ${address}` : '';
  if (sub.kind === 'organisation') {
    const rep = clean(sub.representative);
    return `${clean(sub.orgName) || clean(sub.fullName)}${rep ? ` (người đại diện: ${rep})` : ''}${at}`;
  }
  return `ông/bà ${clean(sub.fullName)}${at}`;
}

export function submitterShort(sub: SubmitterInfo): string {
  return salutation(sub, 'vi').addressee;
}

export const quoted = (title: string) => `“${clean(title).replace(/\s+/g, ' ')}”`;

export function received(c: Common, who: string): string {
  return `Ngày ${formatDateVi(c.pakn.receivedDate)}, ${clean(c.agency.name)} nhận được phản ánh, kiến nghị của ${who} về ${quoted(c.pakn.title)} (mã số ${c.pakn.code}).`;
}

export function contactLine(c: Common, you: string): string {
  const a = c.agency;
  const parts = [
    clean(a.address) ? `địa chỉ: ${clean(a.address)}` : '',
    clean(a.hotline) ? `điện thoại: ${clean(a.hotline)}` : '',
    clean(a.email) ? `thư điện tử: ${clean(a.email)}` : '',
  ].filter(Boolean);
  return `Mọi thông tin cần trao đổi, ${you} vui lòng liên hệ ${clean(a.name)}${parts.length ? `, ${parts.join('; ')}` : ''}.`;
}

/** The last paragraph of an administrative document ends with './.' */
function closeBody(paragraphs: string[]): string[] {
  const out = [...paragraphs];
  const last = out.length - 1;
  if (last >= 0) out[last] = `${(out[last] as string).replace(/[.\s]+$/u, '')}./.`;
  return out;
}

export function frame(
  c: Common,
  type: DocumentType,
  addressee: string,
  paragraphs: string[],
  recipients: string[],
): OfficialDocument {
  const h = DOCUMENT_HEADINGS[type];
  return {
    agencyParent: clean(c.agency.parentName),
    agencyName: clean(c.agency.name),
    number: c.number,
    place: clean(c.agency.province),
    date: formatDateVi(c.issuedDate),
    title: h.title,
    subtitle: h.subtitle,
    addressee,
    paragraphs: closeBody(paragraphs),
    recipients,
    signerTitle: clean(c.agency.signerTitle),
    signerName: clean(c.agency.signerName),
  };
}
