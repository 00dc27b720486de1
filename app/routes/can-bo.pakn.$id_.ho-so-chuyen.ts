// The printable transfer bundle (letter + PAKN + list of files) for an agency without e-mail: staff who may
// transfer the PAKN; 404 otherwise.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requireStaff } from '~/auth/guards.server';
import { documentNotFound, htmlResponse } from '~/exports/documents/page.server';
import { transferBundlePage } from '~/exports/transfer-bundle.server';
import { openTransferBundle } from '~/models/transfer-delivery.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const locale = getLocale(request);
  const id = params.id && /^\d{1,12}$/.test(params.id) ? Number(params.id) : null;
  const bundle = id ? await openTransferBundle({ actor, paknId: id, ip: clientIp(context) }) : null;
  if (!bundle) return documentNotFound(locale);
  return htmlResponse(transferBundlePage(bundle, { t: getT(locale), lang: locale }), { cache: 'private' });
}
