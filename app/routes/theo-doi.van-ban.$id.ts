// The submitter's own document, in full, linked from the e-mail of the step. Only for a browser that follows
// the PAKN (follow-session cookie, granted by the look-up or the private link); anyone else goes to the look-up.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

import { documentPage, htmlResponse, parseDocumentId } from '~/exports/documents/page.server';
import { getDocumentForSubmitter } from '~/models/documents.server';
import { getFollowedIds } from '~/utils/follow-session.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseDocumentId(params.id);
  const found = id ? await getDocumentForSubmitter({ id, followedIds: await getFollowedIds(request) }) : null;
  if (!found) return redirect('/theo-doi');
  const locale = getLocale(request);
  const t = getT(locale);
  const { document: d, paknCode } = found;
  const html = documentPage(d.doc, {
    lang: locale,
    navLabel: t('documents.toolbar.label'),
    links: [
      {
        href: `/theo-doi/${encodeURIComponent(paknCode)}`,
        label: t('documents.toolbar.backFollow', { code: paknCode }),
      },
      { href: `/theo-doi/van-ban/${d.id}.pdf`, label: t('documents.toolbar.pdf') },
    ],
    hint: t('documents.toolbar.printHint'),
    noindex: true,
  });
  return htmlResponse(html, { cache: 'private' });
}
