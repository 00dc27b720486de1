// The language switcher: a plain form post that sets the cookie and returns to the same page.
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

import { isLocale } from '~/i18n';
import { safeRedirect } from '~/utils/http.server';
import { localeCookie } from '~/utils/i18n.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const lng = form?.get('lng');
  const to = safeRedirect(form?.get('redirectTo'));
  if (!isLocale(lng)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(lng) } });
}

export function loader() {
  return redirect('/');
}
