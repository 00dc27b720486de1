import type { LoaderFunctionArgs } from '@remix-run/node';
import { parseRange } from '~/domain/open-data';
import { openDataHeaders, openDataJson } from '~/exports/open-data.server';
import { openDataRows } from '~/models/open-data.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const range = parseRange(new URL(request.url).searchParams);
  if ('message' in range) {
    const t = getT(getLocale(request));
    return new Response(t(`pub.openData.${range.message}`), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const rows = openDataRows(range);
  return new Response(openDataJson(rows), { headers: openDataHeaders('json') });
}
