// The performance benchmark of issue #7 (not part of `npm test`):
//   npm run bench [-- --sizes 10000,100000,1000000] [--seed 42] [--duration 10] [--warmup 2] [--connections 10]
//                 [--workers 1] [--out docs/benchmarks.md] [--no-write] [--cache DIR]
//   npm run bench -- --similar-compare --sizes 100000 [--rounds 2]: the cost of similar PAKN (issue #15) on the
//                 submission, see compareSimilar below; written to the "similar" block of docs/benchmarks.md
// For each size: a seeded database (cached under .cache/bench/, copied for the run so submissions never touch
// the cache), the production build served by `node server.mjs` on loopback, a signed-in staff member, then
// autocannon on each page for --duration seconds after a --warmup, the server's RSS sampled every 200 ms from
// /proc. A bare Remix route (a static page, no loader of its own) measured in the same run gives the ceiling
// each page is compared with. The results go to the console and, between markers, into docs/benchmarks.md.
//
// The build: the app's sources are copied to .cache/bench/app/ and built there (only when they changed), so the
// benchmark neither depends on nor disturbs the build/ of the work tree. When app/routes/ has no bare route yet,
// the copy gets BARE_ROUTE_SOURCE below as app/routes/[__bare].tsx — the file proposed for the app itself.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';
import Database from 'better-sqlite3';

import { seedBench } from './bench-seed';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BARE_PATH = '/__bare';
const STAFF_EMAIL = 'dieu-phoi.bench@so-khcn.example.vn';
const STAFF_PASSWORD = 'Đồng-hồ-cát-xanh-2026';

export const BARE_ROUTE_SOURCE = `// A static page with no loader of its own: the framework's ceiling on this machine for \`npm run bench\`
// (docs/benchmarks.md). It goes through everything a real page does (Express middleware, the root loader and
// layout, React rendering, compression) and nothing else.
import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'bench' }, { name: 'robots', content: 'noindex' }];

export default function Bare() {
  return <p>ok</p>;
}
`;

// ---------------------------------------------------------------------------------------------
// Options

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    seed: { type: 'string', default: '42' },
    end: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    'node-options': { type: 'string', default: '' },
    overlay: { type: 'string' },
    name: { type: 'string', default: 'latest' },
    priority: { type: 'string', default: '0' },
    cache: { type: 'string' },
    'similar-compare': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '2' },
    db: { type: 'string', default: 'sqlite' },
  },
});
/** --cache DIR: seeds, run copies and the build snapshot (a 1,000,000 seed with its indexes takes ≈6 GB) */
const CACHE = opts.cache ? path.resolve(opts.cache) : path.join(ROOT, '.cache/bench');
const SIZES = opts.sizes!.split(',').map((s) => Number(s.replace(/[_\s]/g, '')));
const SEED = Number(opts.seed);
const END = opts.end ?? new Date().toISOString().slice(0, 10);
const DURATION = Number(opts.duration);
const WARMUP = Number(opts.warmup);
const CONNECTIONS = Number(opts.connections);
const WORKERS = Number(opts.workers);
const ONLY = opts.only ? new Set(opts.only.split(',')) : null;
const NODE_OPTIONS = opts['node-options']!;
/** --priority -10: a nice value for this process and the server (root only), on a machine shared with other work */
const PRIORITY = Number(opts.priority);
/** --overlay DIR: files under DIR replace or add to the copied sources (a proposed change, measured without touching app/) */
const OVERLAY = opts.overlay ? path.resolve(opts.overlay) : null;
const SNAPSHOT = path.join(CACHE, OVERLAY ? 'app-overlay' : 'app');
if (SIZES.some((n) => !Number.isInteger(n) || n < 100))
  throw new Error(`--sizes: integers ≥ 100, got ${opts.sizes}`);

const log = (...args: unknown[]) => console.log(...args);

// ---------------------------------------------------------------------------------------------
// The build: a snapshot of the sources, built when they changed

const SOURCE_DIRS = ['app', 'db', 'emails', 'public'];
const SOURCE_FILES = ['server.mjs', 'remix.config.js', 'package.json', 'tsconfig.json', 'remix.env.d.ts'];

function listFiles(dir: string, skip: (rel: string) => boolean, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    const rel = path.relative(base, full);
    if (skip(rel)) return [];
    return e.isDirectory() ? listFiles(full, skip, base) : [full];
  });
}

function hasBareRoute(routesDir: string): boolean {
  return (
    fs.existsSync(routesDir) && fs.readdirSync(routesDir).some((f) => /^\[__bare\]\.(tsx|jsx|ts|js)$/.test(f))
  );
}

