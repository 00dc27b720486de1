// Unknown addresses render the translated 404 page inside the layout.
import type { MetaFunction } from '@remix-run/node';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { errorMeta, rootLocale } from '~/utils/error-meta';

export const meta: MetaFunction = ({ error, matches }) => errorMeta(error, rootLocale(matches));

export function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
