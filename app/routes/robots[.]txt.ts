import { getEnv } from '~/utils/env.server';

// The form and the look-up page are public entry points a citizen should find from a search engine;
// what lies below them (the review step, a submitter's own pages, rating and "PAKN của tôi" links)
// and staff pages are not.
// Every path in /sitemap.xml must stay allowed here.
const DISALLOWED = ['/can-bo', '/gop-y/', '/theo-doi/', '/danh-gia/', '/pakn-cua-toi/'];

export async function loader() {
  const body = `User-agent: *\n${DISALLOWED.map((p) => `Disallow: ${p}\n`).join('')}Sitemap: ${getEnv().BASE_URL}/sitemap.xml\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