function prepareBuild(): { built: boolean; seconds: number; bareFromApp: boolean } {
  const started = performance.now();
  const skip = (rel: string) =>
    rel === path.join('public', 'build') || rel.split(path.sep).includes('.cache');
  const files = [
    ...SOURCE_DIRS.flatMap((d) => listFiles(path.join(ROOT, d), (rel) => skip(path.join(d, rel)))),
    ...SOURCE_FILES.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f)),
  ].sort();
  const bareFromApp = hasBareRoute(path.join(ROOT, 'app/routes'));
  const hash = createHash('sha256');
  for (const f of files)
    hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  if (!bareFromApp) hash.update(BARE_ROUTE_SOURCE);
  const overlayFiles = OVERLAY ? listFiles(OVERLAY, () => false) : [];
  for (const f of overlayFiles)
    hash.update(path.relative(OVERLAY!, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  const digest = hash.digest('hex');
  const stamp = path.join(SNAPSHOT, '.source-hash');
  if (
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === digest &&
    fs.existsSync(path.join(SNAPSHOT, 'build/index.js'))
  ) {
    return { built: false, seconds: 0, bareFromApp };
  }
  log(`build: copying the sources to ${path.relative(ROOT, SNAPSHOT)} and running \`remix build\` there`);
  for (const d of [...SOURCE_DIRS, 'build', '.cache'])
    fs.rmSync(path.join(SNAPSHOT, d), { recursive: true, force: true });
  fs.mkdirSync(SNAPSHOT, { recursive: true });
  for (const f of files) {
    const to = path.join(SNAPSHOT, path.relative(ROOT, f));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f, to);
  }
  if (!bareFromApp) fs.writeFileSync(path.join(SNAPSHOT, 'app/routes/[__bare].tsx'), BARE_ROUTE_SOURCE);
  for (const f of overlayFiles) {
    const to = path.join(SNAPSHOT, path.relative(OVERLAY!, f));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f, to);
  }
  const nm = path.join(SNAPSHOT, 'node_modules');
  if (!fs.existsSync(nm)) fs.symlinkSync(path.join(ROOT, 'node_modules'), nm, 'dir');
  fs.writeFileSync(
    path.join(SNAPSHOT, 'cluster.mjs'),
    `// --workers N: N copies of server.mjs behind the cluster module's shared port (an experiment for ADR 0005)
import cluster from 'node:cluster';
if (cluster.isPrimary) {
  const n = Number(process.env.BENCH_WORKERS ?? 2);
  for (let i = 0; i < n; i++) cluster.fork();
  process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM'); });
  cluster.on('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
} else {
  await import('./server.mjs');
}
`,
  );
  // the same server under another process name: other work on a shared machine that stops its own
  // `node server.mjs` with a pattern (pkill -f server.mjs) must not stop the benchmark's
  fs.writeFileSync(path.join(SNAPSHOT, 'pakn-bench.mjs'), "await import('./server.mjs');\n");
  const r = spawnSync('npx', ['remix', 'build'], {
    cwd: SNAPSHOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`remix build failed:\n${r.stdout}\n${r.stderr}`);
  fs.writeFileSync(stamp, digest);
  return { built: true, seconds: (performance.now() - started) / 1000, bareFromApp };
}

// ---------------------------------------------------------------------------------------------
// The database of a size: cached seed, copied per run

export type SeedInfo = {
  seconds: number;
  cached: boolean;
  bytes: number;
  events: number;
  answers: number;
  published: number;
};

function seededDb(count: number): { file: string; info: SeedInfo } {
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `seed-${count}-s${SEED}-${END}.db`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    return { file, info: { ...(JSON.parse(fs.readFileSync(meta, 'utf8')) as SeedInfo), cached: true } };
  }
  // older seeds of this size (another day or seed) are not reused: remove them so the cache stays small
  for (const f of fs.readdirSync(CACHE))
    if (f.startsWith(`seed-${count}-`)) fs.rmSync(path.join(CACHE, f), { force: true });
  log(`seed: ${count.toLocaleString('en')} PAKN (seed ${SEED}, up to ${END})`);
  const r = seedBench({ file, count, seed: SEED, end: END, log });
  const info: SeedInfo = {
    seconds: r.seconds,
    cached: false,
    bytes: r.bytes,
    events: r.events,
    answers: r.answers,
    published: r.published,
  };
  fs.writeFileSync(meta, JSON.stringify(info));
  log(`seed: done in ${r.seconds.toFixed(1)} s (${(r.bytes / 2 ** 20).toFixed(0)} MB)`);
  return { file, info };
}

async function addStaff(dbFile: string): Promise<void> {
  const { hashPassword } = await import('../app/utils/password-hash.server');
  const db = new Database(dbFile);
  const hash = await hashPassword(STAFF_PASSWORD);
  db.prepare(
    `INSERT INTO users (email, name, password_hash, role) VALUES (?, 'Điều phối (bench)', ?, 'coordinator')`,
  ).run(STAFF_EMAIL, hash);
  db.close();
}

// ---------------------------------------------------------------------------------------------
// The server process and its memory

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function pidsOf(pid: number): number[] {
  const children = (() => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  })();
  return [pid, ...children];
}

function rssKb(pid: number): number {
  let total = 0;
  for (const p of pidsOf(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      // exited
    }
  }
  return total;
}

/** CPU seconds (user + system) used so far by the server and its workers */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of pidsOf(pid)) {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // exited
    }
  }
  return ticks / 100;
}

export type Server = {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
};

