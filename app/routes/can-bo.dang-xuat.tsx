// Sign-out: a POST only (a link could be triggered by another site); ends the session on the server.
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

import { assertSameOrigin } from '~/auth/guards.server';
import { signOut } from '~/auth/sign-in.server';
import { clientIp } from '~/utils/http.server';

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const setCookie = await signOut(request, clientIp(context));
  return redirect('/can-bo/dang-nhap?da-dang-xuat=1', { headers: { 'Set-Cookie': setCookie } });
}

export function loader() {
  return redirect('/can-bo');
}
