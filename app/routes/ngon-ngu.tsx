// The language switcher: a plain form post that sets the cookie and returns to the same page.
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

import { languageSwitchSchema } from '~/i18n';
import { parseForm } from '~/utils/forms';
import { safeRedirect } from '~/utils/http.server';
import { localeCookie } from '~/utils/i18n.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const submission = form ? parseForm(form, languageSwitchSchema) : null;
  if (submission?.status !== 'success') return redirect('/');
  const { lng, redirectTo } = submission.value;
  const to = safeRedirect(redirectTo);
  if (!lng) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(lng) } });
}

export function loader() {
  return redirect('/');
}
