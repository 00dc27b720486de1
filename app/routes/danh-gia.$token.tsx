// The satisfaction question linked from the answer e-mail, with the request for reconsideration.
import { parseWithZod } from '@conform-to/zod';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Choices, ErrorSummary, TextArea, type FieldError } from '~/components/ui/form';
import { hitRateLimit } from '~/models/rate-limit.server';
import { RATINGS } from '~/domain/pakn';
import {
  COMMENT_MAX,
  getRatingContext,
  ratingSchema,
  submitRating,
  verifyRatingToken,
} from '~/models/ratings.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

function load(token: string | undefined) {
  const id = verifyRatingToken(token ?? '');
  return id === null ? null : getRatingContext({ paknId: id });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const ctx = load(params.token);
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
  const ctx = load(params.token);
  if (!ctx) throw json({ message: t('pub.rating.invalidLink') }, { status: 404 });
  const limit = hitRateLimit({ bucket: 'rating', key: clientIp(context) });
  if (!limit.allowed) throw json({ message: t('errorPage.tooManyTitle') }, { status: 429 });
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const values = {
    rating: String(form.get('rating') ?? ''),
    comment: String(form.get('comment') ?? '').slice(0, COMMENT_MAX * 2),
    reconsider: form.get('reconsider') === 'on',
  };
  const submission = parseWithZod(form, { schema: ratingSchema, disableAutoCoercion: true });
  if (submission.status !== 'success') {
    const errors = (submission.reply().error ?? {}) as Record<string, string[]>;
    return json({ ok: false as const, values, errors }, { status: 400 });
  }
  const result = submitRating({ paknId: ctx.pakn.id, input: submission.value, ip: clientIp(context) });
  if (!result.ok)
    return json({ ok: false as const, values, errors: { reconsider: [result.error] } }, { status: 409 });
  return json({ ok: true as const, reconsider: submission.value.reconsider });
}

export default function RateAnswer() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  if (result?.ok) {
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
  const errors: Record<string, string[] | undefined> = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : undefined;
  const err = (name: string) => {
    const key = errors[name]?.[0];
    return key ? t(`pub.rating.errors.${key}`) : undefined;
  };
  const summary: FieldError[] = ['rating', 'comment', 'reconsider']
    .filter((n) => err(n))
    .map((n) => ({ id: n, message: err(n)! }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('pub.rating.title')}</h1>
      <p className="lead-small">{t('pub.rating.intro', { code: d.code, title: d.title })}</p>
      {d.rating ? (
        <p className="notice">{t('pub.rating.already', { rating: t(`pub.rating.${d.rating}`) })}</p>
      ) : null}
      <Form method="post" noValidate>
        <Choices
          id="rating"
          name="rating"
          legend={t('pub.rating.question')}
          error={err('rating')}
          defaultValue={values?.rating ?? d.rating ?? undefined}
          options={RATINGS.map((r) => ({ value: r, label: t(`pub.rating.${r}`) }))}
        />
        <TextArea
          id="comment"
          name="comment"
          label={t('pub.rating.comment')}
          hint={t('pub.rating.commentHint')}
          error={err('comment')}
          defaultValue={values?.comment}
          rows={5}
        />
        {d.canReconsider ? (
          <Checkbox
            id="reconsider"
            name="reconsider"
            label={t('pub.rating.reconsider')}
            hint={t('pub.rating.reconsiderHint', { days: d.days })}
            error={err('reconsider')}
            defaultChecked={values?.reconsider}
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
