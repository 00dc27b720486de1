// Graceful shutdown: SIGTERM while an upload is being streamed slowly. The upload completes normally,
// new connections are refused, the process exits 0 and the database reopens clean.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { openDatabaseUrl } from '~/utils/db.server';

import { ON_PG } from '../support/pg-template';
import {
  draftCookieOf,
  PAKN_FIELDS,
  type ServerProcess,
  startServer,
  waitUntil,
} from '../support/server-process';
import { sqlAll, sqlGet } from '../support/sql';

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let srv: ServerProcess;
const state = { exitAfterResponseMs: -1 };

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.cleanup();
});

function multipartBody(fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const boundary = `----pakn${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

it('finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
  const opened = await fetch(`${srv.baseUrl}/gop-y`);
  const html = await opened.text();
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)![1]!;
  const { body, contentType } = multipartBody(
    { ...PAKN_FIELDS, title: 'Tải lên chậm khi máy chủ dừng' },
    { name: 'giay-to.pdf', data: PDF, type: 'application/pdf' },
  );

  // a browser-like keep-alive connection, streaming the form in 8 slices over ~1.5 s
  const agent = new http.Agent({ keepAlive: true });
  const req = http.request(`${srv.baseUrl}/gop-y?t=${token}`, {
    method: 'POST',
    agent,
    headers: { 'Content-Type': contentType, 'Content-Length': body.length, Cookie: draftCookieOf(opened) },
  });
  const response = new Promise<{ status: number; location?: string }>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }));
    });
    req.on('error', reject);
  });
  const slice = Math.ceil(body.length / 8);
  req.write(body.subarray(0, slice));
  await waitUntil(() => srv.logs().length > 0 && srv.lines.some((l) => l.includes('"path":"/gop-y"')), {
    what: 'the GET to be logged',
  });
  await sleep(200); // the upload is now being read by the server

  const exiting = srv.kill('SIGTERM');
  const signalledAt = Date.now();
  await waitUntil(() => srv.lines.some((l) => l.includes('shutting down')), { what: 'the shutdown log' });

  // no new connections
  const refused = await fetch(`${srv.baseUrl}/healthz`).then(
    () => 'accepted',
    (e: { cause?: { code?: string } }) => e.cause?.code ?? 'error',
  );
  expect(refused).toBe('ECONNREFUSED');

  for (let i = 1; i < 8; i++) {
    await sleep(150);
    req.write(body.subarray(i * slice, (i + 1) * slice));
  }
  req.end();
  const res = await response;
  expect(res).toEqual({ status: 302, location: `/gop-y/kiem-tra?t=${token}` });

  const respondedAt = Date.now();
  const exit = await exiting;
  const exitSeconds = (Date.now() - signalledAt) / 1000;
  state.exitAfterResponseMs = Date.now() - respondedAt;
  agent.destroy();
  expect(exit).toEqual({ code: 0, signal: null });
  expect(srv.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  const requestLog = srv
    .logs()
    .find((l) => l.msg === 'request' && l.method === 'POST' && l.path === '/gop-y');
  expect(requestLog?.status).toBe(302);

  // the upload was recorded; SQLite's file closes cleanly and reopens intact
  let integrity = 'ok';
  if (!ON_PG) {
    const file = new Database(srv.dbFile);
    integrity = String(file.pragma('integrity_check', { simple: true }));
    file.close();
  }
  expect(integrity).toBe('ok');
  const database = await openDatabaseUrl(srv.dbFile);
  const files = await sqlAll<{ name: string; sha256: string }>(
    database.db,
    'SELECT stored_name AS name, sha256 FROM attachments WHERE draft_token = ?',
    token,
  );
  const draft = (
    await sqlGet<{ n: number }>(
      database.db,
      'SELECT count(*) AS n FROM submission_drafts WHERE token = ?',
      token,
    )
  )?.n;
  await database.close();
  expect(draft).toBe(1);
  expect(files).toHaveLength(1);
  expect(files[0]!.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
  const walLeft = !ON_PG && fs.existsSync(`${srv.dbFile}-wal`) ? fs.statSync(`${srv.dbFile}-wal`).size : 0;

  console.log(
    `[shutdown] SIGTERM during a ${body.length}-byte upload: request finished with 302, new connection ` +
      `refused, exit 0 ${exitSeconds.toFixed(1)} s after the signal (${(state.exitAfterResponseMs / 1000).toFixed(1)} s ` +
      `after the response); ${ON_PG ? 'PostgreSQL' : `integrity_check ok, WAL left: ${walLeft} bytes`}`,
  );
}, 60_000);

it('does not keep the process up for the keep-alive timeout once the last response is sent', () => {
  expect(state.exitAfterResponseMs).toBeGreaterThanOrEqual(0);
  // server.close() waits for every connection: a keep-alive one that became idle after the signal holds
  // the exit for Node's keepAliveTimeout (5 s), and past the 10 s guard the exit code becomes 1.
  // Fix proposed in server.mjs shutdown(): close idle connections as they become idle.
  expect(state.exitAfterResponseMs, 'ms between the last response and the exit').toBeLessThan(2000);
});
