/**
 * Backpressure for exceljs' streaming writer. exceljs writes a sheet's XML into its own buffer stream, which
 * archiver deflates on the thread pool, and pays no attention to either side being slow: left alone, the rows of a
 * large sheet pile up in memory faster than zlib compresses them. So after each chunk we wait until (a) the sheet's
 * pending XML is below a few megabytes (read from exceljs' StreamBuf and archiver's input; if those internals ever
 * change this reads 0 and only the next check remains) and (b) the response stream is not asking us to wait.
 */
import type { PassThrough } from 'node:stream';

const MAX_PENDING_BYTES = 4 * 1024 * 1024;
type Buffered = {
  writableLength?: number;
  readableLength?: number;
  _writableState?: { length?: number };
  _readableState?: { length?: number };
};
type StreamBufLike = { buffers?: unknown[]; pipes?: Buffered[] };
function pendingBytes(sheet: unknown): number {
  const stream = (sheet as { stream?: StreamBufLike }).stream;
  // archiver's input is a readable-stream v2 PassThrough: no writableLength, only its internal states
  const pipe = stream?.pipes?.[0];
  const writable = pipe?.writableLength ?? pipe?._writableState?.length ?? 0;
  const readable = pipe?.readableLength ?? pipe?._readableState?.length ?? 0;
  return (stream?.buffers?.length ?? 0) * 65536 + writable + readable;
}

export async function flowControl(out: PassThrough, sheet: unknown) {
  for (;;) {
    if (out.destroyed) throw new Error('client went away');
    if (out.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        out.once('close', resolve);
      });
    } else if (pendingBytes(sheet) > MAX_PENDING_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    } else {
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
  }
}
