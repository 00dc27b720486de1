// Speed of similar-PAKN matching over a big seeded database (issue #15: p95 under 100 ms at 1,000,000 PAKN).
//   npx tsx scripts/similarity-bench.ts --db .cache/bench/seed-1000000-….db [--runs 300] [--seed 7]
// Seed the file first with `npm run bench:seed -- --count N` (the index is filled by its triggers). For each run
// a stored PAKN, drawn at random, is matched as if it were new (its own row excluded): the staff path
// (similarToPakn: FTS candidates, citation and submitter candidates, scoring) and the citizen path
// (publishedSimilar on its title and content). Prints p50/p95/p99/max in ms, after 20 warm-up runs.
import { parseArgs } from 'node:util';

import { publishedSimilar, similarToPakn } from '~/models/similarity.server';
import { openDatabase } from '~/utils/db.server';

import { makeRng } from './bench-seed';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    runs: { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
  },
});
if (!values.db) throw new Error('--db <file> is required');
const db = openDatabase(values.db);
const runs = Number(values.runs);
const rng = makeRng(Number(values.seed));
const max = db.$client.prepare('SELECT max(id) AS n FROM pakn').get() as { n: number };
const rows = db.$client.prepare('SELECT count(*) AS n FROM pakn').get() as { n: number };

function pct(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(label: string, fn: (id: number) => number) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs + 20; i++) {
    const id = 1 + rng.int(max.n);
    const t0 = performance.now();
    const n = fn(id);
    const ms = performance.now() - t0;
    if (i >= 20) {
      times.push(ms);
      if (n > 0) found++;
    }
  }
  const f = (x: number) => x.toFixed(1);
  console.log(
    `${label}: p50 ${f(pct(times, 50))} ms, p95 ${f(pct(times, 95))} ms, p99 ${f(pct(times, 99))} ms, max ${f(Math.max(...times))} ms; ${found}/${runs} with a suggestion`,
  );
}

console.log(`${values.db}: ${rows.n.toLocaleString('en')} PAKN, ${runs} runs after 20 warm-up`);
measure('staff (similarToPakn, top 5)', (id) => similarToPakn(id, 5, db).length);
const text = db.$client.prepare('SELECT title, content FROM pakn WHERE id = ?');
measure('citizen (publishedSimilar, top 3)', (id) => {
  const p = text.get(id) as { title: string; content: string } | undefined;
  return p ? publishedSimilar(p, 3, db).length : 0;
});
db.$client.close();