async function startServer(
  dbFile: string,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  workers = WORKERS,
): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    BASE_URL: baseUrl,
    DATABASE_URL: dbFile,
    DATA_DIR: dataDir,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'warn',
    MAIL_WORKER: '0',
    TRUST_PROXY: '1',
    BENCH_WORKERS: String(workers),
    ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [workers > 1 ? 'cluster.mjs' : 'pakn-bench.mjs'], {
    cwd: SNAPSHOT,
    env: env as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (PRIORITY) os.setPriority(child.pid!, PRIORITY);
  const lines: string[] = [];
  child.stdout!.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited during start-up:\n${lines.slice(-20).join('\n')}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy:\n${lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    pid: child.pid!,
    child,
    lines,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/can-bo/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: STAFF_EMAIL, password: STAFF_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('pakn_staff='));
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------
// Load

export type Sample = {
  ms: number[];
  statuses: Map<number, number>;
  errors: number;
  unexpected: number;
  requests: number;
};
export type Result = {
  key: string;
  label: string;
  rps: number;
  /** responses counted in the measured seconds */
  requests?: number;
  /** whole submissions per second, for the submission flow */
  flows?: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  peakRssMb: number;
  cpu: number;
  note?: string;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type Target = {
  key: string;
  label: string;
  /** autocannon options beyond url/connections/duration */
  options: (ctx: RunCtx) => Partial<autocannon.Options>;
  /** statuses that count as success */
  ok: number[];
  flow?: boolean;
};

export type RunCtx = {
  baseUrl: string;
  cookie: string;
  codes: string[];
  created: string[];
  ipCounter: { n: number };
};

const ACCEPT = { 'Accept-Encoding': 'gzip', Accept: 'text/html' };

function ipFor(i: number): string {
  return `10.${Math.floor(i / 62500) % 250}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

const SUBMISSION_FIELDS = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Nguyễn Thị Hồng Đào',
  address: '12 Lê Lợi, phường 4, Tuy Hòa',
  phone: '0912345678',
  email: 'dao.nguyen@example.vn',
  content:
    'Quy định yêu cầu nộp bản sao có chứng thực trong khi đã có dữ liệu điện tử, gây tốn kém thời gian và chi phí đi lại.',
  regulationRef: 'Thông tư 08/2010/TT-BKHCN',
  field: '5',
  consent: 'on',
};

const TARGETS: Target[] = [
  {
    key: 'bare',
    label: `bare route (${BARE_PATH})`,
    ok: [200],
    options: () => ({ requests: [{ method: 'GET', path: BARE_PATH }] }),
  },
  {
    key: 'home',
    label: 'home page (/)',
    ok: [200],
    options: () => ({ requests: [{ method: 'GET', path: '/' }] }),
  },
  {
    key: 'list',
    label: 'published answers (/cong-khai)',
    ok: [200],
    options: () => ({ requests: [{ method: 'GET', path: '/cong-khai' }] }),
  },
  {
    key: 'search',
    label: 'search "thủ tục"',
    ok: [200],
    options: () => ({ requests: [{ method: 'GET', path: `/cong-khai?q=${encodeURIComponent('thủ tục')}` }] }),
  },
  {
    key: 'search2',
    label: 'search "dấu định lượng"',
    ok: [200],
    options: () => ({
      requests: [{ method: 'GET', path: `/cong-khai?q=${encodeURIComponent('dấu định lượng')}` }],
    }),
  },
  {
    key: 'answer',
    label: 'answer page (/cong-khai/CODE)',
    ok: [200],
    options: (ctx) => {
      let i = 0;
      return {
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/cong-khai/${ctx.codes[i++ % ctx.codes.length]}` }),
          },
        ],
      };
    },
  },
  {
    key: 'queue',
    label: 'staff queue (filtered, by due date)',
    ok: [200],
    options: (ctx) => ({
      requests: [
        {
          method: 'GET',
          path: '/can-bo?tab=all&unit=2&status=in_progress&sort=due',
          headers: { ...ACCEPT, Cookie: ctx.cookie },
        },
      ],
    }),
  },
  {
    key: 'submit',
    label: 'submission (GET form, POST, POST send)',
    ok: [200, 302],
    flow: true,
    options: (ctx) => submissionFlow(ctx, false),
  },
];

/**
 * One whole submission per autocannon "request chain": the form (its token and draft cookie), the POST of the
 * form (302 to the check step), with `withCheck` the GET of the check-your-answers page a browser follows the
 * redirect to (its loader computes the similar published answers of issue #15), then the POST that sends it.
 */
function submissionFlow(ctx: RunCtx, withCheck: boolean): Partial<autocannon.Options> {
  type C = { token?: string; cookie?: string; ip?: string; n?: number };
  const check: autocannon.Request = {
    method: 'GET',
    setupRequest: (req, context: C) => {
      if (!context.token) return null as never;
      return {
        ...req,
        path: `/gop-y/kiem-tra?t=${context.token}`,
        headers: { ...ACCEPT, Cookie: context.cookie ?? '', 'X-Forwarded-For': context.ip! },
      };
    },
    onResponse: (status, _body, context: C) => {
      if (status !== 200) context.token = undefined;
    },
  };
  const requests: autocannon.Request[] = [
    {
      method: 'GET',
      path: '/gop-y',
      setupRequest: (req, context: C) => {
        context.n = ctx.ipCounter.n++;
        context.ip = ipFor(context.n);
        context.token = undefined;
        // no Accept-Encoding here: the token is read from the page
        return { ...req, headers: { Accept: 'text/html', 'X-Forwarded-For': context.ip } };
      },
      onResponse: (status, body, context: C, headers) => {
        context.token = status === 200 ? /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(body)?.[1] : undefined;
        // the draft is bound to the browser that opened the form (its cookie)
        const set = headers?.['set-cookie'];
        context.cookie = (Array.isArray(set) ? set : [set])
          .map(String)
          .find((c) => c.startsWith('pakn_draft='))
          ?.split(';')[0];
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context: C) => {
        if (!context.token) return null as never;
        const body = new URLSearchParams({
          ...SUBMISSION_FIELDS,
          title: `Thủ tục cấp giấy phép tiến hành công việc bức xạ, lần ${context.n}`,
        }).toString();
        return {
          ...req,
          path: `/gop-y?t=${context.token}`,
          body,
          headers: {
            ...ACCEPT,
            Origin: ctx.baseUrl,
            Cookie: context.cookie ?? '',
            'X-Forwarded-For': context.ip!,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
        };
      },
      onResponse: (status, _body, context: C, headers) => {
        if (status !== 302 || !String(headers?.location ?? '').startsWith('/gop-y/kiem-tra'))
          context.token = undefined;
      },
    },
    ...(withCheck ? [check] : []),
    {
      method: 'POST',
      path: '/gop-y/kiem-tra',
      setupRequest: (req, context: C) => {
        if (!context.token) return null as never;
        return {
          ...req,
          body: new URLSearchParams({ t: context.token }).toString(),
          headers: {
            ...ACCEPT,
            Origin: ctx.baseUrl,
            Cookie: context.cookie ?? '',
            'X-Forwarded-For': context.ip!,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
        };
      },
      onResponse: (status, _body, _context: C, headers) => {
        const code = /^\/theo-doi\/([A-Z0-9-]+)\?moi=1$/.exec(String(headers?.location ?? ''))?.[1];
        if (status === 302 && code) ctx.created.push(code);
      },
    },
  ];
  return { requests };
}

async function load(target: Target, ctx: RunCtx, seconds: number): Promise<Sample> {
  const sample: Sample = { ms: [], statuses: new Map(), errors: 0, unexpected: 0, requests: 0 };
  const base = target.options(ctx);
  const instance = autocannon({
    url: ctx.baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    headers: ACCEPT,
    timeout: 30,
    ...base,
  }) as unknown as EventEmitter & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    sample.ms.push(ms);
    sample.requests += 1;
    sample.statuses.set(status, (sample.statuses.get(status) ?? 0) + 1);
    if (!target.ok.includes(status)) sample.unexpected += 1;
  });
  instance.on('reqError', () => {
    sample.errors += 1;
  });
  const result = await instance;
  // a submission whose form or check step failed restarts from the form: that is an error too
  sample.errors = Math.max(sample.errors, result.errors + result.timeouts) + (result.resets ?? 0);
  return sample;
}

