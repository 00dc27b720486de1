// A document for staff: the printable page (A4 print CSS) of a document of a PAKN the actor may read;
// the full text for those who may read contacts (audited), the redacted text for the others. 404 otherwise.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requireStaff } from '~/auth/guards.server';
import {
  documentNotFound,
  documentPage,
  htmlResponse,
  parseDocumentId,
} from '~/exports/documents/page.server';
import { documentVersion, getDocumentForStaff } from '~/models/documents.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const locale = getLocale(request);
  const t = getT(locale);
  const id = parseDocumentId(params.id);
  const found = id ? await getDocumentForStaff({ actor, id, ip: clientIp(context) }) : null;
  if (!found) return documentNotFound(locale);
  const { document: d, full, paknCode } = found;
  const links = [
    ...(d.paknId && paknCode
      ? [{ href: `/can-bo/pakn/${d.paknId}`, label: t('documents.toolbar.backStaff', { code: paknCode }) }]
      : []),
    { href: `/can-bo/van-ban/${d.id}.pdf`, label: t('documents.toolbar.pdf') },
    ...(d.isPublic ? [{ href: `/van-ban/${d.id}`, label: t('documents.toolbar.publicVersion') }] : []),
  ];
  const html = documentPage(await documentVersion(d, !full), {
    lang: locale,
    navLabel: t('documents.toolbar.label'),
    links,
    hint: t('documents.toolbar.printHint'),
    notice: full ? undefined : t('documents.toolbar.redactedNotice'),
    noindex: true,
  });
  return htmlResponse(html, { cache: 'private' });
}
