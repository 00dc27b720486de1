// The private link of the receipt e-mail: proves access once, then the status page takes over.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

import { findPaknByAccessToken } from '~/models/pakn.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { clientIp } from '~/utils/http.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const limit = await hitRateLimit({ bucket: 'follow-link', key: clientIp(context) });
  const found = limit.allowed ? await findPaknByAccessToken(params.token ?? '') : null;
  if (!found) return redirectWithFlash('/theo-doi', 'intake.follow.linkInvalid');
  return redirect(`/theo-doi/${found.code}`, {
    headers: { 'Set-Cookie': await grantFollowAccess(request, found.id), 'Referrer-Policy': 'no-referrer' },
  });
}
