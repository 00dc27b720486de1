// The print stylesheet of the document pages. The CSP allows no inline <style>, so the A4 print CSS of
// app/utils/pdf.server.ts is served from here (see documentCss).
import { cssResponse } from '~/models/documents.server';

export async function loader() {
  return cssResponse();
}
