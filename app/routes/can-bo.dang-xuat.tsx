// Sign-out: a POST only (a link could be triggered by another site); ends the session on the server.
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

import { assertSameOrigin } from '~/auth/guards.server';
import { signOut } from '~/auth/sign-in.server';
import { ACCOUNT_FLASH } from '~/domain/staff-account';
import { redirectWithFlash } from '~/utils/flash.server';
import { clientIp } from '~/utils/http.server';

export async function action({ request, context }: ActionFunctionArgs) {
  await assertSameOrigin(request);
  const setCookie = await signOut(request, clientIp(context));
  return redirectWithFlash('/can-bo/dang-nhap', ACCOUNT_FLASH.signedOut, {
    headers: { 'Set-Cookie': setCookie },
  });
}

export function loader() {
  return redirect('/can-bo');
}
