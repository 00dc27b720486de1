// Rate limits on submission, follow-up lookups, sign-in and password reset live in SQLite (rate_limits),
// so a limit reached before a restart still holds after it. One real server (TRUST_PROXY=1, so each test
// client gets its own address through X-Forwarded-For): exhaust every limit, restart, check again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SIGNIN_IP_LIMIT } from '~/auth/sign-in.server';
import { setSetting } from '~/models/admin/settings.server';
import { FOLLOW_ADDRESS_FACTOR } from '~/models/follow-limits.server';
import { RESET_EMAIL_LIMIT, RESET_IP_LIMIT } from '~/models/password-resets.server';
import { closeDb, type Db, openDb } from '~/utils/db.server';

import { type ServerProcess, startServer, submitPakn } from '../support/server-process';
import { sqlAll, sqlGet } from '../support/sql';
import { createStaffUser } from '../support/staff';

let srv: ServerProcess;
let db: Db;
let user: { id: number; email: string; password: string };

const SUBMISSIONS = 3;
const LOOKUPS = 3;
const IP = {
  submit: '10.77.0.1',
  submitOther: '10.77.0.2',
  follow: '10.77.1.1',
  followOther: '10.77.1.2',
  followPair: '10.77.1.3',
  signin: '10.77.2.1',
  signinOther: '10.77.2.2',
  reset: '10.77.3.1',
  resetOther: '10.77.3.2',
};

