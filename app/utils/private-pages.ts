// The paths whose answers show personal data or a staff member's view (issue 10, item 7): every staff page and
// download, the follow-up pages and the submitter's documents, the form and its review page, the rating page.
// Whatever the route sets and whatever the status, they are never stored by a browser or a shared cache.
// Applied to every page and data request by entry.server.tsx, and to every answer by server.mjs.

/** Route matching is case-insensitive, so is this; `pathname` as sent (percent-escapes are decoded here). */
const PRIVATE_PATH = /^\/(can-bo|theo-doi|gop-y|danh-gia)(?=[/._]|$)/i;

export function isPrivatePath(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape: match the raw path
  }
  return PRIVATE_PATH.test(decoded) || PRIVATE_PATH.test(pathname);
}

/** The route's own Cache-Control when it already forbids storing ('private, no-store'), else 'no-store'. */
export function privateCacheControl(current: string | null | undefined): string {
  return current && /\bno-store\b/i.test(current) ? current : 'no-store';
}
