// The public, redacted version of a public document (refusal, late apology, transfer letter): plan VI.3/VI.4.
// Anything else, or a document that does not exist, is a 404.
import type { LoaderFunctionArgs } from '@remix-run/node';

import {
  documentNotFound,
  documentPage,
  htmlResponse,
  parseDocumentId,
} from '~/exports/documents/page.server';
import { getPublicDocument } from '~/models/documents.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const id = parseDocumentId(params.id);
  const found = id ? await getPublicDocument({ id }) : null;
  if (!found) return documentNotFound(locale);
  const { document: d, publicDoc, publishedCode } = found;
  const html = documentPage(publicDoc, {
    lang: locale,
    navLabel: t('documents.toolbar.label'),
    links: [
      { href: '/so-cong-khai', label: t('documents.toolbar.register') },
      ...(publishedCode
        ? [
            {
              href: `/cong-khai/${publishedCode}`,
              label: t('documents.toolbar.published', { code: publishedCode }),
            },
          ]
        : []),
      { href: `/van-ban/${d.id}.pdf`, label: t('documents.toolbar.pdf') },
    ],
    hint: t('documents.toolbar.printHint'),
    notice: t('documents.toolbar.publicNotice'),
  });
  return htmlResponse(html, { cache: 'public' });
}
