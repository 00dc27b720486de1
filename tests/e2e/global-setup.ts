// Playwright global setup: build once, seed the staff accounts in a fresh database, start a real SMTP
// server that writes every message it receives as a JSON file, start the production server on a free
// port with that database, its own data folder and SMTP_URL, wait for /healthz, then publish the URLs
// and the staff credentials to the workers (env vars + a state file).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FullConfig } from '@playwright/test';

import { type PgCluster, startPgCluster } from '../support/pg-cluster';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { TEST_TMP_DIR } from '../support/tmp';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TMP_ROOT = TEST_TMP_DIR;
export const STATE_FILE = path.join(TMP_ROOT, 'e2e-state.json');

export type E2EState = {
  baseURL: string;
  mailDir: string;
  runDir: string;
  serverPid: number;
  serverLog: string;
  /** the staff accounts seeded for this run (also in E2E_STAFF for the workers) */
  staff: StaffAccounts;
  /** one signed-in browser storage state per role (also in E2E_STAFF_STATES), see signInStates */
  staffStates: Record<StaffRole, string>;
};

// ---------------------------------------------------------------------------------------------------
// Staff accounts: created once per run in the run's own database, before the server starts, through the
// same code as `npm run user:create` (validateNewUser + createUser + the audit entry). tests/e2e/
// staff-fixtures.ts reads them from E2E_STAFF.

export type StaffRole = 'coordinator' | 'handler' | 'approver' | 'admin';
export type StaffAccount = {
  role: StaffRole;
  email: string;
  password: string;
  name: string;
  unit: string | null;
};
export type StaffAccounts = Record<StaffRole, StaffAccount>;

const STAFF_SEED: Array<Omit<StaffAccount, 'password'>> = [
  { role: 'coordinator', email: 'dau-moi.e2e@so-khcn.example.vn', name: 'Lê Thu Hà', unit: null },
  { role: 'handler', email: 'chuyen-vien.e2e@so-khcn.example.vn', name: 'Nguyễn Minh Tuấn', unit: 'QLKHCN' },
  { role: 'approver', email: 'lanh-dao.e2e@so-khcn.example.vn', name: 'Trần Quốc Bảo', unit: 'QLKHCN' },
  { role: 'admin', email: 'quan-tri.e2e@so-khcn.example.vn', name: 'Phạm Thị Lan', unit: null },
];

async function seedStaffAccounts(databaseUrl: string): Promise<StaffAccounts> {
  // imported here: the teardown (which imports this module) and the workers never load the app's models.
  // db.server resolves its migrations folder against the working directory when it loads: pin it to ours.
  const pinned = process.env.MIGRATIONS_DIR === undefined;
  if (pinned) process.env.MIGRATIONS_DIR = path.join(ROOT, 'db/migrations');
  const { openDatabaseUrl } = await import('../../app/utils/db.server');
  const { createUser, validateNewUser } = await import('../../app/models/users.server');
  const { audit } = await import('../../app/models/audit.server');
  if (pinned) delete process.env.MIGRATIONS_DIR;
  // migrates and seeds the units, as the server would on its first start (a SQLite file or PostgreSQL)
  const { db, close } = await openDatabaseUrl(databaseUrl);
  try {
    const accounts = {} as StaffAccounts;
    for (const seed of STAFF_SEED) {
      // one random password per run, long and not derived from the e-mail (the password policy applies)
      const password = `E2e-${crypto.randomBytes(12).toString('base64url')}-Đào`;
      const checked = await validateNewUser({ ...seed, unitCode: seed.unit, password }, db);
      if (!checked.ok) throw new Error(`staff account ${seed.email}: ${JSON.stringify(checked.errors)}`);
      const user = await createUser({ ...checked.value, password }, db);
      await audit(
        {
          actorUserId: null,
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          ip: 'cli',
          detail: { email: user.email, role: user.role, unitId: user.unitId, via: 'e2e-setup' },
        },
        db,
      );
      accounts[seed.role] = { ...seed, password };
    }
    return accounts;
  } finally {
    await close();
  }
}

/**
 * Signs each staff account in once, by the sign-in form's own post, and keeps its session cookie as a
 * Playwright storage state: tests that need a signed-in staff member but are not about signing in open
 * their page with it (staff-fixtures.ts `staffPage`) instead of filling the form again. The sessions are
 * ordinary ones (30 minutes idle limit, far above a run); no test signs out or changes these accounts.
 */
async function signInStates(baseURL: string, staff: StaffAccounts, dir: string) {
  const states = {} as Record<StaffRole, string>;
  let n = 0;
  for (const account of Object.values(staff)) {
    n += 1;
    const res = await fetch(`${baseURL}/can-bo/dang-nhap`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: baseURL,
        'Content-Type': 'application/x-www-form-urlencoded',
        // the server trusts one proxy hop (TRUST_PROXY=1): an address of its own, as every test has
        'X-Forwarded-For': `10.255.255.${n}`,
      },
      body: new URLSearchParams({ email: account.email, password: account.password, redirectTo: '/can-bo' }),
    });
    const line = res.headers.getSetCookie().find((c) => c.startsWith('pakn_staff='));
    if (res.status !== 302 || !line) {
      throw new Error(
        `e2e setup: signing in as ${account.role} gave HTTP ${res.status}: ${await res.text()}`,
      );
    }
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const value = pair!.slice(pair!.indexOf('=') + 1);
    const attribute = (name: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(name))?.split('=')[1];
    const maxAge = Number(attribute('max-age') ?? NaN);
    const sameSite = (attribute('samesite') ?? 'Lax').toLowerCase();
    const cookie = {
      name: 'pakn_staff',
      value,
      domain: new URL(baseURL).hostname,
      path: attribute('path') ?? '/',
      expires: Number.isFinite(maxAge) ? Math.floor(Date.now() / 1000) + maxAge : -1,
      httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
      secure: attributes.some((a) => a.toLowerCase() === 'secure'),
      sameSite: sameSite === 'strict' ? 'Strict' : sameSite === 'none' ? 'None' : 'Lax',
    };
    const file = path.join(dir, `staff-${account.role}.json`);
    fs.writeFileSync(file, JSON.stringify({ cookies: [cookie], origins: [] }, null, 2), { mode: 0o600 });
    states[account.role] = file;
  }
  return states;
}

