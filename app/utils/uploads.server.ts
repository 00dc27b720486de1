// Streams a multipart form to disk under random names, checking each file by its content (not its
// name or declared type) and its size while it arrives, so a bad file never ends the whole request:
// the other fields and files survive, and the file gets a precise error.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { fileTypeFromFile } from 'file-type';

import { clamdSocket, scanFile } from './clamav.server';
import { getEnv } from './env.server';
import { getLogger } from './logger.server';

/** Sniffed type → the extensions a file of that type may carry. CFB is the OLE container of .doc/.xls. */
const ALLOWED: Record<string, { mime: string; exts: string[] }> = {
  pdf: { mime: 'application/pdf', exts: ['pdf'] },
  jpg: { mime: 'image/jpeg', exts: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', exts: ['png'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'] },
  cfb: { mime: 'application/x-cfb', exts: ['doc', 'xls'] },
};
const OLE_MIME: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };

const MAX_TEXT_BYTES = 64 * 1024;
const MAX_PARTS = 60;

export type FileProblem = {
  key:
    | 'fileType'
    | 'fileMismatch'
    | 'fileSize'
    | 'fileEmpty'
    | 'fileCount'
    | 'fileInfected'
    | 'fileScanUnavailable'
    | 'fileQuotaAddress'
    | 'fileQuotaTotal';
  name: string;
};
/**
 * Room on disk for this request's files: `reserve` is asked before each chunk is written ('address'
 * or 'total' says which cap is reached); the bytes of a refused file are released.
 */
export type UploadBudget = {
  reserve(bytes: number): Promise<'ok' | 'address' | 'total'>;
  release(bytes: number): void;
};
export type StoredUpload = {
  storedName: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
};
export type ParsedForm = {
  form: FormData;
  stored: StoredUpload[];
  problems: FileProblem[];
  tooManyParts: boolean;
};

export function uploadsDir(): string {
  return path.join(getEnv().DATA_DIR, 'uploads');
}

export function uploadPath(storedName: string): string {
  // stored names are generated here; the check keeps a forged one from escaping the folder
  if (!/^[a-f0-9]{32}$/.test(storedName)) throw new Error('invalid stored name');
  return path.join(uploadsDir(), storedName);
}

export function removeUpload(storedName: string) {
  fs.rmSync(uploadPath(storedName), { force: true });
}

export function removeUploads(files: Array<{ storedName: string }>) {
  for (const f of files) removeUpload(f.storedName);
}

export function sanitiseFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^\.+/, '')
    .trim();
  if (!clean) return 'tep-dinh-kem';
  // at most 150 characters, cut in the name, never in the extension
  const ext = path.extname(clean).slice(0, 10);
  return clean.length <= 150 ? clean : clean.slice(0, 150 - ext.length).trimEnd() + ext;
}

async function fsyncFile(file: string) {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _ of data) void _;
}

/**
 * Reads a multipart body, writing its files to the uploads folder as they arrive. Resolves to undefined when
 * the body cannot be read (cut off, malformed): the caller answers 400, and no file of it is left. A failure
 * of the budget (its database read) is the server's, not the request's: it is thrown, so that a database that
 * went away answers 503 as everywhere else.
 */
export async function parseSubmissionForm(
  request: Request,
  opts: {
    maxFiles: number;
    maxBytes: number;
    existingFiles: number;
    fileField?: string;
    budget?: UploadBudget;
  },
): Promise<ParsedForm | undefined> {
  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stored: StoredUpload[] = [];
  const problems: FileProblem[] = [];
  let parts = 0;
  let tooManyParts = false;
  /** the budget's own failure (its database read), told apart from a body that cannot be read */
  let budgetError: unknown;

  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts += 1;
    if (parts > MAX_PARTS) {
      tooManyParts = true;
      await drain(data);
      return undefined;
    }
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        if (size <= MAX_TEXT_BYTES) chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (name !== (opts.fileField ?? 'files') || filename === '') {
      await drain(data);
      return undefined;
    }
    const originalName = sanitiseFileName(filename);
    if (opts.existingFiles + stored.length >= opts.maxFiles) {
      await drain(data);
      problems.push({ key: 'fileCount', name: originalName });
      return undefined;
    }
    const storedName = randomBytes(16).toString('hex');
    const target = path.join(dir, storedName);
    const hash = createHash('sha256');
    let size = 0;
    let oversize = false;
    let quota: 'address' | 'total' | undefined;
    let reserved = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > opts.maxBytes) oversize = true;
        const pass = () => {
          if (oversize || quota)
            done(); // keep reading so the rest of the form arrives, but stop writing
          else {
            hash.update(chunk);
            done(null, chunk);
          }
        };
        if (oversize || quota || !opts.budget) return pass();
        // a failed reservation fails the pipeline (the catch below cleans up), never escapes the stream
        opts.budget.reserve(chunk.length).then(
          (room) => {
            if (room === 'ok') reserved += chunk.length;
            else quota = room;
            pass();
          },
          (error: unknown) => {
            budgetError = error;
            done(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    });
    try {
      await pipeline(
        Readable.from(data),
        limiter,
        fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }),
      );
    } catch (error) {
      // an interrupted upload leaves no partial file behind
      fs.rmSync(target, { force: true });
      opts.budget?.release(reserved);
      throw error;
    }
    // on disk before the PAKN that refers to it is committed (the database itself syncs every commit)
    if (!oversize && !quota) await fsyncFile(target);
    const reject = (key: FileProblem['key']) => {
      fs.rmSync(target, { force: true });
      opts.budget?.release(reserved);
      problems.push({ key, name: originalName });
      return undefined;
    };
    if (oversize) return reject('fileSize');
    if (quota) return reject(quota === 'address' ? 'fileQuotaAddress' : 'fileQuotaTotal');
    if (size === 0) return reject('fileEmpty');
    const sniffed = await fileTypeFromFile(target).catch(() => undefined);
    const allowed = sniffed ? ALLOWED[sniffed.ext] : undefined;
    if (!allowed) return reject('fileType');
    const ext = path.extname(originalName).slice(1).toLowerCase();
    if (!allowed.exts.includes(ext)) return reject('fileMismatch');
    if (clamdSocket()) {
      const scan = await scanFile(target);
      if (scan.status === 'infected') {
        getLogger().warn({ signature: scan.signature }, 'upload refused: malware found');
        return reject('fileInfected');
      }
      if (scan.status === 'unavailable') {
        getLogger().error({ reason: scan.reason }, 'upload refused: virus scanner unavailable');
        return reject('fileScanUnavailable');
      }
    }
    stored.push({
      storedName,
      originalName,
      mime: OLE_MIME[ext] ?? allowed.mime,
      size,
      sha256: hash.digest('hex'),
    });
    return undefined;
  };

  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    return { form, stored, problems, tooManyParts };
  } catch {
    for (const s of stored) removeUpload(s.storedName);
    if (budgetError !== undefined) throw budgetError;
    return undefined;
  }
}
