// The submitter's guard: the follow-up pages of a PAKN (/theo-doi/<code>…) open only in a browser that
// proved it may follow it (code and contact, or a "PAKN của tôi" link); any other goes to the look-up page.
import { redirect } from '@remix-run/node';

import { normaliseCode } from '~/domain/pakn';
import { getSubmitterView } from '~/models/pakn.server';
import { getFollowedIds } from '~/utils/follow-session.server';

/** The submitter's view of the PAKN with this code, or a redirect (thrown) to /theo-doi. */
export async function requireFollowedView(request: Request, code: string | undefined) {
  const wanted = normaliseCode(code ?? '');
  const ids = await getFollowedIds(request);
  const views = await Promise.all(ids.map((id) => getSubmitterView({ id })));
  const view = views.find((v) => v?.pakn.code === wanted);
  if (!view) throw redirect('/theo-doi');
  return view;
}
