// Speed of similar-PAKN matching over a big seeded database (issue #15: p95 under 100 ms at 1,000,000 PAKN).
//   npm run similarity:bench -- --count 1000000 [--cache /tmp/pakn-bench] [--end 2026-11-27] [--runs 300]
//                               [--repeat 3] [--seed 7]
//   npm run similarity:bench -- --db <seeded file> …
// With --count, the bench data of `scripts/bench-seed.ts` (seed 42) is read from, or first written to,
// <cache>/seed-<count>-s42-<end>.db: the same file `npm run bench -- --cache <dir>` uses. A 1,000,000 file takes
// ≈6 GB with the similarity index, so on a small disk or shared machine put the cache outside the work tree.
// For each run a stored PAKN, drawn at random, is matched as if it were new (its own row excluded): the staff
// path (similarToPakn: FTS candidates, citation and submitter candidates, scoring) and the citizen path
// (publishedSimilar on its title and content). Prints p50/p95/p99/max in ms after 20 warm-up runs, and the
// load average next to each figure; --repeat measures both paths again (new random PAKN each time).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { publishedSimilar, similarToPakn } from '~/models/similarity.server';
import { openDatabase, sqliteClientOf } from '~/utils/db.server';

import { makeRng, seedBench } from './bench-seed';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    count: { type: 'string' },
    cache: { type: 'string', default: '.cache/bench' },
    end: { type: 'string' },
    runs: { type: 'string', default: '300' },
    repeat: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
  },
});

function seededFile(): string {
  if (values.db) return values.db;
  if (!values.count) throw new Error('--db <file> or --count <N> is required');
  const count = Number(values.count.replace(/[_,]/g, ''));
  const end = values.end ?? new Date().toISOString().slice(0, 10);
  const dir = path.resolve(values.cache!);
  const file = path.join(dir, `seed-${count}-s42-${end}.db`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.json`)) return file;
  fs.mkdirSync(dir, { recursive: true });
  console.log(`seeding ${count.toLocaleString('en')} PAKN into ${file} (load average ${loadAvg()})`);
  const { file: _file, count: _count, ...info } = seedBench({ file, count, end, log: console.log });
  fs.writeFileSync(`${file}.json`, JSON.stringify(info));
  console.log(
    `seeded in ${info.seconds.toFixed(1)} s, ${(info.bytes / 2 ** 20).toFixed(0)} MB (load average ${loadAvg()})`,
  );
  return file;
}

function loadAvg(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}

const file = seededFile();
const db = openDatabase(file);
const runs = Number(values.runs);
const rng = makeRng(Number(values.seed));
const max = sqliteClientOf(db).prepare('SELECT max(id) AS n FROM pakn').get() as { n: number };
const rows = sqliteClientOf(db).prepare('SELECT count(*) AS n FROM pakn').get() as { n: number };

function pct(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(label: string, fn: (id: number) => Promise<number>) {
  const times: number[] = [];
  let found = 0;
  const before = loadAvg();
  for (let i = 0; i < runs + 20; i++) {
    const id = 1 + rng.int(max.n);
    const t0 = performance.now();
    const n = await fn(id);
    const ms = performance.now() - t0;
    if (i >= 20) {
      times.push(ms);
      if (n > 0) found++;
    }
  }
  const f = (x: number) => x.toFixed(1);
  console.log(
    `${label}: p50 ${f(pct(times, 50))} ms, p95 ${f(pct(times, 95))} ms, p99 ${f(pct(times, 99))} ms, max ${f(Math.max(...times))} ms; ${found}/${runs} with a suggestion; load average ${before} → ${loadAvg()}`,
  );
}

console.log(`${file}: ${rows.n.toLocaleString('en')} PAKN, ${runs} runs after 20 warm-up`);
const text = sqliteClientOf(db).prepare('SELECT title, content FROM pakn WHERE id = ?');
for (let r = 1; r <= Number(values.repeat); r++) {
  if (Number(values.repeat) > 1) console.log(`round ${r}`);
  await measure('staff (similarToPakn, top 5)', async (id) => (await similarToPakn(id, 5, db)).length);
  await measure('citizen (publishedSimilar, top 3)', async (id) => {
    const p = text.get(id) as { title: string; content: string } | undefined;
    return p ? (await publishedSimilar(p, 3, db)).length : 0;
  });
}
sqliteClientOf(db).close();
