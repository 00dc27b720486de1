// PostgreSQL restarted under load (issue #12, "Faults"): a real server process on a real cluster receives a
// stream of submissions and page views; the cluster is stopped for a few seconds (a fast shutdown: sessions are
// ended with 57P01, new connections refused) and started again. During the outage every answer is a 503 page in
// the visitor's language (never a 500, never a dropped connection) and /healthz says 503; afterwards the pool
// has reconnected by itself, every submission acknowledged with a code is stored, its receipt reaches a real
// SMTP server exactly once, and the process never exited.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PG_SKIP_REASON, type PgCluster } from '../support/pg-cluster';
import { type PgServers, startPgServers } from '../support/pg-servers';
import {
  draftCookieOf,
  ipFor,
  PAKN_FIELDS,
  type ServerProcess,
  submitPakn,
  waitUntil,
} from '../support/server-process';
import type { TestSmtpServer } from '../support/smtp';

const OUTAGE_MS = 4_000;
const BEFORE_MS = 3_000;
const AFTER_MS = 5_000;

const TITLES = { vi: 'Hệ thống tạm thời gián đoạn', en: 'The service is briefly unavailable' };

type Answer = { at: number; what: string; status: number | string; body?: string };

describe.skipIf(PG_SKIP_REASON)('PostgreSQL outage under load', () => {
  let pgs: PgServers | undefined;
  let cluster: PgCluster | undefined;
  let smtp: TestSmtpServer | undefined;
  let srv: ServerProcess | undefined;

  beforeAll(async () => {
    pgs = await startPgServers('outage');
    ({ cluster, smtp } = pgs);
    srv = pgs.servers[0];
  }, 120_000);

  afterAll(async () => {
    await pgs?.stop();
  });

  it('answers 503 in the right language during the outage, reconnects, loses and doubles nothing', async () => {
    const base = srv!.baseUrl;
    const t0 = Date.now();
    const answers: Answer[] = [];
    const codes: string[] = [];
    const failed: string[] = [];
    let stop = false;

    const page = async (what: string, pathname: string, lng: 'vi' | 'en') => {
      try {
        const res = await fetch(`${base}${pathname}`, { headers: { Cookie: `lng=${lng}` } });
        answers.push({
          at: Date.now() - t0,
          what: `${what} ${lng}`,
          status: res.status,
          body: await res.text(),
        });
      } catch (error) {
        const e = error as { cause?: { code?: string }; message: string };
        answers.push({ at: Date.now() - t0, what: `${what} ${lng}`, status: e.cause?.code ?? e.message });
      }
    };
    const viewers = (lng: 'vi' | 'en') =>
      (async () => {
        while (!stop) {
          await page('home', '/', lng);
          await page('list', '/cong-khai', lng);
          await page('form', '/gop-y', lng);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
    const health: Answer[] = [];
    const prober = (async () => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/healthz`);
          health.push({ at: Date.now() - t0, what: 'healthz', status: res.status });
        } catch (error) {
          health.push({ at: Date.now() - t0, what: 'healthz', status: (error as Error).message });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const views = [viewers('vi'), viewers('en')];
    let n = 0;
    const submitters = Array.from({ length: 3 }, () =>
      (async () => {
        while (!stop) {
          const i = n++;
          const r = await submitPakn(
            base,
            { title: `Thử gián đoạn cơ sở dữ liệu số ${i}`, email: `gian.doan.${i}@example.vn` },
            { ip: ipFor(i) },
          );
          if (r.ok) codes.push(r.code);
          else failed.push(`${r.step}: ${r.error}`);
        }
      })(),
    );

    // load first: a few seconds and at least two acknowledged submissions (a busy machine is slow to start)
    await new Promise((r) => setTimeout(r, BEFORE_MS));
    await waitUntil(() => codes.length >= 2, { timeoutMs: 60_000, what: 'submissions before the outage' });
    const codesBefore = codes.length;
    const down = Date.now() - t0;
    await cluster!.pause();
    const stopped = Date.now() - t0;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const restarting = Date.now() - t0;
    await cluster!.resume();
    const up = Date.now() - t0;
    const codesAtUp = codes.length;
    await new Promise((r) => setTimeout(r, AFTER_MS));
    await waitUntil(() => codes.length >= codesAtUp + 2, {
      timeoutMs: 60_000,
      what: 'submissions after the restart',
    });
    stop = true;
    await Promise.all([...views, prober, ...submitters]);

    // never a 500, never a refused or cut connection (the process stayed up)
    const statuses = new Map<string, number>();
    for (const a of answers) statuses.set(String(a.status), (statuses.get(String(a.status)) ?? 0) + 1);
    expect([...statuses.keys()].sort(), JSON.stringify([...statuses])).toEqual(
      [...statuses.keys()].filter((s) => s === '200' || s === '503').sort(),
    );
    // the requests' own errors (jobs log theirs too: their ticks fail during the outage and go on)
    const errors = srv!.logs().filter((l) => l.msg === 'unhandled error');
    expect(
      failed.filter((f) => !/ 503$/.test(f)),
      errors
        .slice(0, 3)
        .map((l) => JSON.stringify(l).slice(0, 800))
        .join('\n'),
    ).toEqual([]);
    // 503s only while the cluster was down or starting (a request in flight at the stop may end a bit later)
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(a.at, `${a.what} at ${a.at} ms`).toBeGreaterThanOrEqual(down);
      expect(a.at, `${a.what} at ${a.at} ms`).toBeLessThanOrEqual(up + 5_000);
      const lng = a.what.endsWith(' en') ? 'en' : 'vi';
      expect(a.body, a.what).toContain(TITLES[lng]);
      expect(a.body, a.what).toContain(`<html lang="${lng}"`);
    }
    // served again soon after the restart: the pool reconnected by itself
    const lastBad = Math.max(...unavailable.map((a) => a.at));
    const servedAfter = answers.filter((a) => a.at > up && a.status === 200);
    expect(servedAfter.length).toBeGreaterThan(0);
    expect(codes.length).toBeGreaterThan(codesBefore);
    // /healthz: 200, then 503 during the outage, then 200 again
    expect(health.some((h) => h.status === 503 && h.at > stopped && h.at < restarting)).toBe(true);
    expect(health.at(-1)?.status).toBe(200);
    expect(health.every((h) => h.status === 200 || h.status === 503)).toBe(true);

    // every acknowledged code is stored
    const client = new pg.Client({ connectionString: cluster!.url });
    await client.connect();
    let stored: string[];
    try {
      const { rows } = await client.query<{ code: string }>('SELECT code FROM pakn WHERE code = ANY($1)', [
        codes,
      ]);
      stored = rows.map((r) => r.code);
    } finally {
      await client.end();
    }
    expect(new Set(stored)).toEqual(new Set(codes));

    // each receipt once, then nothing more
    const receiptsOf = (code: string) => smtp!.messages.filter((m) => m.subject?.includes(code)).length;
    await waitUntil(() => codes.every((c) => receiptsOf(c) >= 1), {
      timeoutMs: 60_000,
      what: 'a receipt for every acknowledged code',
    }).catch(async (error: unknown) => {
      const c = new pg.Client({ connectionString: cluster!.url });
      await c.connect();
      const { rows } = await c.query(
        'SELECT status, attempts, count(*) AS n, min(last_error) AS e FROM outbox GROUP BY 1, 2',
      );
      await c.end();
      const mailLogs = srv!.logs().filter((l) => /mail/.test(String(l.msg)));
      throw new Error(
        `${(error as Error).message}; ${smtp!.messages.length} mails; outbox ${JSON.stringify(rows)}; ` +
          mailLogs
            .slice(-3)
            .map((l) => JSON.stringify(l).slice(0, 600))
            .join('\n'),
      );
    });
    await new Promise((r) => setTimeout(r, 3_000));
    const doubled = codes.filter((c) => receiptsOf(c) !== 1);
    expect(doubled).toEqual([]);

    // the process never exited
    expect(srv!.pid()).toBeDefined();
    expect(process.kill(srv!.pid()!, 0)).toBe(true);
    const exited = await Promise.race([srv!.exited().then(() => true), Promise.resolve(false)]);
    expect(exited).toBe(false);

    const count = (lng: string) => unavailable.filter((a) => a.what.endsWith(lng)).length;
    console.log(
      `[pg-outage] PostgreSQL stopped at ${down} ms (down at ${stopped} ms), started at ${restarting} ms (ready at ${up} ms); ` +
        `${answers.length} page views: ${[...statuses].map(([s, k]) => `${s}×${k}`).join(', ')} ` +
        `(503 in Vietnamese ${count(' vi')}, in English ${count(' en')}; last 503 at ${lastBad} ms, ` +
        `${lastBad - up} ms after ready); submissions acknowledged ${codes.length} (${codesBefore} before the stop), ` +
        `refused with 503 ${failed.length}; stored ${stored.length}/${codes.length}; receipts ${smtp!.messages.length}, ` +
        `each code once (${
          srv!.logs().filter((l) => l.msg === 'mail: sent (recorded after the database came back)').length
        } accepted by SMTP during the outage and marked sent after it); /healthz 503 ×${health.filter((h) => h.status === 503).length}; the process never exited`,
    );
  }, 180_000);

  // The outage met while the form's body is being read. CI saw it once (2026-12-05): a submission whose draft
  // count failed between the draft lookup and the body's parsing was answered 400 "the form could not be read",
  // because that parse's catch took every error for a malformed body. The same catch took the draft-storage
  // budget's database read, made while a file arrives once another request has changed what is stored: that
  // path can be timed from outside, so it is the one tested. A database failure is a 503 page, as anywhere else.
  it('an outage met while an attachment is arriving answers 503, not a 400 for the form', async () => {
    const base = srv!.baseUrl;
    const ip = '10.250.0.7';
    const page = await fetch(`${base}/gop-y`, { headers: { 'X-Forwarded-For': ip } });
    const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await page.text())![1]!;
    const boundary = `----pakn-outage-${Date.now()}`;
    const head =
      Object.entries(PAKN_FIELDS)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="bien-ban.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n';
    const first = head + 'x'.repeat(64 * 1024);
    const rest = 'x'.repeat(64 * 1024) + `\r\n--${boundary}--\r\n`;
    const uploads = path.join(pgs!.shared, 'uploads');
    const before = new Set(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []);
    let sending: http.ClientRequest | undefined;
    let paused = false;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/gop-y?t=${token}`, {
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(Buffer.byteLength(first) + Buffer.byteLength(rest)),
          Cookie: draftCookieOf(page),
          'X-Forwarded-For': ip,
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(first);
      sending = req;
    });
    try {
      // the file is being written: its budget is open
      await waitUntil(() => fs.existsSync(uploads) && fs.readdirSync(uploads).some((f) => !before.has(f)), {
        timeoutMs: 30_000,
        what: 'the upload to start',
      });
      // another post closes its budget: the next chunk makes the open one read the database again
      const other = await submitPakn(base, { title: 'Góp ý trong lúc tệp đang tải lên' }, { ip: ipFor(900) });
      expect(other.ok, JSON.stringify(other)).toBe(true);
      await cluster!.pause();
      paused = true;
      sending!.end(rest);
      const { status, body } = await answer;
      expect(status, body.slice(0, 400)).toBe(503);
      expect(body).toContain(TITLES.vi);
      // nothing of the refused upload is left on disk
      expect(fs.readdirSync(uploads).filter((f) => !before.has(f))).toEqual([]);
    } finally {
      sending?.destroy();
      if (paused) await cluster!.resume();
    }
  }, 120_000);
});
