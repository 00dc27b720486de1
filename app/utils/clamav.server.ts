// Optional virus scan of uploaded files by ClamAV's daemon (clamd) over its unix socket (INSTREAM).
// Off unless CLAMD_SOCKET is set; then a file is accepted only when clamd answers "OK". See docs/clamav.md.
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';

import { getEnv } from './env.server';

export type ScanResult =
  { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'unavailable'; reason: string };

const CHUNK_BYTES = 64 * 1024;
/** connect + stream + verdict; clamd scans a 10 MB file in well under a second */
const TIMEOUT_MS = 30_000;

export function clamdSocket(): string | undefined {
  return getEnv().CLAMD_SOCKET;
}

/** Streams a file to clamd and returns its verdict. Never throws: a failure is `unavailable`. */
export function scanFile(file: string, socketPath: string | undefined = clamdSocket()): Promise<ScanResult> {
  if (!socketPath) return Promise.resolve({ status: 'clean' });
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: ScanResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ status: 'unavailable', reason: 'timeout' }), TIMEOUT_MS);
    socket.on('error', (error) => finish({ status: 'unavailable', reason: error.message }));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', () => {
      // "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR" (e.g. a size limit of clamd)
      const answer = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(answer);
      if (answer === 'stream: OK') finish({ status: 'clean' });
      else if (found) finish({ status: 'infected', signature: found[1]! });
      else finish({ status: 'unavailable', reason: answer || 'no answer from clamd' });
    });
    socket.once('connect', () => {
      // the catch below answers every failure: nothing escapes the listener
      void (async () => {
        try {
          socket.write('zINSTREAM\0');
          for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
            const size = Buffer.alloc(4);
            size.writeUInt32BE((chunk as Buffer).length);
            socket.write(size);
            if (!socket.write(chunk as Buffer)) await once(socket, 'drain');
          }
          socket.end(Buffer.alloc(4)); // a zero-length chunk ends the stream
        } catch (error) {
          finish({ status: 'unavailable', reason: (error as Error).message });
        }
      })();
    });
  });
}
