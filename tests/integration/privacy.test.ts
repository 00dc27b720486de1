// Issue 13 item 19: the privacy notice (spec §8) and the data-subject request form, which reaches the
// coordinators: stored, e-mailed through the outbox (real SMTP server), listed on a staff page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/app';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlGet } from '../support/sql';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
let coordinator: { email: string; password: string };
let handler: { email: string; password: string };

const post = (fields: Record<string, string>, cookie = '') =>
  app.fetch('/quyen-rieng-tu', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    ip: '10.30.0.1',
  });

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
  coordinator = await createStaffUser(app.db(), { role: 'coordinator' });
  handler = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN' });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('privacy', () => {
  it('explains purpose, retention, rights, contact and how to withdraw consent, in both languages', async () => {
    const vi = await (await app.fetch('/quyen-rieng-tu')).text();
    for (const text of [
      'Luật Bảo vệ dữ liệu cá nhân',
      'Mục đích',
      'Thời gian lưu trữ',
      'Quyền của bạn',
      'rút lại sự đồng ý',
      'yêu cầu xóa',
      '2 ngày làm việc',
    ])
      expect(vi, text).toContain(text);
    expect(vi).toContain('name="kind"');
    const en = await (await app.fetch('/quyen-rieng-tu', { headers: { Cookie: 'lng=en' } })).text();
    expect(en).toContain('Personal Data Protection Law');
    expect(en).toContain('withdraw your consent');
  });

  it('is linked from the footer and from the consent box', async () => {
    expect(await (await app.fetch('/')).text()).toContain('href="/quyen-rieng-tu"');
    const form = await (await app.fetch('/gop-y')).text();
    const consent = /id="consent-hint"[\s\S]*?<\/p>/.exec(form)?.[0] ?? '';
    expect(consent).toContain('href="/quyen-rieng-tu"');
  });

  it('refuses an incomplete request with clear messages', async () => {
    const res = await post({});
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Chọn loại yêu cầu');
    expect(html).toContain('Nhập họ và tên');
    expect(html).toContain('Nhập địa chỉ thư điện tử');
    expect(/<title>(.*?)<\/title>/.exec(html)?.[1]).toMatch(/^Lỗi: /);
  });

  it('keeps what was typed when a request is refused', async () => {
    const html = await (
      await post({ kind: 'access', fullName: 'Đỗ Thị Mai', email: 'không-phải-thư' })
    ).text();
    expect(html).toContain('value="Đỗ Thị Mai"');
    expect(html).toContain('value="không-phải-thư"');
    const access = /<input[^>]*value="access"[^>]*>/.exec(html)?.[0] ?? '';
    expect(access).toContain('checked=""');
    expect(html).toContain('Nhập địa chỉ thư điện tử đúng dạng');
  });

  it('stores a request, e-mails the coordinators and lists it for them only', async () => {
    const res = await post({
      kind: 'delete',
      code: 'khcn 2026 000123',
      fullName: 'Đỗ Thị Mai',
      email: 'Mai@Example.vn',
      details: 'Xin xóa số điện thoại của tôi.',
    });
    expect(res.status).toBe(302);
    // the confirmation travels in a one-time cookie, not in the address
    expect(res.headers.get('Location')).toBe('/quyen-rieng-tu#yeu-cau');
    const flash = (res.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    expect(flash).toMatch(/^pakn_flash=./);
    const done = await app.fetch('/quyen-rieng-tu', { headers: { Cookie: flash } });
    expect(await done.text()).toContain('Đã nhận yêu cầu của bạn');
    expect(done.headers.get('Set-Cookie')).toMatch(/^pakn_flash=;.*Max-Age=0/);
    expect(await (await app.fetch('/quyen-rieng-tu')).text()).not.toContain('Đã nhận yêu cầu của bạn');

    const row = (await sqlGet(app.db(), 'SELECT * FROM privacy_requests')) as Record<string, unknown>;
    expect(row).toMatchObject({
      kind: 'delete',
      code: 'KHCN-2026-000123',
      full_name: 'Đỗ Thị Mai',
      email: 'mai@example.vn',
    });
    expect(row.acknowledge_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const { processOutbox } = await import('../../app/jobs/mail-worker.server');
    await processOutbox({ db: app.db() });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain(coordinator.email);
    expect(mail!.text).toContain('KHCN-2026-000123');
    expect(mail!.text).toContain('Xóa dữ liệu');
    expect(smtp.messages.every((m) => !JSON.stringify(m.to).includes(handler.email))).toBe(true);

    const coordCookie = await signIn(app, coordinator.email, coordinator.password);
    const list = await app.fetch('/can-bo/quyen-rieng-tu', { headers: { Cookie: coordCookie } });
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('Đỗ Thị Mai');
    expect(listHtml).toContain('KHCN-2026-000123');
    const handlerCookie = await signIn(app, handler.email, handler.password);
    expect((await app.fetch('/can-bo/quyen-rieng-tu', { headers: { Cookie: handlerCookie } })).status).toBe(
      403,
    );
  });
});