async function measure(
  target: Target,
  ctx: RunCtx,
  server: Server,
  afterWarmup?: () => Promise<void>,
): Promise<Result> {
  const alive = () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `the server exited (${server.child.exitCode ?? server.child.signalCode}) during "${target.label}":\n${server.lines.slice(-30).join('\n')}`,
      );
    }
  };
  alive();
  if (WARMUP > 0) await load(target, ctx, WARMUP);
  alive();
  await afterWarmup?.();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(server.pid));
  }, 200);
  const createdBefore = ctx.created.length;
  const cpu0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  const s = await load(target, ctx, DURATION);
  const elapsed = (performance.now() - t0) / 1000;
  alive();
  const cpu = (cpuSeconds(server.pid) - cpu0) / elapsed;
  clearInterval(sampler);
  peak = Math.max(peak, rssKb(server.pid));
  const sorted = s.ms.sort((a, b) => a - b);
  const statuses = [...s.statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
  const result: Result = {
    key: target.key,
    label: target.label,
    rps: s.requests / elapsed,
    requests: s.requests,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: s.errors + s.unexpected,
    peakRssMb: peak / 1024,
    cpu,
  };
  if (target.flow) result.flows = (ctx.created.length - createdBefore) / elapsed;
  if (result.errors) result.note = `statuses ${statuses}`;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The yearly report, timed in-process on the same data (the route comes with issue #5)

/** The report page for last year, as a coordinator opens it: three requests one after the other, the worst counts. */
async function timeReportRoute(ctx: RunCtx): Promise<{ ms: number | null; note: string }> {
  const year = Number(END.slice(0, 4)) - 1;
  const url = `${ctx.baseUrl}/can-bo/bao-cao?period=year&year=${year}`;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { ...ACCEPT, Cookie: ctx.cookie } });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200)
      return { ms: null, note: `GET /can-bo/bao-cao?period=year&year=${year} answered ${res.status}` };
  }
  return {
    ms: Math.max(...times),
    note: `GET /can-bo/bao-cao?period=year&year=${year}, worst of 3 (${times.map((t) => t.toFixed(0)).join(' / ')} ms)`,
  };
}

async function timeReport(dbFile: string): Promise<{ ms: number | null; note: string }> {
  const route = fs.readdirSync(path.join(ROOT, 'app/routes')).find((f) => f.startsWith('can-bo.bao-cao'));
  try {
    const { openDatabase, sqliteClientOf } = await import('../app/utils/db.server');
    const reports = (await import('../app/models/reports/report.server')) as Record<string, unknown>;
    const periods = (await import('../app/domain/reports/periods')) as Record<string, unknown>;
    const buildReport = reports.buildReport as ((a: { period: unknown }, db: unknown) => unknown) | undefined;
    const periodOf = periods.periodOf as ((kind: string, year: number, index: number) => unknown) | undefined;
    if (!buildReport || !periodOf) return { ms: null, note: 'n/a — pending #5 (no buildReport/periodOf)' };
    const db = openDatabase(dbFile);
    const year = Number(END.slice(0, 4)) - 1;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      buildReport({ period: periodOf('year', year, 1) }, db);
      times.push(performance.now() - t0);
    }
    sqliteClientOf(db).close();
    return {
      ms: Math.max(...times),
      note: `buildReport(year ${year}) in-process, worst of 3 (${times.map((t) => t.toFixed(0)).join(' / ')} ms)${route ? '' : '; route pending #5'}`,
    };
  } catch (error) {
    return { ms: null, note: `n/a — pending #5 (${(error as Error).message.split('\n')[0]})` };
  }
}

// ---------------------------------------------------------------------------------------------
// One size

type SizeRun = {
  size: number;
  seed: SeedInfo;
  copySeconds: number;
  results: Result[];
  report: { ms: number | null; note: string };
  peakRssMb: number;
  stored: { expected: number; found: number; missing: number };
};

