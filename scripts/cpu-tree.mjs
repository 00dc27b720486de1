// CPU time of a command and of every process it starts, by kind (Linux only: reads /proc).
//
//   node scripts/cpu-tree.mjs npx playwright test tests/e2e/follow.spec.ts
//
// Why: `/usr/bin/time` counts only the children a parent waited for. Chromium's renderer and GPU
// processes are forked by its zygote and are not counted, so for Playwright `time` reported about
// half of the real CPU (158 s against 338 s for the whole suite, docs/testing.md). This samples the
// process tree every 300 ms and keeps each process's last user + system time; a process that lives
// less than a sample is missed, one that ends between samples loses at most 300 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node scripts/cpu-tree.mjs <command> [args…]');
  process.exit(2);
}

const HZ = 100; // USER_HZ: the clock ticks of /proc/<pid>/stat on Linux
const last = new Map(); // pid → { kind, ticks }

function kindOf(cmd) {
  if (cmd.includes('server.mjs')) return 'portal server';
  if (/chrom(e|ium)/.test(cmd)) {
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
    return type ? `chromium ${type}` : 'chromium browser';
  }
  if (cmd.includes('playwright') || cmd.includes('vitest')) return 'test runner and workers';
  if (cmd.trim() === '') return 'ended before it was seen running (mostly chromium renderers)';
  return cmd.split(' ')[0].split('/').pop() ?? 'other';
}

function sample(root) {
  const children = new Map();
  const info = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      info.set(Number(entry), { cmd, ticks: Number(fields[11]) + Number(fields[12]) });
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  const stack = [root];
  while (stack.length) {
    for (const pid of children.get(stack.pop()) ?? []) {
      stack.push(pid);
      const { cmd, ticks } = info.get(pid);
      // a process that has ended but is not yet reaped has no command line: keep the kind it had
      const kind = cmd.trim() === '' ? (last.get(pid)?.kind ?? kindOf(cmd)) : kindOf(cmd);
      last.set(pid, { kind, ticks });
    }
  }
}

const started = Date.now();
const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
const timer = setInterval(() => sample(child.pid), 300);
child.on('exit', (code, signal) => {
  clearInterval(timer);
  const byKind = new Map();
  for (const { kind, ticks } of last.values()) {
    const k = byKind.get(kind) ?? { s: 0, n: 0 };
    k.s += ticks / HZ;
    k.n += 1;
    byKind.set(kind, k);
  }
  const rows = [...byKind].sort((a, b) => b[1].s - a[1].s);
  const total = rows.reduce((sum, [, k]) => sum + k.s, 0);
  console.error(
    `\ncpu-tree: ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${total.toFixed(1)} s CPU`,
  );
  for (const [kind, k] of rows)
    console.error(`${k.s.toFixed(1).padStart(8)} s  ${String(k.n).padStart(4)} processes  ${kind}`);
  process.exit(code ?? (signal ? 1 : 0));
});
