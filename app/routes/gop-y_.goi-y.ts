// GET /gop-y/goi-y?title=…&content=… (issue #15): published answers that look like the question being written,
// as JSON for the citizen form's suggestion panel (JavaScript only; the check-your-answers step renders the
// same list on the server). Public fields only; rate-limited per address ('similar-suggest').
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { hitRateLimit } from '~/models/rate-limit.server';
import { publishedSimilar } from '~/models/similarity.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const Query = z.object({
  title: z.string().trim().min(1).max(300),
  content: z.string().trim().min(1).max(4000),
});

const headers = { 'Cache-Control': 'no-store' };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const limit = await hitRateLimit({ bucket: 'similar-suggest', key: clientIp(context) });
  if (!limit.allowed) {
    const t = getT(getLocale(request));
    return json(
      { items: [], message: t('similar.api.tooMany') },
      { status: 429, headers: { ...headers, 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }
  const parsed = Query.safeParse({
    title: url.searchParams.get('title') ?? '',
    content: url.searchParams.get('content') ?? '',
  });
  // too short, too long or missing: nothing to suggest, never an error page
  if (!parsed.success) return json({ items: [] }, { headers });
  const items = (await publishedSimilar(parsed.data)).map(({ code, title, summary }) => ({
    code,
    title,
    summary,
  }));
  return json({ items }, { headers });
}
