// The satisfaction question linked from the answer e-mail, with the request for reconsideration.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Checkbox, Choices, ErrorSummary, TextArea } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { RATINGS } from '~/domain/pakn';
import { ratingSchema } from '~/domain/rating';
import { hitRateLimit } from '~/models/rate-limit.server';
import { getRatingContext, submitRating, verifyRatingToken } from '~/models/ratings.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

async function load(token: string | undefined) {
  const id = verifyRatingToken(token ?? '');
  return id === null ? null : await getRatingContext({ paknId: id });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const ctx = await load(params.token);
  if (!ctx) throw json({ message: t('pub.rating.invalidLink') }, { status: 404 });
  return json(
    {
      code: ctx.pakn.code,
      title: ctx.pakn.publicTitle ?? ctx.pakn.title,
      published: ctx.pakn.publication === 'published',
      rating: ctx.rating?.rating ?? null,
      canReconsider: ctx.canReconsider && !ctx.rating?.reconsiderationRequested,
      days: ctx.reconsiderationDays,
      pageTitle: `${t('pub.rating.title')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getT(getLocale(request));
  const ctx = await load(params.token);
  if (!ctx) throw json({ message: t('pub.rating.invalidLink') }, { status: 404 });
  const limit = await hitRateLimit({ bucket: 'rating', key: clientIp(context) });
  if (!limit.allowed) throw json({ message: t('errorPage.tooManyTitle') }, { status: 429 });
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const submission = parseForm(form, ratingSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await submitRating({ paknId: ctx.pakn.id, input: submission.value, ip: clientIp(context) });
  if (!result.ok)
    return json(submission.reply({ fieldErrors: { reconsider: [result.error] } }), { status: 409 });
  return json({ ok: true as const, reconsider: submission.value.reconsider });
}

export default function RateAnswer() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = usePaknForm(ratingSchema, {
    lastResult: result && 'ok' in result ? undefined : result,
    prefix: 'pub.rating.errors.',
    order: ['rating', 'comment', 'reconsider'],
  });
  if (result && 'ok' in result) {
    return (
      <div className="narrow">
        <div className="panel-confirmation" role="status">
          <h1>{t('pub.rating.thanks')}</h1>
        </div>
        {result.reconsider ? <p>{t('pub.rating.thanksReconsider')}</p> : null}
        {d.published ? <Link to={`/cong-khai/${d.code}`}>{t('pub.rating.publicLink')}</Link> : null}
      </div>
    );
  }
  const err = f.error;
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('pub.rating.title')}</h1>
      <p className="lead-small">{t('pub.rating.intro', { code: d.code, title: d.title })}</p>
      {d.rating ? (
        <p className="notice">{t('pub.rating.already', { rating: t(`pub.rating.${d.rating}`) })}</p>
      ) : null}
      <Form method="post" {...f.formProps}>
        <Choices
          id="rating"
          name="rating"
          legend={t('pub.rating.question')}
          error={err('rating')}
          defaultValue={f.value('rating') ?? d.rating ?? undefined}
          options={RATINGS.map((r) => ({ value: r, label: t(`pub.rating.${r}`) }))}
        />
        <TextArea
          id="comment"
          name="comment"
          label={t('pub.rating.comment')}
          hint={t('pub.rating.commentHint')}
          error={err('comment')}
          defaultValue={f.value('comment')}
          rows={5}
        />
        {d.canReconsider ? (
          <Checkbox
            id="reconsider"
            name="reconsider"
            label={t('pub.rating.reconsider')}
            hint={t('pub.rating.reconsiderHint', { days: d.days })}
            error={err('reconsider')}
            defaultChecked={f.value('reconsider') === 'on'}
          />
        ) : null}
        <button type="submit" className="button">
          {t('pub.rating.submit')}
        </button>
      </Form>
      {d.published ? <Link to={`/cong-khai/${d.code}`}>{t('pub.rating.publicLink')}</Link> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
