// The built portal as a real child process (`node server.mjs`) on a free port, with its own data folder
// in the test folder (./tmp.ts): for the tests that kill, restart or signal the server and read its logs.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

import { createPgTestDatabase, ON_PG, pgDataDir } from './pg-template';
import { TEST_TMP_DIR } from './tmp';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TMP_DIR = TEST_TMP_DIR;

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export type ServerProcess = {
  port: number;
  baseUrl: string;
  dir: string;
  dataDir: string;
  dbFile: string;
  env: Record<string, string>;
  /** every stdout and stderr line since the first start, in order of arrival */
  lines: string[];
  /** the stdout lines that parse as JSON (pino) */
  logs(): LogLine[];
  pid(): number | undefined;
  /** sends the signal and resolves when the process has exited */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves when the current process exits by itself */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** starts it again on the same port and data, and waits for /healthz */
  restart(): Promise<void>;
  /** kills it if running and removes its folder */
  cleanup(): Promise<void>;
};

// a test that times out or throws before its afterAll must not leave a server behind: one set and one exit
// listener per process, though every file that shares the process loads this module anew (fresh-file.ts)
const LIVE = Symbol.for('pakn-tests.live-servers');
function liveServers(): Set<ChildProcess> {
  const known: unknown = Reflect.get(process, LIVE);
  if (known instanceof Set) return known;
  const made = new Set<ChildProcess>();
  Reflect.set(process, LIVE, made);
  process.once('exit', () => {
    for (const c of made) c.kill('SIGKILL');
  });
  return made;
}
const live = liveServers();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function newTmpDir(prefix: string): string {
  const dir = path.join(TMP_DIR, `${prefix}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function startServer(
  opts: { env?: Record<string, string>; dir?: string; healthTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  // TEST_DB=pg: unless the test names its database, a fresh one from the run's template, the data on disk
  const pgDb = ON_PG && !opts.env?.DATABASE_URL ? await createPgTestDatabase() : undefined;
  const dir = opts.dir ?? (pgDb ? pgDataDir('srv') : newTmpDir('srv'));
  const port = await freePort();
  const dataDir = path.join(dir, 'data');
  if (pgDb) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url ?? path.join(dataDir, 'pakn.db'),
    DATABASE_POOL_MAX: '4',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
    MAIL_POLL_SECONDS: '1',
    // a refused message is retried after 1 s, not 30 s (the tests wait for the retry)
    MAIL_RETRY_BASE_MS: '1000',
    ...opts.env,
  };
  const lines: string[] = [];
  let child: ChildProcess | undefined;
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({
    code: null,
    signal: null,
  });

  const spawnIt = async () => {
    const c = spawn(process.execPath, ['server.mjs'], {
      cwd: ROOT,
      // PATH and HOME only from the parent: the test decides everything the portal reads
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    live.add(c);
    let exited = false;
    exit = new Promise((resolve) =>
      c.once('exit', (code, signal) => {
        exited = true;
        live.delete(c);
        resolve({ code, signal });
      }),
    );
    readline.createInterface({ input: c.stdout! }).on('line', (l) => lines.push(l));
    readline.createInterface({ input: c.stderr! }).on('line', (l) => lines.push(l));
    const deadline = Date.now() + (opts.healthTimeoutMs ?? 20_000);
    for (;;) {
      if (exited) throw new Error(`server exited during start-up:\n${lines.slice(-20).join('\n')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server not healthy:\n${lines.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  await spawnIt();
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dir,
    dataDir,
    dbFile: env.DATABASE_URL!,
    env,
    lines,
    logs() {
      return lines.flatMap((l) => {
        if (!l.startsWith('{')) return [];
        try {
          return [JSON.parse(l) as LogLine];
        } catch {
          return [];
        }
      });
    },
    pid: () => child?.pid,
    async kill(signal = 'SIGTERM') {
      if (alive()) child!.kill(signal);
      return exit;
    },
    exited: () => exit,
    async restart() {
      if (alive()) throw new Error('restart(): the server is still running');
      await spawnIt();
    },
    async cleanup() {
      if (alive()) {
        child!.kill('SIGKILL');
        await exit;
      }
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A citizen's submission over HTTP: form → check → send

export const PAKN_FIELDS = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Nguyễn Thị Hồng Đào',
  address: '12 Lê Lợi, phường 4, Tuy Hòa',
  phone: '+84 912 345 678',
  email: 'dao.nguyen@example.vn',
  title: 'Thủ tục cấp giấy phép tiến hành công việc bức xạ',
  content:
    'Quy định yêu cầu nộp bản sao có chứng thực trong khi đã có dữ liệu điện tử, gây tốn kém thời gian.',
  regulationRef: 'Thông tư 08/2010/TT-BKHCN',
  field: '5',
  consent: 'on',
};

/** `name=value` of the draft cookie a GET of the form sets (the browser that holds the draft). */
export function draftCookieOf(res: Response): string {
  return (
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('pakn_draft='))
      ?.split(';')[0] ?? ''
  );
}

export type SubmitResult =
  | { ok: true; code: string; token: string; cookie: string }
  | { ok: false; step: 'form' | 'check' | 'send'; error: string };

export async function submitPakn(
  baseUrl: string,
  fields: Record<string, string> = {},
  opts: {
    ip?: string;
    files?: Array<{ name: string; data: Buffer; type?: string }>;
    timeoutMs?: number;
  } = {},
): Promise<SubmitResult> {
  const headers: Record<string, string> = opts.ip ? { 'X-Forwarded-For': opts.ip } : {};
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  let step: 'form' | 'check' | 'send' = 'form';
  try {
    const page = await fetch(`${baseUrl}/gop-y`, { headers, signal });
    const html = await page.text();
    const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)?.[1];
    if (page.status !== 200 || !token) return { ok: false, step, error: `GET /gop-y ${page.status}` };
    // the draft belongs to the browser that opened the form: send its cookie back
    const draftCookie = draftCookieOf(page);

    step = 'check';
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...PAKN_FIELDS, ...fields })) form.append(k, v);
    for (const f of opts.files ?? [])
      form.append(
        'files',
        new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }),
        f.name,
      );
    const checked = await fetch(`${baseUrl}/gop-y?t=${token}`, {
      method: 'POST',
      body: form,
      headers: { ...headers, Cookie: draftCookie },
      redirect: 'manual',
      signal,
    });
    await checked.arrayBuffer();
    if (checked.status !== 302 || checked.headers.get('Location') !== `/gop-y/kiem-tra?t=${token}`)
      return { ok: false, step, error: `POST /gop-y ${checked.status}` };

    step = 'send';
    const sent = await fetch(`${baseUrl}/gop-y/kiem-tra`, {
      method: 'POST',
      body: new URLSearchParams({ t: token }),
      headers: { ...headers, Cookie: draftCookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
      signal,
    });
    await sent.arrayBuffer();
    const code = /^\/theo-doi\/([A-Z0-9-]+)\?moi=1$/.exec(sent.headers.get('Location') ?? '')?.[1];
    if (sent.status !== 302 || !code)
      return { ok: false, step, error: `POST /gop-y/kiem-tra ${sent.status}` };
    return { ok: true, code, token, cookie: (sent.headers.get('Set-Cookie') ?? '').split(';')[0]! };
  } catch (error) {
    const e = error as { message?: string; cause?: { code?: string } };
    return { ok: false, step, error: e.cause?.code ?? e.message ?? String(error) };
  }
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight; stops starting new ones once `stop()` is true. */
export async function runPool(
  n: number,
  limit: number,
  task: (i: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < n && !stop()) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return next;
}

/** A distinct client address per index, for rate limits keyed by IP (needs TRUST_PROXY=1). */
export function ipFor(i: number): string {
  return `10.${Math.floor(i / 62500) % 250}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