/** handles shared with global-teardown: both run in the runner process (globalThis survives two module copies) */
const g = globalThis as unknown as {
  __paknE2E?: { smtp?: TestSmtpServer; server?: ChildProcess; cluster?: PgCluster };
};
export const handles = (g.__paknE2E ??= {});

/** stops what global setup started: the portal (SIGTERM, then SIGKILL after 10 s) and the SMTP server */
export async function stopAll() {
  const server = handles.server;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  handles.server = undefined;
  await handles.smtp?.stop();
  handles.smtp = undefined;
  await handles.cluster?.stop();
  handles.cluster = undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, logFile: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(
        `server exited with ${server.exitCode}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${url} not healthy after ${timeoutMs} ms:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
  );
}

export default async function globalSetup(_config: FullConfig) {
  if (process.env.SKIP_BUILD !== '1') {
    try {
      execFileSync('npx', ['remix', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`remix build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  }

  // E2E_DB=pg: the same suite on a throwaway PostgreSQL cluster (tests/support/pg-cluster.ts); the data folder
  // then lives on disk, since PostgreSQL mode refuses a tmpfs DATA_DIR (shared storage, docs/postgresql.md)
  const onPg = process.env.E2E_DB === 'pg';
  const runDir = path.join(
    onPg ? path.join(ROOT, 'tests/.tmp') : TMP_ROOT,
    `e2e-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`,
  );
  const dataDir = path.join(runDir, 'data');
  const mailDir = path.join(runDir, 'received-mail');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(mailDir, { recursive: true });

  let databaseUrl = path.join(dataDir, 'pakn.db');
  let staff: StaffAccounts;
  try {
    if (onPg) {
      handles.cluster = await startPgCluster('pakn_e2e');
      databaseUrl = handles.cluster.url;
    }
    staff = await seedStaffAccounts(databaseUrl);
  } catch (error) {
    await stopAll();
    if (process.env.E2E_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
    throw error;
  }

  // the SMTP server lives in this (runner) process; each message becomes one JSON file the tests read
  const smtp = await startSmtpServer();
  handles.smtp = smtp;
  let written = 0;
  const origPush = smtp.messages.push.bind(smtp.messages);
  smtp.messages.push = (...mails) => {
    for (const mail of mails) {
      written += 1;
      const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
      const record = {
        seq: written,
        receivedAt: new Date().toISOString(),
        to,
        from: mail.from?.text ?? '',
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
        headers: Object.fromEntries(
          [...mail.headers].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        ),
      };
      const file = path.join(mailDir, `${String(written).padStart(5, '0')}.json`);
      fs.writeFileSync(`${file}.part`, JSON.stringify(record, null, 2));
      fs.renameSync(`${file}.part`, file); // readers never see half a message
    }
    return origPush(...mails);
  };

  const port = await freePort();
  // "localhost", not 127.0.0.1: Chromium keeps `Secure` cookies on http://localhost
  const baseURL = `http://localhost:${port}`;
  const serverLog = path.join(runDir, 'server.log');
  const out = fs.openSync(serverLog, 'a');
  // E2E_SERVER_NODE_ARGS: Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (Node refuses
  // --cpu-prof in NODE_OPTIONS); the profile is written when the server stops at the end of the run
  const nodeArgs = (process.env.E2E_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, 'server.mjs'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      BASE_URL: baseURL,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Cổng PAKN <no-reply@pakn.test>',
      MAIL_POLL_SECONDS: '1',
      MAIL_WORKER: '1',
      SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      // each test sends its own X-Forwarded-For (see fixtures.ts) so per-address rate limits do not
      // leak from one test into another
      TRUST_PROXY: '1',
    },
  });
  fs.closeSync(out);
  handles.server = server;

  try {
    await waitForHealth(`${baseURL}/healthz`, server, serverLog);
  } catch (error) {
    // global teardown does not run when setup throws: clean up here (the error carries the log's tail)
    await stopAll();
    if (process.env.E2E_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
    throw error;
  }

  let staffStates: Record<StaffRole, string>;
  try {
    staffStates = await signInStates(baseURL, staff, runDir);
  } catch (error) {
    await stopAll();
    if (process.env.E2E_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
    throw error;
  }

  const state: E2EState = {
    baseURL,
    mailDir,
    runDir,
    serverPid: server.pid!,
    serverLog,
    staff,
    staffStates,
  };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  // workers are started after global setup and inherit these
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_MAIL_DIR = mailDir;
  process.env.E2E_STATE_FILE = STATE_FILE;
  process.env.E2E_STAFF = JSON.stringify(staff);
  process.env.E2E_STAFF_STATES = JSON.stringify(staffStates);
}
