// One published answer at a stable URL: facts, the public timeline, the answer and its documents.
// Unknown codes answer 404 and withdrawn ones 410, each with a helpful page.
import {
  type HeadersFunction,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { normaliseCode } from '~/domain/pakn';
import { CONTENT_LANG } from '~/i18n';
import { getPublished } from '~/models/public.server';
import { publicGroup } from '~/models/public-groups.server';
import { getEnv } from '~/utils/env.server';
import { errorMeta, rootLocale } from '~/utils/error-meta';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { renderSafeMarkdown } from '~/utils/markdown.server';

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  data
    ? [
        { title: data.pageTitle },
        { name: 'description', content: data.description },
        { property: 'og:type', content: 'article' },
        { property: 'og:title', content: data.pakn.title },
        { property: 'og:description', content: data.description },
        { property: 'og:url', content: data.url },
        { name: 'twitter:card', content: 'summary' },
        { tagName: 'link', rel: 'canonical', href: data.url },
      ]
    : errorMeta(error, rootLocale(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const code = normaliseCode(params.code ?? '');
  const found = await getPublished({ code });
  const group = await publicGroup({ code });
  // a PAKN answered with a group is published on its lead's page (issue #15)
  if (!found && group?.leadPublished && group.leadCode !== code)
    throw redirect(`/cong-khai/${group.leadCode}`);
  if (!found) throw json({ code, kind: 'notFound' }, { status: 404 });
  if (found.status === 'withdrawn') {
    throw json({ code, kind: 'withdrawn', reason: found.reason }, { status: 410, headers: PUBLIC_CACHE });
  }
  const { pakn: p, field, unit, timeline, files, documents } = found;
  const name = (x?: { name: string; nameEn: string }) => (x ? localName(x, locale) : null);
  return json(
    {
      url: `${getEnv().BASE_URL}/cong-khai/${p.code}`,
      pageTitle: `${p.title} (${p.code}) – ${t('app.shortName')}`,
      description: p.summary.slice(0, 200),
      pakn: {
        ...p,
        receivedAt: formatDateVi(p.receivedAt),
        answerDue: formatDateVi(p.answerDue),
        answeredAt: p.answeredAt ? formatDateVi(p.answeredAt) : null,
        publishedAt: p.publishedAt ? formatDateVi(p.publishedAt) : null,
        answerHtml: renderSafeMarkdown(p.answer),
      },
      field: name(field),
      unit: name(unit),
      timeline: timeline.map((e) => ({
        id: e.id,
        at: formatDateVi(e.at),
        text: t(`pub.event.${e.type}`, {
          unit: (locale === 'en' ? e.unitNameEn : e.unitName) ?? '',
          agency: e.agencyName ?? '',
          defaultValue: t('pub.event.other'),
        }),
        note: e.note,
      })),
      files,
      documents,
      groupCodes: group && group.codes.length > 1 ? group.codes : [],
    },
    { headers: PUBLIC_CACHE },
  );
}

export default function PublishedAnswer() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const p = d.pakn;
  const facts: Array<[string, string | null]> = [
    [t('pub.detail.code'), p.code],
    [t('pub.detail.type'), t(`type.${p.type}`)],
    [t('pub.detail.category'), t(`category.${p.category}`)],
    [t('pub.detail.field'), d.field],
    [t('pub.detail.unit'), d.unit],
    [t('pub.detail.received'), p.receivedAt],
    [t('pub.detail.due'), p.answerDue],
    [t('pub.detail.answered'), p.answeredAt],
    [t('pub.detail.published'), p.publishedAt],
    [t('pub.detail.submitter'), p.submitter],
  ];
  return (
    <article className="answer-page">
      <p className="result-meta">{p.code}</p>
      <h1 lang={CONTENT_LANG}>{p.title}</h1>
      {p.onTime === null ? null : (
        <p>
          <span className={`tag tag-big ${p.onTime ? 'tag-onTrack' : 'tag-overdue'}`}>
            {p.onTime ? t('pub.detail.onTime') : t('pub.detail.late')}
          </span>
        </p>
      )}
      {d.groupCodes.length ? (
        <p className="group-codes" data-group-codes>
          {t('pub.detail.groupCodes', { codes: d.groupCodes.join(', ') })}
        </p>
      ) : null}
      <h2>{t('pub.detail.summary')}</h2>
      <p className="pre-line" lang={CONTENT_LANG}>
        {p.summary}
      </p>
      <h2>{t('pub.detail.answer')}</h2>
      {p.outcome ? (
        <p>
          <strong>{t('pub.detail.outcome')}:</strong> {t(`outcome.${p.outcome}`)}
        </p>
      ) : null}
      <div className="answer-body" lang={CONTENT_LANG} dangerouslySetInnerHTML={{ __html: p.answerHtml }} />
      {d.documents.length ? (
        <>
          <h2>{t('pub.detail.documents')}</h2>
          <ul>
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <a href={`/van-ban/${doc.id}`}>
                  {t(`pub.documents.type.${doc.type}`, { defaultValue: doc.type })} {doc.number}
                </a>{' '}
                ({formatDateVi(doc.issuedDate)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.files.length ? (
        <>
          <h2>{t('pub.detail.files')}</h2>
          <ul>
            {d.files.map((f) => (
              <li key={f.id}>
                <a href={`/cong-khai/${p.code}/tep/${f.id}`}>{f.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('pub.detail.facts')}</h2>
      <dl className="summary-list">
        {facts
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div className="summary-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h2>{t('pub.detail.timeline')}</h2>
      <ol className="timeline">
        {d.timeline.map((e) => (
          <li key={e.id}>
            <span className="timeline-date">{e.at}</span> {e.text}
            {e.note ? <p className="pre-line">{e.note}</p> : null}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/cong-khai">{t('pub.detail.backToList')}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 410)) {
    const data = error.data as { code: string; reason?: string };
    return (
      <div className="error-page">
        <h1>
          {error.status === 410
            ? t('pub.detail.withdrawnTitle', { code: data.code })
            : t('pub.detail.notFoundTitle', { code: data.code })}
        </h1>
        {error.status === 410 ? (
          <>
            <p className="pre-line">{t('pub.detail.withdrawnReason', { reason: data.reason })}</p>
            <p>{t('pub.detail.withdrawnHelp')}</p>
          </>
        ) : (
          <p>
            {t('pub.detail.notFoundHelp')} <Link to="/theo-doi">{t('nav.follow')}</Link>
          </p>
        )}
        <p>
          <Link to="/cong-khai">{t('pub.detail.backToList')}</Link>
        </p>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}