async function runSize(size: number): Promise<SizeRun> {
  const { file, info } = seededDb(size);
  const runDir = path.join(CACHE, `run-${size}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(runDir, 'data'), { recursive: true });
  const dbFile = path.join(runDir, 'data/pakn.db');
  const c0 = performance.now();
  fs.copyFileSync(file, dbFile);
  const copySeconds = (performance.now() - c0) / 1000;
  await addStaff(dbFile);
  const codes = (() => {
    const db = new Database(dbFile, { readonly: true });
    const rows = db
      .prepare(`SELECT code FROM pakn WHERE publication = 'published' ORDER BY id`)
      .all() as Array<{ code: string }>;
    const maxId = (db.prepare('SELECT max(id) AS m FROM pakn').get() as { m: number }).m;
    db.close();
    // 2 000 codes spread over the whole range, in a shuffled but fixed order
    const step = Math.max(1, Math.floor(rows.length / 2000));
    const picked = rows.filter((_, i) => i % step === 0).map((r) => r.code);
    for (let i = picked.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [picked[i], picked[j]] = [picked[j]!, picked[i]!];
    }
    return { picked, maxId };
  })();
  const server = await startServer(dbFile, path.join(runDir, 'data'));
  let overallPeak = 0;
  const sampler = setInterval(() => {
    overallPeak = Math.max(overallPeak, rssKb(server.pid));
  }, 200);
  const results: Result[] = [];
  let report: { ms: number | null; note: string } | undefined;
  const ctx: RunCtx = {
    baseUrl: server.baseUrl,
    cookie: '',
    codes: codes.picked,
    created: [],
    ipCounter: { n: 1 },
  };
  try {
    const probe = await fetch(`${server.baseUrl}${BARE_PATH}`);
    if (probe.status !== 200)
      throw new Error(`${BARE_PATH} answers ${probe.status}: the bare route is missing from the build`);
    ctx.cookie = await signIn(server.baseUrl);
    // a fresh process: let the JIT warm up on the bare route before anything is measured
    await load(TARGETS[0]!, ctx, Math.max(3, 2 * WARMUP));
    const order = [...TARGETS, { ...TARGETS[0]!, key: 'bare2', label: `bare route again (drift check)` }];
    if (fs.readdirSync(path.join(SNAPSHOT, 'app/routes')).some((f) => f.startsWith('can-bo.bao-cao.'))) {
      report = await timeReportRoute(ctx);
    }
    for (const target of order) {
      if (ONLY && !ONLY.has(target.key) && !target.key.startsWith('bare')) continue;
      const r = await measure(target, ctx, server);
      results.push(r);
      log(
        `  ${size.toLocaleString('en').padStart(9)}  ${r.label.padEnd(42)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)}  p95 ${r.p95.toFixed(1)}  p99 ${r.p99.toFixed(1)} ms  err ${r.errors}  rss ${r.peakRssMb.toFixed(0)} MB  cpu ${(r.cpu * 100).toFixed(0)} %${r.flows !== undefined ? `  ${r.flows.toFixed(1)} submissions/s` : ''}`,
      );
    }
  } finally {
    clearInterval(sampler);
    overallPeak = Math.max(overallPeak, rssKb(server.pid));
    await server.stop();
  }
  // every submission acknowledged with a code is in the database
  const db = new Database(dbFile, { readonly: true });
  const expected = ctx.created.length;
  const found = (db.prepare('SELECT count(*) AS n FROM pakn WHERE id > ?').get(codes.maxId) as { n: number })
    .n;
  const has = db.prepare('SELECT 1 FROM pakn WHERE code = ?');
  const missing = ctx.created.filter((c) => !has.get(c)).length;
  db.close();
  report ??= await timeReport(dbFile);
  log(
    `  ${size.toLocaleString('en').padStart(9)}  yearly report: ${report.ms === null ? report.note : `${report.ms.toFixed(0)} ms (${report.note})`}`,
  );
  log(
    `  ${size.toLocaleString('en').padStart(9)}  submissions acknowledged ${expected}, new rows ${found}, missing ${missing}; peak RSS ${(overallPeak / 1024).toFixed(0)} MB`,
  );
  fs.rmSync(runDir, { recursive: true, force: true });
  return {
    size,
    seed: info,
    copySeconds,
    results,
    report,
    peakRssMb: overallPeak / 1024,
    stored: { expected, found, missing },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || String(os.cpus().length);
  return { model, nproc, memGb: os.totalmem() / 2 ** 30, node: process.version, kernel: os.release() };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

/** The ceiling of a run: the better of the two bare-route measurements (first and last), the stricter reference. */
function ceiling(run: SizeRun): Result {
  const bares = run.results.filter((r) => r.key === 'bare' || r.key === 'bare2');
  return bares.reduce((a, b) => (b.rps > a.rps ? b : a));
}

function verdicts(runs: SizeRun[]): string[] {
  const out: string[] = [];
  const big = runs.find((r) => r.size === 1_000_000) ?? runs[runs.length - 1]!;
  const small = runs.find((r) => r.size === 10_000) ?? runs[0]!;
  const get = (run: SizeRun, key: string) => run.results.find((r) => r.key === key);
  const bareOf = ceiling;
  const b = bareOf(big);
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const at = `at ${big.size.toLocaleString('en')} PAKN`;
  for (const key of ['answer', 'home']) {
    const r = get(big, key);
    if (!r) continue;
    out.push(
      `${mark(r.rps >= 0.5 * b.rps)} ${r.label} ${at}: throughput ${fmt((100 * r.rps) / b.rps, 0)} % of bare (target ≥ 50 %)`,
    );
    out.push(
      `${mark(r.p95 <= 2 * b.p95)} ${r.label} ${at}: p95 ${fmt(r.p95)} ms = ${fmt(r.p95 / b.p95, 2)}× bare (target ≤ 2×)`,
    );
  }
  for (const key of ['search', 'search2', 'list', 'queue']) {
    const r = get(big, key);
    if (!r) continue;
    out.push(
      `${mark(r.p95 <= 3 * b.p95)} ${r.label} ${at}: p95 ${fmt(r.p95)} ms = ${fmt(r.p95 / b.p95, 2)}× bare (target ≤ 3×)`,
    );
  }
  const s = get(big, 'submit');
  if (s) {
    const flows = s.flows ?? 0;
    out.push(
      `${mark(s.rps >= 0.3 * b.rps && s.errors === 0 && big.stored.missing === 0 && big.stored.found >= big.stored.expected)} submissions ${at}: ` +
        `${fmt(s.rps, 0)} requests/s = ${fmt((100 * s.rps) / b.rps, 0)} % of bare (target ≥ 30 %; counted per whole submission: ${fmt(flows)} /s = ${fmt((100 * flows) / b.rps, 0)} %), ` +
        `${s.errors} errors, ${big.stored.expected} acknowledged with a code, ${big.stored.missing} of them missing, ${big.stored.found} rows stored ` +
        `(a few more than acknowledged: submissions still in flight when the load generator stopped)`,
    );
  }
  if (big.report.ms !== null)
    out.push(`${mark(big.report.ms < 5000)} yearly report ${at}: ${fmt(big.report.ms, 0)} ms (target < 5 s)`);
  else out.push(`⏳ yearly report: ${big.report.note}`);
  const peak = Math.max(...runs.map((r) => r.peakRssMb));
  out.push(`${mark(peak < 300)} server RSS: peak ${fmt(peak, 0)} MB over all sizes (target < 300 MB)`);
  if (small !== big) {
    for (const key of ['home', 'list', 'search', 'search2', 'answer', 'queue']) {
      const a = get(small, key);
      const z = get(big, key);
      if (!a || !z) continue;
      out.push(
        `${mark(z.p95 < 2 * a.p95)} growth ${small.size.toLocaleString('en')} → ${big.size.toLocaleString('en')}, ${z.label}: p95 ${fmt(a.p95)} → ${fmt(z.p95)} ms = ${fmt(z.p95 / a.p95, 2)}× (target < 2×)`,
      );
    }
  }
  return out;
}

function markdown(
  runs: SizeRun[],
  build: { built: boolean; seconds: number; bareFromApp: boolean },
  load: { start: number[]; end: number[] },
  startedAt: Date,
  wall: number,
): string {
  const m = machine();
  const lines: string[] = [];
  lines.push(
    `Run of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench -- --sizes ${SIZES.join(',')}\`` +
      (WORKERS > 1 ? ` --workers ${WORKERS}` : '') +
      ` (wall time ${fmt(wall / 60, 1)} min).`,
  );
  lines.push('');
  lines.push(
    `- Machine: ${m.nproc} CPU (${m.model}), ${fmt(m.memGb, 1)} GiB RAM, Linux ${m.kernel}, Node.js ${m.node}`,
  );
  lines.push(
    `- Load average (1/5/15 min) at start ${load.start.map((x) => x.toFixed(2)).join(' / ')}, at end ${load.end.map((x) => x.toFixed(2)).join(' / ')}`,
  );
  if (PRIORITY)
    lines.push(
      `- The machine was shared with other work: the load generator and the server ran at nice ${PRIORITY}`,
    );
  lines.push(
    `- Load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per page after a ${WARMUP} s warm-up, \`Accept-Encoding: gzip\` ` +
      `(except the submission's form step, whose token is read), in the same process as this script, on loopback; server: ` +
      `\`${NODE_OPTIONS ? `NODE_OPTIONS=${NODE_OPTIONS} ` : ''}node server.mjs\` (${WORKERS > 1 ? `${WORKERS} workers behind node:cluster` : 'one process'}), ` +
      `NODE_ENV=production, LOG_LEVEL=warn, MAIL_WORKER=0, TRUST_PROXY=1 (one X-Forwarded-For address per submission)`,
  );
  if (OVERLAY)
    lines.push(
      `- Proposed changes applied to the benchmark copy from \`${path.relative(ROOT, OVERLAY)}\`: ${listFiles(
        OVERLAY,
        () => false,
      )
        .map((f) => path.relative(OVERLAY, f))
        .join(', ')}`,
    );
  lines.push(
    `- Build: ${build.built ? `rebuilt in ${fmt(build.seconds)} s` : 'unchanged sources, previous build reused'}; bare route ${build.bareFromApp ? 'from app/routes' : 'added to the benchmark copy only (app/routes has none yet)'}`,
  );
  lines.push(
    `- Seed ${SEED}, data up to ${END}: ` +
      runs
        .map(
          (r) =>
            `${r.size.toLocaleString('en')} PAKN ${r.seed.cached ? 'cached, seeded' : 'seeded'} in ${fmt(r.seed.seconds)} s (${fmt(r.seed.bytes / 2 ** 20, 0)} MB, ${r.seed.events.toLocaleString('en')} events, ${r.seed.published.toLocaleString('en')} published; copied in ${fmt(r.copySeconds)} s)`,
        )
        .join('; '),
  );
  lines.push('');
  lines.push(
    'The ratio columns compare with the better of the two bare-route measurements of the same size (first and last).',
  );
  lines.push('');
  lines.push(
    '| PAKN | page | req/s | ratio to bare | p50 ms | p95 ms | p99 ms | p95 / bare | errors | peak RSS MB | server CPU |',
  );
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const run of runs) {
    const bare = ceiling(run);
    for (const r of run.results) {
      const rps =
        r.flows !== undefined ? `${fmt(r.rps, 0)} (${fmt(r.flows, 1)} submissions/s)` : fmt(r.rps, 0);
      lines.push(
        `| ${run.size.toLocaleString('en')} | ${r.label} | ${rps} | ${fmt(r.rps / bare.rps, 2)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.p95 / bare.p95, 2)} | ${r.errors}${r.note ? ` (${r.note})` : ''} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.cpu * 100, 0)} % |`,
      );
    }
    lines.push(
      `| ${run.size.toLocaleString('en')} | yearly report | | | | | | | | | ${run.report.ms === null ? run.report.note : `${fmt(run.report.ms, 0)} ms — ${run.report.note}`} |`,
    );
  }
  lines.push('');
  lines.push(
    'Peak RSS per size (whole run): ' +
      runs.map((r) => `${r.size.toLocaleString('en')}: ${fmt(r.peakRssMb, 0)} MB`).join(', ') +
      '.',
  );
  lines.push('');
  lines.push('Targets:');
  lines.push('');
  for (const v of verdicts(runs)) lines.push(`- ${v}`);
  return lines.join('\n');
}

