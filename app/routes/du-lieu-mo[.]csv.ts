import type { LoaderFunctionArgs } from '@remix-run/node';
import { openDataRows, parseRange, toCsv } from '~/models/open-data.server';
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
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="pakn-cong-khai.csv"',
      'Cache-Control': 'public, max-age=300',
    },
  });
}
