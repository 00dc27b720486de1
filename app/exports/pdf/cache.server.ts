// Rendered PDFs of the official documents, made once and kept on disk: rendering one takes ~130 ms of CPU on
// the only event loop, so rendering on every request let 20 clients fetching one public PDF stall every page.
//
// A document is immutable once issued, so a render is keyed by what it shows: the document id, the variant
// (public / full / redacted) and a hash of the OfficialDocument itself (the staff's redacted version of a
// non-public document is computed from the PAKN's current data, so the id alone would not do), under the
// render version: a fingerprint of the PDF renderer's output for a fixed sample document. Any change of layout,
// font or pdfkit changes the fingerprint, so old renders are never served after an upgrade; the folders of
// other versions are deleted when a process first computes its own.
//
// Renders live in DATA_DIR/cache/pdf/<version>/ rather than in the database: they are derived data (deleting
// the folder is always safe), they must not bloat the backups (`VACUUM INTO` copies the whole database) nor go
// through the WAL with synchronous=FULL. Files are 0600 in 0700 folders (full versions carry personal data).
//
// At most MAX_CONCURRENT_RENDERS run at a time (the others wait their turn, yielding to the event loop between
// renders), and concurrent requests for the same render share one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';
import type { OfficialDocument } from '~/domain/official-document';
import { renderOfficialPdf } from './official-pdf.server';

export const MAX_CONCURRENT_RENDERS = 1;

export type PdfVariant = 'public' | 'full' | 'redacted';

type State = {
  version?: Promise<string>;
  inFlight: Map<string, Promise<Buffer>>;
  active: number;
  waiting: Array<() => void>;
  /** renders of documents since the process started (the fingerprint's sample is not counted) */
  renders: number;
  maxActive: number;
};

// one state per process, shared by every copy of this module (the tests import it beside the build)
declare global {
  var __paknPdfCache: State | undefined;
}
const globalForCache = globalThis;
function state(): State {
  globalForCache.__paknPdfCache ??= { inFlight: new Map(), active: 0, waiting: [], renders: 0, maxActive: 0 };
  return globalForCache.__paknPdfCache;
}

/** For tests: how many documents were rendered, and the most renders that ran at once. */
export function pdfRenderStats(): { renders: number; maxActive: number; active: number } {
  const s = state();
  return { renders: s.renders, maxActive: s.maxActive, active: s.active };
}

async function withRenderSlot<T>(fn: () => Promise<T>): Promise<T> {
  const s = state();
  if (s.active >= MAX_CONCURRENT_RENDERS) {
    // the slot is handed over by the render that finishes (active stays counted)
    await new Promise<void>((resolve) => s.waiting.push(resolve));
  } else {
    s.active += 1;
  }
  s.maxActive = Math.max(s.maxActive, s.active);
  try {
    // let the requests that queued up meanwhile be answered before the next render takes the loop
    await new Promise((resolve) => setImmediate(resolve));
    return await fn();
  } finally {
    const next = s.waiting.shift();
    if (next) next();
    else s.active -= 1;
  }
}

/** Any other PDF render (the report narrative): it waits for its turn with the documents' renders. */
export function renderLimited<T>(render: () => Promise<T>): Promise<T> {
  return withRenderSlot(render);
}

const SAMPLE: OfficialDocument = {
  agencyParent: 'ỦY BAN NHÂN DÂN TỈNH MẪU',
  agencyName: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  number: '1/TB-MAU',
  place: 'Tuy Hòa',
  date: '01/02/2026',
  title: 'THÔNG BÁO',
  subtitle: 'Về việc mẫu kiểm tra bố cục văn bản',
  addressee: 'Ông/Bà Nguyễn Văn Mẫu',
  paragraphs: Array.from(
    { length: 40 },
    (_, i) => `Đoạn ${i + 1}: Cơ quan đã tiếp nhận phản ánh, kiến nghị và xem xét theo quy định hiện hành.`,
  ),
  recipients: ['Như trên;', 'Lưu: VT.'],
  signerTitle: 'GIÁM ĐỐC',
  signerName: 'Trần Thị Mẫu',
};

/**
 * A hash of a render that is the same for the same input and renderer: pdfkit writes the creation time and a
 * file id derived from it, the only bytes that differ between runs, so they are left out.
 */
export function pdfFingerprint(pdf: Buffer): string {
  const normalised = pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:)')
    .replace(/\/ID \[<[0-9a-f]*> <[0-9a-f]*>\]/g, '/ID []');
  return crypto.createHash('sha256').update(normalised, 'latin1').digest('hex').slice(0, 16);
}

const cacheRoot = () => path.join(getEnv().DATA_DIR, 'cache', 'pdf');

function removeOtherVersions(version: string) {
  try {
    for (const entry of fs.readdirSync(cacheRoot())) {
      if (entry !== version) fs.rmSync(path.join(cacheRoot(), entry), { recursive: true, force: true });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      getLogger().warn({ err: error }, 'pdf cache: cleanup');
  }
}

/** The fingerprint of the renderer (16 hex digits), computed once per process. */
export function renderVersion(): Promise<string> {
  const s = state();
  s.version ??= withRenderSlot(() => renderOfficialPdf(SAMPLE)).then((pdf) => {
    const version = pdfFingerprint(pdf);
    removeOtherVersions(version);
    return version;
  });
  // a failed fingerprint is retried by the next request
  s.version.catch(() => (s.version = undefined));
  return s.version;
}

export type CachedPdf = { pdf: Buffer; etag: string };

/** The strong ETag of a render, known without rendering it (a 304 costs no render and no disk read). */
export async function pdfEtag(args: { id: number; variant: PdfVariant; doc: OfficialDocument }) {
  const version = await renderVersion();
  const key = `${args.id}-${args.variant}-${contentHash(args.doc)}`;
  return { version, key, etag: `"${version}-${key}"` };
}

function contentHash(doc: OfficialDocument): string {
  return crypto.createHash('sha256').update(JSON.stringify(doc)).digest('base64url').slice(0, 22);
}

/** The PDF of a document version: from the disk cache, or rendered (once) and stored. */
export async function getDocumentPdf(args: {
  id: number;
  variant: PdfVariant;
  doc: OfficialDocument;
}): Promise<CachedPdf> {
  const { version, key, etag } = await pdfEtag(args);
  const dir = path.join(cacheRoot(), version);
  const file = path.join(dir, `${key}.pdf`);
  try {
    return { pdf: await fs.promises.readFile(file), etag };
  } catch {
    // not rendered yet (or unreadable): render below
  }
  const s = state();
  let pending = s.inFlight.get(file);
  if (!pending) {
    pending = withRenderSlot(async () => {
      const pdf = await renderOfficialPdf(args.doc);
      s.renders += 1;
      try {
        await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        await fs.promises.writeFile(tmp, pdf, { mode: 0o600 });
        await fs.promises.rename(tmp, file);
      } catch (error) {
        // a full disk costs renders, not answers
        getLogger().warn({ err: error }, 'pdf cache: could not store a render');
      }
      return pdf;
    }).finally(() => s.inFlight.delete(file));
    s.inFlight.set(file, pending);
  }
  return { pdf: await pending, etag };
}

/** Whether the request's If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
