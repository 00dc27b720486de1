// The printable transfer bundle (letter + PAKN + list of files) for an agency without e-mail: staff who may
// transfer the PAKN; 404 otherwise.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { documentNotFound, htmlResponse } from '~/models/documents.server';
import { transferBundlePage } from '~/models/transfer-bundle.server';
import { requireStaff } from '~/auth/guards.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const locale = getLocale(request);
  const id = params.id && /^\d{1,12}$/.test(params.id) ? Number(params.id) : null;
  const html = id
    ? transferBundlePage({ actor, paknId: id, t: getT(locale), lang: locale, ip: clientIp(context) })
    : null;
  if (!html) return documentNotFound(locale);
  return htmlResponse(html, { cache: 'private' });
}
