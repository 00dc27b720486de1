// The private link of the receipt e-mail: proves access once, then the status page takes over.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { findPaknByAccessToken } from '~/models/pakn.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { clientIp } from '~/utils/http.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const limit = hitRateLimit({ bucket: 'follow-link', key: clientIp(context) });
  const found = limit.allowed ? findPaknByAccessToken(params.token ?? '') : null;
  if (!found) return redirect('/theo-doi?lien-ket-sai=1');
  return redirect(`/theo-doi/${found.code}`, {
    headers: { 'Set-Cookie': await grantFollowAccess(request, found.id), 'Referrer-Policy': 'no-referrer' },
  });
}
