import type { LoaderFunctionArgs } from '@remix-run/node';

import { atomFeed } from '~/exports/feeds.server';
import { getAgency } from '~/models/config.server';
import { openDataRows } from '~/models/open-data.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const body = atomFeed({
    title: `${t('pub.list.title')} – ${(await getAgency()).name}`,
    rows: await openDataRows({}, 50),
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  });
}
