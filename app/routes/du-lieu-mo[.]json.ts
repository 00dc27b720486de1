// The open data as JSON (the page /du-lieu-mo describes the columns and the date filter).
import type { LoaderFunctionArgs } from '@remix-run/node';

import { openDataResponse } from '~/exports/open-data.server';
import { openDataRows } from '~/models/open-data.server';

export const loader = ({ request }: LoaderFunctionArgs) => openDataResponse(request, 'json', openDataRows);
