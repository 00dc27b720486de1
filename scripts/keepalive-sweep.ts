// Issue 10, item 5's measurement: 3,000 requests over 8 keep-alive connections to the built server, one in 150 a
// 200 KB url-encoded POST to pages that answer without reading it (405, 302); counts connection resets.
//   npx remix build && npx tsx scripts/keepalive-sweep.ts
import http from 'node:http';

import { runPool, startServer } from '../tests/support/server-process';

const TOTAL = 3000;
const srv = await startServer({ env: { LOG_LEVEL: 'warn', MAIL_WORKER: '0' } });
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const body = Buffer.from(`note=${'a'.repeat(200 * 1024)}`);
const pages = ['/healthz', '/cong-khai', '/so-cong-khai', '/noi-tiep-nhan', '/'];
const errors = new Map<string, number>();
const statuses = new Map<number, number>();

function one(i: number): Promise<void> {
  const post = i % 150 === 0;
  const path = post ? (i % 300 === 0 ? '/cong-khai' : '/can-bo/tai-khoan') : pages[i % pages.length]!;
  return new Promise((resolve) => {
    const req = http.request(
      `${srv.baseUrl}${path}`,
      {
        method: post ? 'POST' : 'GET',
        agent,
        headers: post
          ? {
              'Content-Type': 'application/x-www-form-urlencoded',
              'Content-Length': String(body.length),
              Origin: srv.baseUrl,
            }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve();
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      const k = e.code ?? e.message;
      errors.set(k, (errors.get(k) ?? 0) + 1);
      resolve();
    });
    req.end(post ? body : undefined);
  });
}

try {
  const t0 = performance.now();
  await runPool(TOTAL, 8, one);
  console.log(
    `${TOTAL} keep-alive requests in ${((performance.now() - t0) / 1000).toFixed(1)} s; statuses ${JSON.stringify(
      Object.fromEntries(statuses),
    )}; errors ${JSON.stringify(Object.fromEntries(errors))}`,
  );
} finally {
  agent.destroy();
  await srv.cleanup();
}
