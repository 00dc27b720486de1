// The link of a "PAKN của tôi" e-mail. Opening it shows a button: mail scanners that fetch links
// must not use up a single-use link; pressing the button does.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { consumeMyPaknLink } from '~/models/my-pakn.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { setVerifiedEmail } from '~/utils/my-pakn-session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  return json(
    { pageTitle: `${t('intake.mine.title')} – ${t('app.shortName')}` },
    { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const email = await consumeMyPaknLink(params.token ?? '');
  if (!email) return json({ expired: true }, { status: 410 });
  return redirect('/pakn-cua-toi', { headers: { 'Set-Cookie': await setVerifiedEmail(request, email) } });
}

export default function MyPaknLink() {
  useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t('intake.mine.title')}</h1>
      {result?.expired ? (
        <>
          <p className="notice">{t('intake.mine.linkExpired')}</p>
          <p>
            <Link to="/pakn-cua-toi">{t('intake.mine.askAgain')}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <p>{t('intake.mine.openIntro')}</p>
          <button type="submit" className="button">
            {t('intake.mine.open')}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
