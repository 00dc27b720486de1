// Unknown addresses render the translated 404 page inside the layout.
import { GeneralErrorBoundary } from '~/components/error-boundary';

export function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