function writeDoc(file: string, generated: string, name: string) {
  const START = `<!-- bench:start ${name} (written by scripts/bench.ts) -->`;
  const END_MARK = `<!-- bench:end ${name} -->`;
  const full = path.resolve(ROOT, file);
  const block = `${START}\n${generated}\n${END_MARK}`;
  let text = fs.existsSync(full)
    ? fs.readFileSync(full, 'utf8')
    : `# Benchmarks\n\nHow to run: \`npm run bench\` (all sizes) or \`npm run bench -- --sizes 10000,100000\`.\n\n## Latest run\n\n${START}\n${END_MARK}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END_MARK);
  text =
    a >= 0 && b > a
      ? text.slice(0, a) + block + text.slice(b + END_MARK.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(full, text);
}

// ---------------------------------------------------------------------------------------------
// --similar-compare: what similar PAKN (issue #15) cost the submission. Two servers of the same build on two
// copies of the same seed: "on" as shipped; "off" with the index triggers dropped from its copy (no index upkeep
// when a PAKN is inserted) and SIMILAR_SUGGESTIONS=off (no matching on the check page nor in /gop-y/goi-y).
// Each flow is measured on both, alternating which goes first, --rounds times, so that the machine's load
// drifts over both alike.

type Variant = 'on' | 'off';
type CompareRow = Result & { variant: Variant; round: number; load: number };

const SUGGEST_QUERY = new URLSearchParams({
  title: 'Thủ tục cấp giấy phép tiến hành công việc bức xạ',
  content: SUBMISSION_FIELDS.content,
}).toString();

const COMPARE_TARGETS: Target[] = [
  {
    key: 'submit',
    label: 'submission (GET form, POST, POST send)',
    ok: [200, 302],
    flow: true,
    options: (ctx) => submissionFlow(ctx, false),
  },
  {
    key: 'submit-check',
    label: 'submission with the check page (GET form, POST, GET check, POST send)',
    ok: [200, 302],
    flow: true,
    options: (ctx) => submissionFlow(ctx, true),
  },
  {
    key: 'suggest',
    label: 'suggestions while writing (GET /gop-y/goi-y)',
    ok: [200],
    options: (ctx) => ({
      requests: [
        {
          method: 'GET',
          path: `/gop-y/goi-y?${SUGGEST_QUERY}`,
          // a new address per request: the endpoint is rate-limited per address
          setupRequest: (req) => ({
            ...req,
            headers: { ...ACCEPT, Accept: 'application/json', 'X-Forwarded-For': ipFor(ctx.ipCounter.n++) },
          }),
        },
      ],
    }),
  },
];

async function compareSimilar(size: number) {
  const { file, info } = seededDb(size);
  const runDir = path.join(CACHE, `similar-${size}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const servers = new Map<Variant, { server: Server; ctx: RunCtx; dbFile: string; maxId: number }>();
  const rows: CompareRow[] = [];
  const probe: Record<Variant, number> = { on: -1, off: -1 };
  try {
    for (const variant of ['on', 'off'] as const) {
      const dataDir = path.join(runDir, variant, 'data');
      fs.mkdirSync(dataDir, { recursive: true });
      const dbFile = path.join(dataDir, 'pakn.db');
      fs.copyFileSync(file, dbFile);
      const db = new Database(dbFile);
      const maxId = (db.prepare('SELECT max(id) AS m FROM pakn').get() as { m: number }).m;
      if (variant === 'off')
        for (const t of ['pakn_similar_ai', 'pakn_similar_au', 'pakn_similar_ad'])
          db.exec(`DROP TRIGGER ${t}`);
      db.close();
      const server = await startServer(
        dbFile,
        dataDir,
        variant === 'off' ? { SIMILAR_SUGGESTIONS: 'off' } : {},
      );
      const ctx: RunCtx = {
        baseUrl: server.baseUrl,
        cookie: '',
        codes: [],
        created: [],
        ipCounter: { n: 1 },
      };
      servers.set(variant, { server, ctx, dbFile, maxId });
      const res = await fetch(`${server.baseUrl}/gop-y/goi-y?${SUGGEST_QUERY}`, {
        headers: { 'X-Forwarded-For': '10.255.255.1' },
      });
      probe[variant] = ((await res.json()) as { items: unknown[] }).items.length;
      await load(TARGETS[0]!, ctx, Math.max(3, 2 * WARMUP));
    }
    const rounds = Number(opts.rounds);
    for (let round = 1; round <= rounds; round++) {
      const order: Variant[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
      for (const target of COMPARE_TARGETS) {
        if (ONLY && !ONLY.has(target.key)) continue;
        for (const variant of order) {
          const { server, ctx } = servers.get(variant)!;
          const loadNow = os.loadavg()[0]!;
          const r = await measure(target, ctx, server);
          rows.push({ ...r, variant, round, load: loadNow });
          log(
            `  ${size.toLocaleString('en').padStart(9)}  round ${round} ${variant.padEnd(3)} ${r.label.padEnd(70)} ${r.rps.toFixed(0).padStart(5)} req/s${r.flows !== undefined ? ` (${r.flows.toFixed(1)} submissions/s)` : ''}  p50 ${r.p50.toFixed(1)}  p95 ${r.p95.toFixed(1)}  p99 ${r.p99.toFixed(1)} ms  err ${r.errors}  load ${loadNow.toFixed(2)}`,
          );
        }
      }
    }
  } finally {
    for (const { server } of servers.values()) await server.stop();
  }
  // every acknowledged submission is stored, and only the "on" copy indexed its new PAKN
  const stored: Record<Variant, { expected: number; missing: number; indexed: number; added: number }> = {
    on: { expected: 0, missing: 0, indexed: 0, added: 0 },
    off: { expected: 0, missing: 0, indexed: 0, added: 0 },
  };
  for (const [variant, { ctx, dbFile, maxId }] of servers) {
    const db = new Database(dbFile, { readonly: true });
    const has = db.prepare('SELECT 1 FROM pakn WHERE code = ?');
    stored[variant] = {
      expected: ctx.created.length,
      missing: ctx.created.filter((c) => !has.get(c)).length,
      added: (db.prepare('SELECT count(*) AS n FROM pakn WHERE id > ?').get(maxId) as { n: number }).n,
      indexed: (
        db.prepare('SELECT count(*) AS n FROM pakn_similar WHERE pakn_id > ?').get(maxId) as { n: number }
      ).n,
    };
    db.close();
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  return { size, info, rows, probe, stored };
}

function compareMarkdown(
  runs: Array<Awaited<ReturnType<typeof compareSimilar>>>,
  load: { start: number[]; end: number[] },
  startedAt: Date,
  wall: number,
): string {
  const m = machine();
  const la = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    `Run of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench -- --similar-compare --sizes ${SIZES.join(',')} --rounds ${opts.rounds}\` (wall time ${fmt(wall / 60, 1)} min).`,
    '',
    `- Machine: ${m.nproc} CPU (${m.model}), ${fmt(m.memGb, 1)} GiB RAM, Node.js ${m.node}; load average (1/5/15 min) at start ${la(load.start)}, at end ${la(load.end)}; the 1-minute load average when each measurement started is in the table`,
    `- autocannon, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up; two servers of the same build on two copies of the seed, measured alternately (round 1: on first; round 2: off first)`,
    `- **on**: as shipped. **off**: the copy's similar-PAKN triggers dropped (no index upkeep on insert) and \`SIMILAR_SUGGESTIONS=off\` (no matching on the check page or in \`/gop-y/goi-y\`)`,
    ...runs.map(
      (r) =>
        `- ${r.size.toLocaleString('en')} PAKN (${r.info.published.toLocaleString('en')} published): the bench's question gets ${r.probe.on} suggestions on, ${r.probe.off} off; ` +
        `submissions acknowledged on ${r.stored.on.expected} (missing ${r.stored.on.missing}, ${r.stored.on.indexed} of ${r.stored.on.added} new rows indexed), ` +
        `off ${r.stored.off.expected} (missing ${r.stored.off.missing}, ${r.stored.off.indexed} of ${r.stored.off.added} indexed)`,
    ),
    '',
    '| PAKN | flow | round | similar | load | req/s | submissions/s | p50 ms | p95 ms | p99 ms | errors |',
    '|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs)
    for (const r of run.rows)
      lines.push(
        `| ${run.size.toLocaleString('en')} | ${r.label} | ${r.round} | ${r.variant} | ${fmt(r.load, 2)} | ${fmt(r.rps, 0)} | ${r.flows === undefined ? '' : fmt(r.flows, 1)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors}${r.note ? ` (${r.note})` : ''} |`,
      );
  lines.push('', 'Means over the rounds, and the cost of "on" relative to "off":', '');
  lines.push('| PAKN | flow | rate on | rate off | rate change | p95 on | p95 off | p95 change |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const run of runs)
    for (const t of COMPARE_TARGETS) {
      const of = (v: Variant) => run.rows.filter((r) => r.key === t.key && r.variant === v);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const on = of('on');
      const off = of('off');
      if (on.length === 0 || off.length === 0) continue;
      const rate = (rs: CompareRow[]) => mean(rs.map((r) => r.flows ?? r.rps));
      const p95 = (rs: CompareRow[]) => mean(rs.map((r) => r.p95));
      const pc = (a: number, b: number) => `${a >= b ? '+' : '−'}${fmt((100 * Math.abs(a - b)) / b, 1)} %`;
      lines.push(
        `| ${run.size.toLocaleString('en')} | ${t.label} | ${fmt(rate(on))}${t.flow ? ' sub/s' : ' req/s'} | ${fmt(rate(off))} | ${pc(rate(on), rate(off))} | ${fmt(p95(on))} ms | ${fmt(p95(off))} ms | ${pc(p95(on), p95(off))} |`,
      );
    }
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  if (PRIORITY) os.setPriority(PRIORITY);
  const t0 = performance.now();
  const loadStart = os.loadavg();
  const build = prepareBuild();
  log(
    `build: ${build.built ? `done in ${build.seconds.toFixed(1)} s` : 'up to date'}; bare route ${build.bareFromApp ? 'from app/routes' : 'added to the benchmark copy'}`,
  );
  if (opts['similar-compare']) {
    const loadStart = os.loadavg();
    const runs = [];
    for (const size of SIZES) runs.push(await compareSimilar(size));
    const md = compareMarkdown(
      runs,
      { start: loadStart, end: os.loadavg() },
      startedAt,
      (performance.now() - t0) / 1000,
    );
    log(`\n${md}\n`);
    if (!opts['no-write']) {
      writeDoc(opts.out!, md, opts.name === 'latest' ? 'similar' : opts.name!);
      log(`written to ${opts.out}`);
    }
    return;
  }
  if (opts.db === 'pg') {
    const { compareBackends, backendsMarkdown } = await import('./bench-backends');
    const loadStart = os.loadavg();
    const runs = [];
    for (const size of SIZES)
      runs.push(
        await compareBackends(size, {
          seededDb,
          addStaff,
          startServer,
          signIn,
          load,
          measure,
          targets: TARGETS.filter((t) => !ONLY || ONLY.has(t.key) || t.key === 'bare'),
          cache: CACHE,
          root: ROOT,
          workers: WORKERS,
          nodeOptions: NODE_OPTIONS,
          priority: PRIORITY,
          log,
        }),
      );
    const md = backendsMarkdown(runs, {
      loadStart,
      loadEnd: os.loadavg(),
      startedAt,
      wall: (performance.now() - t0) / 1000,
      argv: process.argv.slice(2).join(' '),
      machine: machine(),
      nodeOptions: NODE_OPTIONS,
      duration: DURATION,
      warmup: WARMUP,
      connections: CONNECTIONS,
      workers: WORKERS,
    });
    log(`\n${md}\n`);
    if (!opts['no-write']) {
      writeDoc(opts.out!, md, opts.name === 'latest' ? 'pg' : opts.name!);
      log(`written to ${opts.out}`);
    }
    return;
  }
  const runs: SizeRun[] = [];
  for (const size of SIZES) runs.push(await runSize(size));
  const wall = (performance.now() - t0) / 1000;
  const md = markdown(runs, build, { start: loadStart, end: os.loadavg() }, startedAt, wall);
  log(`\n${md}\n`);
  if (!opts['no-write']) {
    writeDoc(opts.out!, md, opts.name!);
    log(`written to ${opts.out}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
