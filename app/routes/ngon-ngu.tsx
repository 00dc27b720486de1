// The language switcher: a plain form post that sets the cookie and returns to the same page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLocale, LOCALE_COOKIE } from '~/i18n';
import { getEnv } from '~/utils/env.server';
import { safeRedirect } from '~/utils/http.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const lng = form?.get('lng');
  const to = safeRedirect(form?.get('redirectTo'));
  if (!isLocale(lng)) return redirect(to);
  return redirect(to, {
    headers: {
      'Set-Cookie': `${LOCALE_COOKIE}=${lng}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${
        getEnv().NODE_ENV === 'production' ? '; Secure' : ''
      }`,
    },
  });
}

export function loader() {
  return redirect('/');
}
