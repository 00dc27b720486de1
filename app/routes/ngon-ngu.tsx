// The language switcher: a plain form post that sets the cookie and returns to the same page.
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

import { languageSwitchSchema, LOCALE_COOKIE } from '~/i18n';
import { parseForm } from '~/utils/forms';
import { safeRedirect } from '~/utils/http.server';
import { localeCookie } from '~/utils/i18n.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const submission = form ? parseForm(form, languageSwitchSchema) : null;
  if (submission?.status !== 'success') return redirect('/');
  const { lng, redirectTo } = submission.value;
  // back to the page, less a language its link named (?lng=en, from an e-mail): it would win over the choice
  const to = withoutLinkLanguage(safeRedirect(redirectTo));
  if (!lng) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(lng) } });
}

function withoutLinkLanguage(path: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.delete(LOCALE_COOKIE);
  return url.pathname + url.search + url.hash;
}

export function loader() {
  return redirect('/');
}
