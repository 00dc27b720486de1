// The printable bundle of a transfer to an agency without e-mail: the transfer letter, then the PAKN in full
// (with the submitter's contact, which the receiving agency needs to answer) and the list of its files, to print
// and post. Staff only: the data comes from openTransferBundle (app/models/transfer-delivery.server.ts), which
// checks access and audits the view of the contact.
import { formatDateVi } from '~/domain/dates';
import type { OfficialDocument } from '~/domain/official-document';
import type { pakn } from '~db/schema';
import type { getT } from '~/utils/i18n.server';
import { documentPage } from './documents/page.server';

type Pakn = (typeof pakn)['$inferSelect'];

/** What the bundle shows: the PAKN, its transfer letter, the receiving agency and the PAKN's files. */
export type TransferBundleData = {
  pakn: Pick<
    Pakn,
    'id' | 'code' | 'receivedDate' | 'title' | 'content' | 'submitterKind' | 'orgName' | 'fullName'
  > &
    Pick<Pakn, 'address' | 'phone' | 'email'>;
  letter: { id: number; doc: OfficialDocument };
  target: { name: string };
  files: ReadonlyArray<{ originalName: string; size: number }>;
};

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The bundle's HTML page: the letter with the toolbar, then the PAKN and its files on a page of their own. */
export function transferBundlePage(
  b: TransferBundleData,
  { t, lang }: { t: ReturnType<typeof getT>; lang: string },
): string {
  const p = b.pakn;
  const letter = b.letter;
  const k = (key: string, o: Record<string, unknown> = {}) => t(`staff.transferBundle.${key}`, o);
  const row = (label: string, value: string | null) =>
    value ? `<p><strong>${esc(label)}:</strong> ${esc(value)}</p>` : '';
  const files = b.files.length
    ? `<ul>${b.files.map((f) => `<li>${esc(f.originalName)} (${Math.ceil(f.size / 1024)} KB)</li>`).join('')}</ul>`
    : `<p>${esc(k('noFiles'))}</p>`;
  const section = `<section class="bundle-pakn" style="break-before:page;max-width:48rem;margin:2rem auto;padding:0 1rem">
<h2>${esc(k('paknHeading', { code: p.code }))}</h2>
${row(k('received'), formatDateVi(p.receivedDate))}
${row(k('title'), p.title)}
<h3>${esc(k('content'))}</h3>
<p style="white-space:pre-wrap">${esc(p.content)}</p>
<h3>${esc(k('submitter'))}</h3>
${row(k('name'), p.submitterKind === 'organisation' && p.orgName ? `${p.orgName} (${p.fullName})` : p.fullName)}
${row(k('address'), p.address)}
${row(k('phone'), p.phone)}
${row(k('email'), p.email)}
<p><em>${esc(k('contactPurpose'))}</em></p>
<h3>${esc(k('files'))}</h3>
${files}
</section>
`;
  const html = documentPage(letter.doc, {
    lang,
    navLabel: t('documents.toolbar.label'),
    links: [
      { href: `/can-bo/pakn/${p.id}`, label: t('documents.toolbar.backStaff', { code: p.code }) },
      { href: `/can-bo/van-ban/${letter.id}.pdf`, label: t('documents.toolbar.pdf') },
    ],
    hint: t('documents.toolbar.printHint'),
    notice: k('notice', { agency: b.target.name }),
    noindex: true,
  });
  return html.replace(/<\/body>/, () => `${section}</body>`);
}
