// Private links never reach the log (issue 10, item 8): the rating link (/danh-gia/…, a permanent token), the
// follow-up link and the password-reset link are masked in the request log, however the path is written
// (routes match case-insensitively and percent-escapes are decoded). Against the real server process.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type ServerProcess, startServer } from '../support/server-process';

let srv: ServerProcess;

beforeAll(async () => {
  srv = await startServer({ env: { LOG_LEVEL: 'info', MAIL_WORKER: '0' } });
});
afterAll(async () => {
  await srv?.cleanup();
});

it('masks the tokens of rating, follow-up and reset links in the request log', async () => {
  const rating = '17.Qm9sZFJhdGluZ1Rva2VuU2VjcmV0MTIzNDU2';
  const follow = 'FollowTokenSecretAbcdefghij0123456789';
  const reset = 'ResetTokenSecretZyxwvutsrq9876543210';
  const paths = [
    [`/danh-gia/${rating}`, '/danh-gia/[token]'],
    [`/Danh-Gia/${rating}x`, '/Danh-Gia/[token]'],
    [`/danh-gia/${rating}y/`, '/danh-gia/[token]/'],
    [`/theo-doi/truy-cap/${follow}`, '/theo-doi/truy-cap/[token]'],
    [`/THEO-DOI/TRUY-CAP/${follow}x`, '/THEO-DOI/TRUY-CAP/[token]'],
    [`/can-bo/dat-lai/${reset}`, '/can-bo/dat-lai/[token]'],
    [`/can-bo/dat%2Dlai/${reset}x`, '/can-bo/dat%2Dlai/[token]'],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [p] of paths) {
    const res = await fetch(srv.baseUrl + p, { redirect: 'manual' });
    await res.arrayBuffer();
    ids[p] = res.headers.get('X-Request-Id')!;
  }
  expect((await srv.kill('SIGTERM')).code).toBe(0);
  const requests = srv.logs().filter((l) => l.msg === 'request');
  for (const [p, masked] of paths) {
    const line = requests.find((l) => l.reqId === ids[p]);
    expect(line?.path, p).toBe(masked);
  }
  for (const secret of [rating.split('.')[1]!, follow, reset]) {
    expect(srv.lines.filter((l) => l.includes(secret))).toEqual([]);
  }
});
