// The old address of the Word export (HTML served as .doc): permanently moved to the real .docx, same query.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/can-bo/bao-cao.docx${new URL(request.url).search}`, 301);
}
