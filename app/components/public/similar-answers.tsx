// Issue #15, citizens: published answers that look like the question being written, with a link to each and
// the reminder that the citizen may still send theirs. Rendered by the server on the check-your-answers step
// (works without JavaScript); `SimilarAnswersLive` asks /gop-y/goi-y on the form page once title and content are
// typed (JavaScript only, nothing is shown without it).
import { useFetcher } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export type PublicSimilar = { code: string; title: string; summary: string };

export function SimilarAnswers({ items }: { items: PublicSimilar[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="panel similar-answers" aria-labelledby="similar-answers-heading">
      <h2 id="similar-answers-heading">{t('similar.public.heading')}</h2>
      <p>{t('similar.public.intro')}</p>
      <ul>
        {items.map((m) => (
          <li key={m.code}>
            <a href={`/cong-khai/${m.code}`}>{m.title}</a>
            {m.summary ? <p className="hint">{m.summary}</p> : null}
            <span className="visually-hidden">{t('similar.public.link', { code: m.code })}</span>
          </li>
        ))}
      </ul>
      <p>{t('similar.public.stillSend')}</p>
    </section>
  );
}

const MIN_TITLE = 8;
const MIN_CONTENT = 30;

/**
 * On the form page: the same list, fetched when the writer pauses, once title and content are long enough.
 * It listens to the form's own fields (by id), so the form needs no state for it.
 */
export function SimilarAnswersLive({
  titleId = 'title',
  contentId = 'content',
}: {
  titleId?: string;
  contentId?: string;
}) {
  const fetcher = useFetcher<{ items: PublicSimilar[] }>();
  const { load } = fetcher;
  useEffect(() => {
    const title = document.getElementById(titleId);
    const content = document.getElementById(contentId);
    if (!(title instanceof HTMLInputElement) || !(content instanceof HTMLTextAreaElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const check = () => {
      clearTimeout(timer);
      const t = title.value.trim();
      const c = content.value.trim();
      if (t.length < MIN_TITLE || c.length < MIN_CONTENT) return;
      timer = setTimeout(() => {
        const query = new URLSearchParams({ title: t, content: c.slice(0, 2000) }).toString();
        if (query === last) return;
        last = query;
        load(`/gop-y/goi-y?${query}`);
      }, 800);
    };
    title.addEventListener('input', check);
    content.addEventListener('input', check);
    check();
    return () => {
      clearTimeout(timer);
      title.removeEventListener('input', check);
      content.removeEventListener('input', check);
    };
  }, [titleId, contentId, load]);
  return (
    <div aria-live="polite">
      <SimilarAnswers items={fetcher.data?.items ?? []} />
    </div>
  );
}
