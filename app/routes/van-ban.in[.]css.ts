// The print stylesheet of the document pages. The CSP allows no inline <style>, so the A4 print CSS of
// app/exports/documents/official-html.server.ts is served from here (see documentCss).
import { cssResponse } from '~/exports/documents/page.server';

export async function loader() {
  return cssResponse();
}
