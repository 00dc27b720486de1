import { toLocalDate } from '~/domain/dates';
import { sitemap } from '~/models/open-data.server';
import { publishedCodes } from '~/models/public.server';
import { getEnv } from '~/utils/env.server';

export async function loader() {
  const base = getEnv().BASE_URL;
  const fixed = ['/', '/gop-y', '/theo-doi', '/cong-khai', '/noi-tiep-nhan', '/so-cong-khai', '/du-lieu-mo'];
  const urls = [
    ...fixed.map((p) => ({ loc: base + p })),
    ...publishedCodes().map((r) => ({
      loc: `${base}/cong-khai/${r.code}`,
      lastmod: r.publishedAt ? toLocalDate(r.publishedAt) : undefined,
    })),
  ];
  return new Response(sitemap(urls), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
