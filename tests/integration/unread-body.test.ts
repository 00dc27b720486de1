// A body posted to a route that answers without reading it (405 for a page without an action, 302 to the
// sign-in page) must not wedge the keep-alive connection: the rest of the body is read and discarded, and the
// next request on the same connection is answered (issue 10, item 5). Against the real server process.
import http from 'node:http';
import type { Socket } from 'node:net';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { type ServerProcess, startServer } from '../support/server-process';

let srv: ServerProcess;
let agent: http.Agent;

beforeAll(async () => {
  srv = await startServer({ env: { LOG_LEVEL: 'warn', MAIL_WORKER: '0' } });
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
});
afterAll(async () => {
  agent?.destroy();
  await srv?.cleanup();
});

type Result = { status: number; socket: Socket; body: string } | { error: string };

function request(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}) {
  return new Promise<Result>((resolve) => {
    const req = http.request(
      `${srv.baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          ...(body
            ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            socket: req.socket!,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', (e) => resolve({ error: e.message }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

const formBody = (bytes: number) => Buffer.from(`note=${'a'.repeat(bytes - 5)}`);

it.each([
  ['a page without an action (405)', '/cong-khai', 405, 200 * 1024],
  ['a staff page, anonymous (302 to sign-in)', '/can-bo/tai-khoan', 302, 200 * 1024],
  ['a page without an action, 5 MB', '/so-cong-khai', 405, 5 * 1024 * 1024],
])('an unread body posted to %s leaves the keep-alive connection usable', async (_, path, status, size) => {
  const post = await request('POST', path, formBody(size), { Origin: srv.baseUrl });
  expect(post).toMatchObject({ status });
  const next = await request('GET', '/healthz');
  expect(next).toMatchObject({ status: 200 });
  // the same connection served both
  expect('socket' in next && 'socket' in post && next.socket === post.socket).toBe(true);
  const third = await request('GET', '/healthz');
  expect('socket' in third && 'socket' in post && third.socket === post.socket).toBe(true);
});
