// Home: what a PAKN is and is not, how to send one, where to send it otherwise, and the way in.
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Trans, useTranslation } from 'react-i18next';

import { AgencyContact } from '~/components/agency-contact';
import { NotAcceptedList } from '~/components/not-accepted';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { localName } from '~/domain/local-name';
import { getAgency, getDeadlineRules } from '~/models/config.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'description', content: data?.description ?? '' },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const agency = await getAgency();
  const answer = (await getDeadlineRules()).answer;
  const agencyName = localName(agency, locale);
  return json(
    {
      agencyName,
      answerDays: answer.days,
      answerUnit: answer.unit,
      pageTitle: `${t('app.name')} – ${agencyName}`,
      description: t('intake.home.lead', { agency: agencyName }),
    },
    { headers: PUBLIC_CACHE },
  );
}

export default function Home() {
  const { agencyName, answerDays, answerUnit } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const values = { agency: agencyName };
  return (
    <div className="home">
      <section className="hero">
        <h1>{t('intake.home.title')}</h1>
        <p className="lead">{t('intake.home.lead', values)}</p>
        <p>
          <Link to="/gop-y" className="button button-start">
            {t('intake.home.start')}
            <span aria-hidden="true"> →</span>
          </Link>
        </p>
        <p>
          <Link to="/theo-doi">{t('intake.home.followCta')}</Link>
        </p>
        <p className="hint">
          {t('intake.home.deadlineNote', { days: answerDays, unit: t(`intake.home.dayUnit_${answerUnit}`) })}
        </p>
      </section>
      <div className="columns">
        <section>
          <h2>{t('intake.home.whatTitle')}</h2>
          <p>
            <Trans i18nKey="intake.home.whatPhanAnh" />
          </p>
          <p>
            <Trans i18nKey="intake.home.whatKienNghi" />
          </p>
          <h2>{t('intake.home.howTitle')}</h2>
          <ol className="steps">
            <li>{t('intake.home.how1')}</li>
            <li>{t('intake.home.how2')}</li>
            <li>{t('intake.home.how3')}</li>
          </ol>
          <p className="notice">{t('intake.home.languageNote')}</p>
        </section>
        <section>
          <NotAcceptedList agency={agencyName} />
          <h2>{t('intake.home.otherChannelsTitle')}</h2>
          <p>{t('intake.home.otherChannels')}</p>
          <AgencyContact />
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
