import { toLocalDate } from '~/domain/dates';
import { sitemap } from '~/exports/feeds.server';
import { publishedCodes } from '~/models/public.server';
import { publicDocumentIds } from '~/models/reports/register.server';
import { getEnv } from '~/utils/env.server';

// Every public page; none of them under a path robots.txt disallows (checked in the tests).
const FIXED = [
  '/',
  '/gop-y',
  '/theo-doi',
  '/cong-khai',
  '/thong-ke',
  '/noi-tiep-nhan',
  '/so-cong-khai',
  '/du-lieu-mo',
  '/quyen-rieng-tu',
];

export async function loader() {
  const base = getEnv().BASE_URL;
  const documents = await publicDocumentIds();
  const urls = [
    ...FIXED.map((p) => ({ loc: base + p })),
    ...(await publishedCodes()).map((r) => ({
      loc: `${base}/cong-khai/${r.code}`,
      lastmod: r.publishedAt ? toLocalDate(r.publishedAt) : undefined,
    })),
    ...documents.map((d) => ({ loc: `${base}/van-ban/${d.id}`, lastmod: d.issuedDate })),
    ...documents
      .filter((d) => d.isReport)
      .map((d) => ({ loc: `${base}/thong-ke/bao-cao/${d.id}`, lastmod: d.issuedDate })),
  ];
  return new Response(sitemap(urls), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
