import { getEnv } from '~/utils/env.server';

export async function loader() {
  const body = `User-agent: *\nDisallow: /can-bo\nDisallow: /theo-doi\nDisallow: /gop-y\nSitemap: ${getEnv().BASE_URL}/sitemap.xml\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
