// Issue 10, item 3's measurement: the latency of /cong-khai while 20 clients fetch one public document PDF in
// a loop, against the built server (`node server.mjs`, started by tests/support/server-process.ts).
//   npx remix build && npx tsx scripts/pdf-flood.ts [--seconds 10] [--clients 20]
import { parseArgs } from 'node:util';

import { sqliteClientOf, transaction } from '~/utils/db.server';

import { runPool, startServer } from '../tests/support/server-process';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '20' } },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! : NaN;
};

async function issuePublicDocument(dbFile: string, dataDir: string): Promise<number> {
  Object.assign(process.env, { DATABASE_URL: dbFile, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { openDatabase } = await import('../app/utils/db.server');
  const { createPakn } = await import('../app/models/pakn.server');
  const { issueDocumentForStep } = await import('../app/models/document-issue.server');
  const s = await import('../db/schema');
  const { eq } = await import('drizzle-orm');
  const db = openDatabase(dbFile);
  const id = await transaction(db, async (tx) => {
    const { pakn } = await createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Nguyễn Thị Hồng Đào',
      address: 'Số 12 đường Trần Hưng Đạo, Tuy Hòa',
      phone: '0905123456',
      email: 'hongdao.nguyen@example.vn',
      title: 'Thủ tục cấp giấy chứng nhận còn rườm rà',
      content: 'Đề nghị đơn giản hóa hồ sơ.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(),
      consent: true,
      showIdentity: false,
    });
    await tx.update(s.pakn).set({ refusalReason: 'R06' }).where(eq(s.pakn.id, pakn.id));
    return (await issueDocumentForStep(tx, {
      paknId: pakn.id,
      step: 'refused',
      actorUserId: null,
      note: 'Lý do.',
    }))!.id;
  });
  sqliteClientOf(db).close();
  return id;
}

async function probe(baseUrl: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/cong-khai`);
    await res.arrayBuffer();
    if (res.status === 200) times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times;
}

const srv = await startServer({ env: { LOG_LEVEL: 'warn', MAIL_WORKER: '0' } });
try {
  const docId = await issuePublicDocument(srv.dbFile, srv.dataDir);
  const pdfUrl = `${srv.baseUrl}/van-ban/${docId}.pdf`;
  const first = await fetch(pdfUrl);
  if (first.status !== 200) throw new Error(`GET ${pdfUrl}: ${first.status}`);
  await first.arrayBuffer();

  let end = performance.now() + 3000;
  const idle = await probe(srv.baseUrl, () => performance.now() > end);

  end = performance.now() + SECONDS * 1000;
  let pdfs = 0;
  const flood = runPool(
    Number.MAX_SAFE_INTEGER,
    CLIENTS,
    async () => {
      const res = await fetch(pdfUrl);
      await res.arrayBuffer();
      pdfs += 1;
    },
    () => performance.now() > end,
  );
  const loaded = await probe(srv.baseUrl, () => performance.now() > end);
  await flood;

  const f = (x: number) => x.toFixed(1);
  console.log(
    `/cong-khai idle: median ${f(median(idle))} ms, p95 ${f(p95(idle))} ms (${idle.length} probes)`,
  );
  console.log(
    `/cong-khai under ${CLIENTS} clients fetching /van-ban/${docId}.pdf: median ${f(median(loaded))} ms, ` +
      `p95 ${f(p95(loaded))} ms (${loaded.length} probes); ${pdfs} PDFs served, ${f(pdfs / SECONDS)}/s`,
  );
} finally {
  await srv.cleanup();
}
