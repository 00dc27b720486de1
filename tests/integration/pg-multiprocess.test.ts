// Three app processes on one PostgreSQL database (issue #12, "many processes"): they start together (the
// migrations run once, under an advisory lock), then 1,000 citizens send a PAKN through the real form, spread
// over the three. Every submission gets a code; the codes of the year are distinct and gapless; each receipt
// reaches a real SMTP server exactly once although three mail workers claim from the one outbox. Then the daily
// digest job runs in three processes at the same moment: each unit gets one digest.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PG_SKIP_REASON, type PgCluster } from '../support/pg-cluster';
import { type PgServers, startPgServers } from '../support/pg-servers';
import { ipFor, type ServerProcess, submitPakn } from '../support/server-process';
import type { TestSmtpServer } from '../support/smtp';

const PROCESSES = 3;
const SUBMISSIONS = Number(process.env.PG_MULTIPROCESS_SUBMISSIONS ?? 1_000);
const CONCURRENCY = 12;

describe.skipIf(PG_SKIP_REASON)('three app processes on one PostgreSQL database', () => {
  let pgs: PgServers | undefined;
  const servers: ServerProcess[] = [];
  let cluster: PgCluster;
  let smtp: TestSmtpServer;
  let shared = '';

  beforeAll(async () => {
    // 3 × 6 of the test cluster's 40 connections, next to the test's own pools and client
    pgs = await startPgServers('multi', { count: PROCESSES, env: { DATABASE_POOL_MAX: '6' } });
    ({ cluster, smtp, shared } = pgs);
    servers.push(...pgs.servers);
  }, 180_000);

  afterAll(async () => {
    await pgs?.stop();
  });

  it(`stores ${SUBMISSIONS} submissions with distinct gapless codes and mails each receipt once`, async () => {
    const t0 = Date.now();
    const codes: string[] = [];
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < SUBMISSIONS; i = next++) {
          const r = await submitPakn(
            servers[i % PROCESSES]!.baseUrl,
            { email: `nguoi${i}@example.vn`, title: `Kiến nghị số ${i} về thủ tục cấp phép` },
            { ip: ipFor(i), timeoutMs: 120_000 },
          );
          if (r.ok) codes.push(r.code);
          else failures.push(`${i}: ${r.step} ${r.error}`);
        }
      }),
    );
    const submitMs = Date.now() - t0;
    if (failures.length)
      console.log(
        servers.flatMap((srv) => srv.lines.filter((l) => /"level":(40|50|60)/.test(l))).slice(0, 8),
      );
    expect(failures).toEqual([]);
    expect(new Set(codes).size).toBe(SUBMISSIONS);

    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const stored = (await client.query<{ code: string }>('SELECT code FROM pakn ORDER BY code')).rows.map(
        (r) => r.code,
      );
      expect(stored.sort()).toEqual([...codes].sort());
      // gapless: the numbers of the year run 1..n
      const numbers = stored.map((c) => Number(c.slice(c.lastIndexOf('-') + 1))).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: SUBMISSIONS }, (_, k) => k + 1));

      const receipts = (await smtp.waitFor(SUBMISSIONS, 240_000)).filter((m) =>
        /^nguoi\d+@example\.vn$/.test(m.to && !Array.isArray(m.to) ? m.to.text : ''),
      );
      const mailedMs = Date.now() - t0;
      const byRecipient = new Map<string, number>();
      for (const m of receipts) {
        const to = m.to && !Array.isArray(m.to) ? m.to.text : '';
        byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      }
      expect(byRecipient.size).toBe(SUBMISSIONS);
      expect([...byRecipient.values()].every((n) => n === 1)).toBe(true);
      // every code appears in exactly one receipt
      const mailedCodes = receipts.flatMap((m) => /KHCN-\d{4}-\d{6}/.exec(m.subject ?? '') ?? []);
      expect(new Set(mailedCodes).size).toBe(SUBMISSIONS);
      // and nothing else is left to send, nor was sent twice: the outbox's rows and the server's messages match
      const outboxRows = async () =>
        (
          await client.query<{ sent: number; all: number }>(
            "SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS all FROM outbox",
          )
        ).rows[0]!;
      const deadline = Date.now() + 120_000;
      while ((await outboxRows()).sent < (await outboxRows()).all && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      const rows = await outboxRows();
      expect(rows.sent).toBe(rows.all);
      expect(smtp.messages.length).toBe(rows.all);
      // the similar index's word counts and totals, left pending by the submissions (migration 0008), are folded
      // by the processes' job and equal a recount of the index's rows
      const pending = async () =>
        (
          await client.query<{ n: number }>(
            'SELECT (SELECT count(*) FROM pakn_similar_vocab_pending) + (SELECT count(*) FROM pakn_similar_stats_pending) AS n',
          )
        ).rows[0]!.n;
      const foldDeadline = Date.now() + 60_000;
      while (Number(await pending()) > 0 && Date.now() < foldDeadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(Number(await pending())).toBe(0);
      const recount = await client.query<{ term: string; doc: number }>(
        `SELECT t AS term, count(*)::int AS doc FROM pakn_similar AS d,
           LATERAL (SELECT jsonb_object_keys(d.term_freq) UNION SELECT unnest(d.cite_tokens)) AS x (t)
         GROUP BY t ORDER BY t COLLATE "C"`,
      );
      const vocab = await client.query<{ term: string; doc: number }>(
        'SELECT term, doc FROM pakn_similar_vocab WHERE doc > 0 ORDER BY term COLLATE "C"',
      );
      expect(vocab.rows).toEqual(recount.rows);
      const totals = await client.query(
        `SELECT (SELECT rows FROM pakn_similar_stats)::int AS rows, (SELECT tokens FROM pakn_similar_stats)::int AS tokens,
           (SELECT count(*) FROM pakn_similar)::int AS n, (SELECT sum(token_count) FROM pakn_similar)::int AS t`,
      );
      expect(totals.rows[0]).toMatchObject({ rows: SUBMISSIONS, n: SUBMISSIONS });
      expect(totals.rows[0].tokens).toBe(totals.rows[0].t);
      console.log(
        `[pg-multiprocess] ${PROCESSES} processes, ${SUBMISSIONS} submissions at concurrency ${CONCURRENCY}: ` +
          `${(submitMs / 1000).toFixed(1)} s (${((SUBMISSIONS * 1000) / submitMs).toFixed(1)} a second); ` +
          `codes distinct and gapless 1–${SUBMISSIONS}; ${receipts.length} receipts, each once, all sent ` +
          `${(mailedMs / 1000).toFixed(1)} s after the start`,
      );
    } finally {
      await client.end();
    }
  }, 900_000);

  it('computes deadlines with the holidays another process has just recorded', async () => {
    // each process reads the calendar it computes deadlines with; none keeps one another process may change
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const dueOf = async (ip: string) => {
      const r = await submitPakn(servers[0]!.baseUrl, { email: `lich.${ip}@example.vn` }, { ip });
      if (!r.ok) throw new Error(`${r.step} ${r.error}`);
      return (
        await client.query<{ due: string }>('SELECT answer_due AS due FROM pakn WHERE code = $1', [r.code])
      ).rows[0]!.due;
    };
    try {
      const before = await dueOf('10.9.0.1');
      // the next 120 days are recorded as days off, as if by an administrator signed in on another process
      await client.query(
        `INSERT INTO calendar_overrides (date, kind, note)
         SELECT to_char(d, 'YYYY-MM-DD'), 'off', 'Nghỉ thử' FROM generate_series(now()::date + 1, now()::date + 120, '1 day') AS d
         ON CONFLICT (date) DO UPDATE SET kind = 'off', note = 'Nghỉ thử'`,
      );
      const after = await dueOf('10.9.0.2');
      const limit = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
      expect(before < limit).toBe(true);
      expect(after > limit).toBe(true);
    } finally {
      await client.query("DELETE FROM calendar_overrides WHERE note = 'Nghỉ thử'");
      await client.end();
    }
  }, 120_000);

  it('keeps every acknowledged submission when one process is killed under load, and mails nothing twice', async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const mailsBefore = smtp.messages.length;
    const [{ n: before }] = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pakn'))
      .rows as [{ n: number }];
    const victim = servers[PROCESSES - 1]!;
    const TOTAL = 300;
    const codes: string[] = [];
    let refused = 0;
    let next = 0;
    let killed: Promise<unknown> | undefined;
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < TOTAL; i = next++) {
            if (i === 100) killed = victim.kill('SIGKILL');
            const srv = servers[i % PROCESSES]!;
            const r = await submitPakn(
              srv.baseUrl,
              { email: `crash${i}@example.vn`, title: `Kiến nghị khi máy chủ dừng số ${i}` },
              { ip: ipFor(10_000 + i), timeoutMs: 120_000 },
            );
            if (r.ok) codes.push(r.code);
            else refused++; // the killed process's answers, or a connection it never accepted
          }
        }),
      );
      await killed;
      // the killed process comes back; the others never stopped
      await victim.restart();

      const stored = new Set(
        (await client.query<{ code: string }>('SELECT code FROM pakn')).rows.map((r) => r.code),
      );
      for (const c of codes) expect(stored.has(c), c).toBe(true);
      // a transaction cut by the kill took its code with it: the year's numbers stay gapless
      const numbers = [...stored].map((c) => Number(c.slice(c.lastIndexOf('-') + 1))).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, k) => k + 1));
      expect(numbers.length - before).toBeGreaterThanOrEqual(codes.length);

      // every receipt is sent once, except those the killed process had claimed: they wait for its lease
      // (15 minutes) instead of being taken back by a process that cannot know the sender is dead
      const deadline = Date.now() + 120_000;
      const state = async () =>
        (
          await client.query<{ unsent: number; leased: number }>(
            `SELECT count(*) FILTER (WHERE status <> 'sent')::int AS unsent,
                    count(*) FILTER (WHERE status = 'pending' AND next_attempt_at > $1)::int AS leased
             FROM outbox`,
            [Date.now() + 60_000],
          )
        ).rows[0]!;
      let now = await state();
      while (now.unsent > now.leased && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        now = await state();
      }
      expect(now.unsent).toBe(now.leased);
      const received = new Map<string, number>();
      for (const m of smtp.messages.slice(mailsBefore)) {
        const to = m.to && !Array.isArray(m.to) ? m.to.text : '';
        received.set(to, (received.get(to) ?? 0) + 1);
      }
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      console.log(
        `[pg-multiprocess] SIGKILL of 1 of ${PROCESSES} processes during ${TOTAL} submissions: ${codes.length} ` +
          `acknowledged, all stored; ${refused} refused; codes gapless; ${received.size} receipts, each once; ` +
          `${now.leased} left under the killed process's lease`,
      );
    } finally {
      await client.end();
    }
  }, 600_000);

  it('sends each unit one daily digest when three processes run the job at the same moment', async () => {
    // the job as each process's scheduler runs it, on three pools of its own; the PAKN spread over the three
    // units, and a Monday morning two months on, when every one of them is late
    Object.assign(process.env, {
      DATABASE_URL: cluster.url,
      DATA_DIR: shared,
      BASE_URL: servers[0]!.baseUrl,
    });
    const { openAsyncPg } = await import('~/utils/db.server');
    const { sendDailyDigests } = await import('~/models/digests.server');
    const pools = await Promise.all(servers.map(() => openAsyncPg(cluster.url, { max: 2 })));
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const units = (
        await client.query<{ id: number; email: string }>(
          "SELECT id, email FROM units WHERE email <> '' ORDER BY id",
        )
      ).rows;
      expect(units.length).toBeGreaterThan(1);
      await client.query(
        `UPDATE pakn SET unit_id = (ARRAY[${units.map((u) => u.id).join(',')}])[1 + id % ${units.length}]`,
      );
      const before = smtp.messages.length;
      const now = new Date('2027-02-01T02:30:00Z'); // Monday 01/02/2027, 09:30 in Vietnam
      const runs = await Promise.all(pools.map((p) => sendDailyDigests({ now, db: p.db })));
      expect(runs.reduce((n, r) => n + r.units, 0)).toBe(units.length);
      const unitEmails = new Set(units.map((u) => u.email));
      const toOf = (m: TestSmtpServer['messages'][number]) => (m.to && !Array.isArray(m.to) ? m.to.text : '');
      // only the units' mail: receipts held by the killed process's leases may still arrive
      const digestsNow = () => smtp.messages.slice(before).filter((m) => unitEmails.has(toOf(m)));
      const deadline = Date.now() + 120_000;
      while (digestsNow().length < units.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 2_000)); // a second digest would come within a mail pass or two
      const digests = digestsNow();
      const to = digests.map(toOf).sort();
      expect(to).toEqual(units.map((u) => u.email).sort());
      // and the job run again by any of them sends nothing more that day
      expect((await sendDailyDigests({ now, db: pools[1]!.db })).units).toBe(0);
      console.log(
        `[pg-multiprocess] daily digest run by ${pools.length} processes at once: ${digests.length} digests for ` +
          `${units.length} units, each once`,
      );
    } finally {
      await client.end();
      for (const p of pools) await p.close();
    }
  }, 300_000);
});