function form(path: string, ip: string, fields: Record<string, string>) {
  return fetch(`${srv.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: srv.baseUrl,
      'X-Forwarded-For': ip,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
}

const lookup = (ip: string, code: string) =>
  form('/theo-doi', ip, { code, contact: 'khong-phai@example.vn' });
const signIn = (ip: string, email: string, password: string) =>
  form('/can-bo/dang-nhap', ip, { email, password });
const reset = (ip: string, email: string) => form('/can-bo/quen-mat-khau', ip, { email });
const outbox = async () => (await sqlGet<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox'))!.n;
let codeSeq = 100;
const anotherCode = () => `PAKN-2026-${String(codeSeq++).padStart(6, '0')}`;

/**
 * The limits use fixed windows (15 minutes, an hour), here made WINDOW_SCALE times longer (10 days and
 * more) so that none turns over between "exhausted" and "still limited". Should a run start within two
 * minutes of the end of a window all the same (about one run in 6,000), it waits for the next one.
 */
const WINDOW_SCALE = 1000;
async function awayFromWindowEdges() {
  const now = Date.now() / 1000;
  const left = Math.min(...[15 * 60, 3600].map((w) => w * WINDOW_SCALE - (now % (w * WINDOW_SCALE))));
  if (left < 120) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
}

beforeAll(async () => {
  await awayFromWindowEdges();
  srv = await startServer({
    env: {
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
      MAIL_WORKER: '0',
      RATE_LIMIT_WINDOW_SCALE: String(WINDOW_SCALE),
    },
  });
  // the app's modules used here read and write the server's database
  Object.assign(process.env, { ...srv.env, LOG_LEVEL: 'silent' });
  db = (await openDb()).db;
  await setSetting('intake.submissionsPerIpPerHour', SUBMISSIONS);
  await setSetting('followup.attemptsPer15Min', LOOKUPS);
  user = await createStaffUser(db, { role: 'viewer' });
}, 200_000);

afterAll(async () => {
  await closeDb();
  await srv?.cleanup();
});

describe('limits reached before a restart still hold after it', () => {
  it('exhausts each limit', async () => {
    // submission: N sent from one address, the next refused at the last step
    for (let i = 0; i < SUBMISSIONS; i += 1) {
      const r = await submitPakn(srv.baseUrl, {}, { ip: IP.submit });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    expect(await submitPakn(srv.baseUrl, {}, { ip: IP.submit })).toEqual({
      ok: false,
      step: 'send',
      error: 'POST /gop-y/kiem-tra 429',
    });

    // follow-up lookup: per address over all codes (FOLLOW_ADDRESS_FACTOR times the setting), and per
    // (address, code) pair; guesses at one code from other addresses never lock the code itself
    for (let i = 0; i < LOOKUPS * FOLLOW_ADDRESS_FACTOR; i += 1)
      expect((await lookup(IP.follow, anotherCode())).status).toBe(400);
    expect((await lookup(IP.follow, anotherCode())).status).toBe(429);
    const guessed = 'PAKN-2026-000042';
    for (let i = 0; i < LOOKUPS; i += 1) expect((await lookup(IP.followPair, guessed)).status).toBe(400);
    expect((await lookup(IP.followPair, guessed)).status).toBe(429);
    for (let i = 0; i < LOOKUPS; i += 1) expect((await lookup(`10.77.9.${i + 1}`, guessed)).status).toBe(400);
    expect((await lookup('10.77.9.200', guessed)).status).toBe(400);

    // sign-in: failures from one address (unknown e-mails, so no account lock is involved), then even
    // the right password from that address is refused
    for (let i = 0; i < SIGNIN_IP_LIMIT; i += 1)
      expect((await signIn(IP.signin, `khong-co-${i}@example.vn`, 'sai')).status).toBe(400);
    expect((await signIn(IP.signin, user.email, user.password)).status).toBe(429);

    // password reset: per address (answered 429), and per account (mail silently not sent)
    for (let i = 0; i < RESET_IP_LIMIT; i += 1)
      expect((await reset(IP.reset, `ai-do-${i}@example.vn`)).status).toBe(200);
    expect((await reset(IP.reset, user.email)).status).toBe(429);
    const mails = await outbox();
    for (let i = 0; i < RESET_EMAIL_LIMIT; i += 1)
      expect((await reset(`10.77.4.${i + 1}`, user.email)).status).toBe(200);
    expect(await outbox()).toBe(mails + RESET_EMAIL_LIMIT);
    expect((await reset('10.77.4.100', user.email)).status).toBe(200);
    expect(await outbox()).toBe(mails + RESET_EMAIL_LIMIT);
  }, 120_000);

  it('the counters are stored pseudonymised: no address or e-mail in clear', async () => {
    const rows = await sqlAll<{ bucket: string; key: string }>(db, 'SELECT bucket, key FROM rate_limits');
    const buckets = new Set(rows.map((r) => r.bucket));
    for (const b of ['intake-submit', 'follow-ip', 'follow-ip-code', 'signin-ip', 'reset-ip', 'reset-email'])
      expect(buckets, b).toContain(b);
    for (const r of rows) {
      expect(r.key).not.toMatch(/10\.77\./);
      expect(r.key).not.toMatch(/@/);
    }
  });

  it('restarts the server: every limit still holds; other clients are unaffected', async () => {
    const { code } = await srv.kill('SIGTERM');
    expect(code).toBe(0);
    await srv.restart();

    expect(await submitPakn(srv.baseUrl, {}, { ip: IP.submit })).toMatchObject({
      ok: false,
      error: 'POST /gop-y/kiem-tra 429',
    });
    expect((await submitPakn(srv.baseUrl, {}, { ip: IP.submitOther })).ok).toBe(true);

    expect((await lookup(IP.follow, anotherCode())).status).toBe(429);
    expect((await lookup(IP.followPair, 'PAKN-2026-000042')).status).toBe(429);
    expect((await lookup('10.77.9.201', 'PAKN-2026-000042')).status).toBe(400);
    expect((await lookup(IP.followOther, anotherCode())).status).toBe(400);

    expect((await signIn(IP.signin, user.email, user.password)).status).toBe(429);
    expect((await signIn(IP.signinOther, user.email, user.password)).status).toBe(302);

    expect((await reset(IP.reset, 'ai-do@example.vn')).status).toBe(429);
    const mails = await outbox();
    expect((await reset('10.77.4.101', user.email)).status).toBe(200);
    expect(await outbox()).toBe(mails); // this account's quota is still used up
    expect((await reset(IP.resetOther, 'nguoi-khac@example.vn')).status).toBe(200);
  }, 120_000);
});
