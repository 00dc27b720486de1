// The private link of the receipt e-mail: proves access once, then the status page takes over.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

import { DEFAULT_LOCALE, isLocale } from '~/i18n';
import { findPaknByAccessToken } from '~/models/pakn.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { clientIp } from '~/utils/http.server';
import { chosenLocale, localeCookie } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const limit = await hitRateLimit({ bucket: 'follow-link', key: clientIp(context) });
  const found = limit.allowed ? await findPaknByAccessToken(params.token ?? '') : null;
  if (!found) return redirectWithFlash('/theo-doi', 'intake.follow.linkInvalid');
  const headers = new Headers({
    'Set-Cookie': await grantFollowAccess(request, found.id),
    'Referrer-Policy': 'no-referrer',
  });
  // opened where no language was chosen (the e-mail read on another device): the page in the PAKN's language
  if (!chosenLocale(request) && isLocale(found.lang) && found.lang !== DEFAULT_LOCALE)
    headers.append('Set-Cookie', localeCookie(found.lang));
  return redirect(`/theo-doi/${found.code}`, { headers });
}
