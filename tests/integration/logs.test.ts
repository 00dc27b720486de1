// Observability without personal data: a citizen's whole journey against the real server process, then
// every line it wrote is searched for the submitter's name, phone (any format), e-mail, address, title,
// content and the private tokens. Each request line must carry reqId, method, path, status and ms.
import fs from 'node:fs';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { draftCookieOf, PAKN_FIELDS, type ServerProcess, startServer } from '../support/server-process';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');

const CITIZEN = {
  ...PAKN_FIELDS,
  fullName: 'Trương Vỹ Khuê Nguyệt',
  address: '77 Đường Quỳnh Lâm Xuyến, phường 9, Sơn Hòa',
  phone: '0987 654 321',
  email: 'Khue.Nguyet.Logtest@example.vn',
  title: 'Kiến nghị bãi bỏ yêu cầu xác nhận hộ khẩu Quỳnh Xuyến',
  content: 'Nội dung riêng tư Zqxwv: thủ tục xác nhận cư trú bắt buộc bản giấy gây phiền hà cho người dân.',
};
const FILE_NAME = 'CCCD Trương Vỹ Khuê Nguyệt.pdf';

/** Strings that must not appear in any log line, case-insensitive, in every form they could take. */
function forbidden(extra: string[]): string[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
  const texts = [CITIZEN.fullName, CITIZEN.address, CITIZEN.title, CITIZEN.content, CITIZEN.email, FILE_NAME];
  const words = ['Khuê Nguyệt', 'Quỳnh Lâm Xuyến', 'Zqxwv', 'Logtest'];
  const phones = ['0987654321', '987654321', '+84987654321', '84987654321', '0987 654 321', '0987.654.321'];
  return [
    ...texts,
    ...texts.map(fold),
    ...words,
    ...words.map(fold),
    ...texts.map((t) => t.normalize('NFD')),
    ...texts.map((t) => encodeURIComponent(t)),
    ...phones,
    ...extra,
  ];
}

let smtp: TestSmtpServer;
let srv: ServerProcess;

beforeAll(async () => {
  smtp = await startSmtpServer();
  srv = await startServer({ env: { SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '1', LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await srv?.cleanup();
  await smtp?.stop();
});

it('logs every request with its id, status and duration, and no personal data or PAKN text', async () => {
  const requestIds: string[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(srv.baseUrl + path, { redirect: 'manual', ...init });
    await res.arrayBuffer();
    requestIds.push(res.headers.get('X-Request-Id') ?? '');
    return res;
  };

  // the form, a first try with a missing answer, the review page, then sending
  const page = await fetch(`${srv.baseUrl}/gop-y`);
  requestIds.push(page.headers.get('X-Request-Id') ?? '');
  const draftToken = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await page.text())![1]!;
  const draftCookie = draftCookieOf(page);
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    f.append('files', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), FILE_NAME);
    return f;
  };
  const { consent: _consent, ...withoutConsent } = CITIZEN;
  const asDrafter = { Cookie: draftCookie };
  expect(
    (await call(`/gop-y?t=${draftToken}`, { method: 'POST', body: form(withoutConsent), headers: asDrafter }))
      .status,
  ).toBe(400);
  expect(
    (await call(`/gop-y?t=${draftToken}`, { method: 'POST', body: form(CITIZEN), headers: asDrafter }))
      .status,
  ).toBe(302);
  expect((await call(`/gop-y/kiem-tra?t=${draftToken}`, { headers: asDrafter })).status).toBe(200);
  const sent = await call('/gop-y/kiem-tra', {
    method: 'POST',
    body: new URLSearchParams({ t: draftToken }),
    headers: asDrafter,
  });
  expect(sent.status).toBe(302);
  const code = /^\/theo-doi\/([A-Z0-9-]+)\?moi=1$/.exec(sent.headers.get('Location') ?? '')![1]!;
  const cookie = (sent.headers.get('Set-Cookie') ?? '').split(';')[0]!;
  expect((await call(`/theo-doi/${code}?moi=1`, { headers: { Cookie: cookie } })).status).toBe(200);

  // follow-up by code and contact: a wrong e-mail first, then the phone written differently
  const lookup = (contact: string) =>
    call('/theo-doi', { method: 'POST', body: new URLSearchParams({ code, contact }) });
  expect((await lookup('khue.nguyet.logtest@example.com')).status).toBe(400);
  const found = await lookup('0987.654.321');
  expect(found.status).toBe(302);
  const followCookie = (found.headers.get('Set-Cookie') ?? '').split(';')[0]!;
  expect((await call(`/theo-doi/${code}`, { headers: { Cookie: followCookie } })).status).toBe(200);

  // the private link of the receipt e-mail
  const [mail] = await smtp.waitFor(1, 15_000);
  const link = /\/theo-doi\/truy-cap\/([A-Za-z0-9_-]+)/.exec(mail!.text ?? '');
  expect(link).toBeTruthy();
  const privateToken = link![1]!;
  const opened = await call(`/theo-doi/truy-cap/${privateToken}`);
  expect(opened.headers.get('Location')).toBe(`/theo-doi/${code}`);
  expect((await call('/theo-doi/truy-cap/not-a-real-token-123')).status).toBe(302);
  expect((await call('/khong-co-trang-nay')).status).toBe(404);
  expect((await call('/healthz')).status).toBe(200);

  expect((await srv.kill('SIGTERM')).code).toBe(0);

  // every request is logged once, with the fields a monitor needs
  const logs = srv.logs();
  const requests = logs.filter((l) => l.msg === 'request');
  for (const l of requests) {
    expect(l).toEqual(
      expect.objectContaining({
        reqId: expect.any(String),
        method: expect.stringMatching(/^[A-Z]+$/),
        path: expect.stringMatching(/^\//),
        status: expect.any(Number),
        ms: expect.any(Number),
      }),
    );
  }
  const logged = new Set(requests.map((l) => l.reqId));
  for (const id of requestIds) expect(logged.has(id), `request ${id} logged`).toBe(true);
  expect(requests.some((l) => l.path === '/theo-doi/truy-cap/[token]')).toBe(true);
  expect(logs.some((l) => l.msg === 'mail: sent')).toBe(true);

  // and nothing personal, in any line of stdout or stderr
  const haystack = srv.lines.map((l) => l.toLowerCase());
  const needles = forbidden([privateToken, draftToken]);
  // the search is live: the same needles find the data where it belongs (the receipt e-mail)
  const mailText = `${mail!.subject} ${mail!.text}`.toLowerCase();
  for (const n of [CITIZEN.fullName, CITIZEN.title, privateToken])
    expect(mailText).toContain(n.toLowerCase());
  const leaks = needles.filter((n) => haystack.some((l) => l.includes(n.toLowerCase())));
  expect(leaks).toEqual([]);

  console.log(
    `[logs] ${srv.lines.length} log lines (${requests.length} request lines, ${requestIds.length} requests made) ` +
      `searched for ${needles.length} forms of the submitter's data and tokens: no match`,
  );
}, 60_000);
