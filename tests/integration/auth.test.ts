// Staff accounts end to end through the production build: sign-in, sessions and their timeouts,
// lock and throttling, cross-site posts, sign-out and revocation, password reset by e-mail, TOTP,
// user administration and the append-only audit log.
import crypto from 'node:crypto';

import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlAll, sqlRun } from '../support/sql';
import { cookiesFrom, createStaffUser, followFlash, postForm, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');
/** The session token inside the staff cookie's value (createCookie: the JSON string in base64, URI-encoded). */
const tokenIn = (value: string) =>
  JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) as string;
const tokenOf = (cookie: string) => tokenIn(cookie.replace(/^pakn_staff=/, ''));
let ipCounter = 10;
const freshIp = () => `10.1.0.${ipCounter++}`;

/** The page's text with the entities React writes decoded. */
async function html(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function get(path: string, cookie?: string) {
  return app.fetch(path, { headers: cookie ? { Cookie: cookie } : {} });
}

async function sql<T = unknown>(query: string, ...params: unknown[]): Promise<T[]> {
  return (await sqlAll(app.db(), query, ...params)) as T[];
}
async function run(query: string, ...params: unknown[]) {
  return await sqlRun(app.db(), query, ...params);
}

async function auditRows(action: string): Promise<
  Array<{
    actor_user_id: number | null;
    target_id: string | null;
    ip: string | null;
    detail: string | null;
  }>
> {
  return await sql('SELECT * FROM audit_log WHERE action = ? ORDER BY id', action);
}

function signInPost(
  email: string,
  password: string,
  init: { ip?: string; cookie?: string; lng?: string } = {},
) {
  const cookie = [init.cookie, init.lng ? `lng=${init.lng}` : ''].filter(Boolean).join('; ');
  return postForm(app, '/can-bo/dang-nhap', cookie || null, { email, password }, { ip: init.ip });
}

function totpFor(secret: string) {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

describe('sign-in', () => {
  it('signs in, sets an httpOnly, SameSite=Lax, Secure cookie and records it', async () => {
    const u = await createStaffUser(app.db(), { role: 'coordinator' });
    const res = await signInPost(u.email, u.password);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo');
    const line = res.headers.getSetCookie().find((l) => l.startsWith('pakn_staff='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; Path=\//);
    const value = cookiesFrom(res).pakn_staff!;
    const token = tokenIn(value);
    expect(token.length).toBeGreaterThanOrEqual(40);
    // the table keeps only a hash of the cookie's token
    const rows = await sql<{ id: string; user_id: number }>(
      'SELECT id, user_id FROM sessions WHERE user_id = ?',
      u.id,
    );
    expect(rows).toEqual([{ id: sha256(token), user_id: u.id }]);
    expect((await auditRows('auth.signin')).some((r) => r.target_id === String(u.id))).toBe(true);
    const account = await get('/can-bo/tai-khoan', `pakn_staff=${value}`);
    expect(account.status).toBe(200);
    expect(await html(account)).toContain(u.email);
  });

  it('issues a new session id at every sign-in and ends the one it replaces', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const first = await signIn(app, u.email, u.password);
    const second = await signIn(app, u.email, u.password, { cookie: first });
    expect(second).not.toBe(first);
    expect((await get('/can-bo/tai-khoan', first)).status).toBe(302);
    expect((await get('/can-bo/tai-khoan', second)).status).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same generic error, keeps the e-mail, audits without the password', async () => {
    const u = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN' });
    const ip = freshIp();
    const wrong = await signInPost(u.email, 'Sai-mat-khau-hoan-toan-1', { ip });
    expect(wrong.status).toBe(400);
    const page = await html(wrong);
    expect(page).toContain('Địa chỉ thư điện tử hoặc mật khẩu không đúng');
    expect(page).toContain(`value="${u.email}"`);
    expect(page).not.toContain('Sai-mat-khau-hoan-toan-1');
    const unknown = await signInPost('khong-co@example.vn', 'Sai-mat-khau-hoan-toan-1', { ip });
    expect(unknown.status).toBe(400);
    expect(await html(unknown)).toContain('Địa chỉ thư điện tử hoặc mật khẩu không đúng');
    const english = await signInPost(u.email, 'Sai-mat-khau-hoan-toan-1', { ip, lng: 'en' });
    expect(await html(english)).toContain('The e-mail address or password is incorrect');

    const failures = (await auditRows('auth.signin.failed')).filter((r) => r.ip === ip);
    expect(failures).toHaveLength(3);
    expect(JSON.parse(failures[0]!.detail!)).toMatchObject({ email: u.email });
    expect(JSON.parse(failures[1]!.detail!)).toMatchObject({ email: 'khong-co@example.vn' });
    for (const f of failures) expect(f.detail).not.toContain('Sai-mat-khau');
  });

  it('renders the sign-in and forgotten-password pages', async () => {
    const page = await get('/can-bo/dang-nhap');
    expect(page.status).toBe(200);
    expect(await html(page)).toContain('Cán bộ đăng nhập');
    const forgot = await app.fetch('/can-bo/quen-mat-khau', { headers: { Cookie: 'lng=en' } });
    expect(forgot.status).toBe(200);
    expect(await html(forgot)).toContain('Forgotten password');
  });

  it('says what is missing, in Vietnamese and in English', async () => {
    const vi = await signInPost('', '');
    expect(vi.status).toBe(400);
    const viPage = await html(vi);
    expect(viPage).toContain('Nhập địa chỉ thư điện tử');
    expect(viPage).toContain('Nhập mật khẩu');
    const en = await signInPost('someone@example.vn', '', { lng: 'en' });
    const enPage = await html(en);
    expect(enPage).toContain('Enter your password');
    expect(enPage).toContain('value="someone@example.vn"');
  });

  it('locks the account for 15 minutes after 5 wrong passwords', async () => {
    const u = await createStaffUser(app.db(), { role: 'coordinator' });
    const ip = freshIp();
    for (let i = 1; i <= 4; i++)
      expect((await signInPost(u.email, `Wrong-password-${i}-xyz`, { ip })).status).toBe(400);
    const fifth = await signInPost(u.email, 'Wrong-password-5-xyz', { ip });
    expect(fifth.status).toBe(429);
    expect(await html(fifth)).toContain('Tài khoản tạm thời bị khoá');
    // the right password does not help while locked
    const right = await signInPost(u.email, u.password, { ip: freshIp() });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((l) => l.startsWith('pakn_staff='))).toBe(false);
    expect((await auditRows('auth.lockout')).some((r) => r.target_id === String(u.id))).toBe(true);
    const [row] = await sql<{ locked_until: number }>('SELECT locked_until FROM users WHERE id = ?', u.id);
    expect(row!.locked_until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(row!.locked_until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // once the lock has passed, the right password works again
    await run('UPDATE users SET locked_until = ? WHERE id = ?', Date.now() - 1000, u.id);
    expect((await signInPost(u.email, u.password, { ip: freshIp() })).status).toBe(302);
  });

  it('throttles an address after 20 failed sign-ins, whatever the account, and keeps it in the database', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await signInPost(`nobody-${i}@example.vn`, 'Whatever-password-123', { ip })).status).toBe(400);
    }
    const blocked = await signInPost(u.email, u.password, { ip });
    expect(blocked.status).toBe(429);
    expect(await html(blocked)).toContain('Có quá nhiều lần đăng nhập không thành công');
    expect((await sql('SELECT * FROM rate_limits WHERE bucket = ?', 'signin-ip')).length).toBeGreaterThan(0);
    // another address is not affected
    expect((await signInPost(u.email, u.password, { ip: freshIp() })).status).toBe(302);
  });

  it('refuses a cross-site sign-in post', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const res = await app.fetch('/can-bo/dang-nhap', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: u.email, password: u.password }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((l) => l.startsWith('pakn_staff='))).toBe(false);
  });
});

describe('sessions', () => {
  it('ends a session idle for 30 minutes', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const cookie = await signIn(app, u.email, u.password);
    await run(
      'UPDATE sessions SET last_seen_at = ? WHERE id = ?',
      Date.now() - 29 * 60_000,
      sha256(tokenOf(cookie)),
    );
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(200);
    await run(
      'UPDATE sessions SET last_seen_at = ? WHERE id = ?',
      Date.now() - 31 * 60_000,
      sha256(tokenOf(cookie)),
    );
    const res = await get('/can-bo/tai-khoan', cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toMatch(
      /^\/can-bo\/dang-nhap\?redirectTo=%2Fcan-bo%2Ftai-khoan&het-han=1$/,
    );
    expect(res.headers.get('Set-Cookie')).toMatch(/pakn_staff=;.*Max-Age=0/);
    const signInPage = await html(await get(res.headers.get('Location')!));
    expect(signInPage).toContain('Phiên làm việc đã hết hạn');
  });

  it('ends a session 12 hours after sign-in even when it is in use', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const cookie = await signIn(app, u.email, u.password);
    const id = sha256(tokenOf(cookie));
    await run(
      'UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE id = ?',
      Date.now() - 12 * 3600_000 + 60_000,
      Date.now(),
      id,
    );
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(200);
    await run(
      'UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE id = ?',
      Date.now() - 12 * 3600_000 - 60_000,
      Date.now(),
      id,
    );
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(302);
  });

  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const u = await createStaffUser(app.db(), { role: 'coordinator' });
    const cookie = await signIn(app, u.email, u.password);
    // a sign-out from another site is refused and changes nothing
    expect((await postForm(app, '/can-bo/dang-xuat', cookie, {}, { origin: null })).status).toBe(403);
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(200);
    const out = await postForm(app, '/can-bo/dang-xuat', cookie, {});
    expect(out.status).toBe(302);
    expect(out.headers.get('Location')).toBe('/can-bo/dang-nhap');
    const flash = `pakn_flash=${cookiesFrom(out).pakn_flash}`;
    expect(await html(await get('/can-bo/dang-nhap', flash))).toContain('Bạn đã đăng xuất.');
    expect(out.headers.get('Set-Cookie')).toMatch(/pakn_staff=;.*Max-Age=0/);
    const [row] = await sql<{ revoked_at: number | null }>(
      'SELECT revoked_at FROM sessions WHERE id = ?',
      sha256(tokenOf(cookie)),
    );
    expect(row!.revoked_at).not.toBeNull();
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(302);
    expect((await auditRows('auth.signout')).some((r) => r.actor_user_id === u.id)).toBe(true);
  });

  it('an administrator revokes all sessions of a user', async () => {
    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const u = await createStaffUser(app.db(), { role: 'handler', unitCode: 'TDC' });
    const adminCookie = await signIn(app, admin.email, admin.password);
    const a = await signIn(app, u.email, u.password);
    const b = await signIn(app, u.email, u.password);
    expect((await get('/can-bo/tai-khoan', a)).status).toBe(200);
    const res = await postForm(app, `/can-bo/quan-tri/nguoi-dung/${u.id}`, adminCookie, { intent: 'revoke' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/can-bo/quan-tri/nguoi-dung/${u.id}`);
    expect(await followFlash(app, res, adminCookie)).toContain('Đã kết thúc 2 phiên đăng nhập.');
    expect((await get('/can-bo/tai-khoan', a)).status).toBe(302);
    expect((await get('/can-bo/tai-khoan', b)).status).toBe(302);
    const rows = (await auditRows('session.revoke')).filter((r) => r.target_id === String(u.id));
    expect(rows.at(-1)!.actor_user_id).toBe(admin.id);
    // and a non-admin cannot
    expect(
      (
        await postForm(
          app,
          `/can-bo/quan-tri/nguoi-dung/${admin.id}`,
          await signIn(app, u.email, u.password),
          { intent: 'revoke' },
        )
      ).status,
    ).toBe(403);
  });

  it('deactivating an account ends its sessions and stops sign-in', async () => {
    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const u = await createStaffUser(app.db(), { role: 'viewer', name: 'Trần Thị Bình' });
    const adminCookie = await signIn(app, admin.email, admin.password);
    const userCookie = await signIn(app, u.email, u.password);
    const res = await postForm(app, `/can-bo/quan-tri/nguoi-dung/${u.id}`, adminCookie, {
      intent: 'save',
      name: 'Trần Thị Bình',
      role: 'viewer',
      unit: '',
    });
    expect(res.status).toBe(302);
    expect((await get('/can-bo/tai-khoan', userCookie)).status).toBe(302);
    expect((await signInPost(u.email, u.password, { ip: freshIp() })).status).toBe(400);
    const [change] = (await auditRows('user.update')).filter((r) => r.target_id === String(u.id));
    expect(JSON.parse(change!.detail!)).toEqual({ active: { from: true, to: false } });
  });

  it('refuses cross-site posts to staff actions with 403', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const cookie = await signIn(app, u.email, u.password);
    const post = (headers: Record<string, string>) =>
      app.fetch('/can-bo/tai-khoan', {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ intent: 'revoke-others' }),
      });
    expect((await post({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    // no Origin and no Sec-Fetch-Site: refused too
    expect((await post({})).status).toBe(403);
    // a browser that sends only Sec-Fetch-Site: same-origin is accepted
    expect((await post({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(302);
    // a foreign Origin is refused by the same check (in the Express server, a middleware answers
    // 403 before Remix's own Origin/Host comparison, which would answer 500)
    const { assertSameOrigin } = await import('../../app/auth/guards.server');
    const foreign = new Request(`${BASE}/can-bo/tai-khoan`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' },
    });
    const thrown = await assertSameOrigin(foreign).then(
      () => undefined,
      (e: unknown) => (e instanceof Response ? e : undefined),
    );
    expect(thrown?.status).toBe(403);
    await expect(
      assertSameOrigin(new Request(`${BASE}/x`, { method: 'POST', headers: { Origin: BASE } })),
    ).resolves.toBeUndefined();
    await expect(
      assertSameOrigin(new Request(`${BASE}/x`, { method: 'POST', headers: { Origin: 'null' } })),
    ).rejects.toThrow();
  });

  it('sends a visitor without a session to the sign-in page and back afterwards', async () => {
    const res = await get('/can-bo/tai-khoan?x=1');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo/dang-nhap?redirectTo=%2Fcan-bo%2Ftai-khoan%3Fx%3D1');
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const signedIn = await postForm(app, '/can-bo/dang-nhap', null, {
      email: u.email,
      password: u.password,
      redirectTo: '/can-bo/tai-khoan?x=1',
    });
    expect(signedIn.headers.get('Location')).toBe('/can-bo/tai-khoan?x=1');
    const offsite = await postForm(app, '/can-bo/dang-nhap', null, {
      email: u.email,
      password: u.password,
      redirectTo: '//evil.example/',
    });
    expect(offsite.headers.get('Location')).toBe('/can-bo');
  });
});

describe('password reset', () => {
  async function requestReset(email: string, lng?: string) {
    const before = smtp.messages.length;
    const res = await postForm(
      app,
      '/can-bo/quen-mat-khau',
      lng ? `lng=${lng}` : null,
      { email },
      { ip: freshIp() },
    );
    const { processOutbox } = await import('../../app/jobs/mail-worker.server');
    await processOutbox({ db: app.db() });
    return { res, before };
  }

  async function resetLink(email: string): Promise<string> {
    const { res, before } = await requestReset(email);
    expect(res.status).toBe(200);
    const messages = await smtp.waitFor(before + 1);
    const mail = messages.at(-1)!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(email);
    const match = new RegExp(`${BASE}(/can-bo/dat-lai/[A-Za-z0-9_-]+)`).exec(mail.text ?? '');
    expect(match).not.toBeNull();
    expect(mail.html).toContain(match![1]);
    return match![1]!;
  }

  it('e-mails a single-use link that sets a new password and ends the old sessions', async () => {
    const u = await createStaffUser(app.db(), { role: 'coordinator', name: 'Lê Văn Cường' });
    const oldCookie = await signIn(app, u.email, u.password);
    const link = await resetLink(u.email);
    const mail = smtp.messages.at(-1)!;
    expect(mail.subject).toBe('Đặt lại mật khẩu tài khoản cán bộ');
    expect(mail.text).toContain('Lê Văn Cường');

    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(await html(page)).toContain(u.email);

    // weak passwords are refused with the reason, in both languages
    const short = await postForm(app, link, null, { password: 'ngan-qua', confirm: 'ngan-qua' });
    expect(short.status).toBe(400);
    expect(await html(short)).toContain('Mật khẩu phải có ít nhất 12 ký tự');
    const common = await postForm(app, link, 'lng=en', {
      password: 'matkhau123456',
      confirm: 'matkhau123456',
    });
    expect(await html(common)).toContain('This password is too common');
    const local = u.email.split('@')[0]!;
    const containsEmail = await postForm(app, link, null, {
      password: `${local}-rat-dai-2026`,
      confirm: `${local}-rat-dai-2026`,
    });
    expect(await html(containsEmail)).toContain('không được chứa tên trong địa chỉ thư điện tử');
    const mismatch = await postForm(app, link, null, {
      password: 'Nui-cao-song-dai-2026',
      confirm: 'Nui-cao-song-dai-2027',
    });
    expect(await html(mismatch)).toContain('Hai lần nhập mật khẩu mới không giống nhau');

    const done = await postForm(app, link, null, {
      password: 'Nui-cao-song-dai-2026',
      confirm: 'Nui-cao-song-dai-2026',
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/can-bo/dang-nhap');
    const flash = `pakn_flash=${cookiesFrom(done).pakn_flash}`;
    expect(await html(await get('/can-bo/dang-nhap', flash))).toContain('Đã đặt mật khẩu mới.');
    // single use
    expect((await get(link)).status).toBe(410);
    const again = await postForm(app, link, null, {
      password: 'Mot-mat-khau-khac-2026',
      confirm: 'Mot-mat-khau-khac-2026',
    });
    expect(again.status).toBe(410);
    // old sessions and the old password are gone, the new one works
    expect((await get('/can-bo/tai-khoan', oldCookie)).status).toBe(302);
    expect((await signInPost(u.email, u.password, { ip: freshIp() })).status).toBe(400);
    expect((await signInPost(u.email, 'Nui-cao-song-dai-2026', { ip: freshIp() })).status).toBe(302);
    expect((await auditRows('auth.reset.requested')).some((r) => r.target_id === String(u.id))).toBe(true);
    expect((await auditRows('auth.reset.completed')).some((r) => r.target_id === String(u.id))).toBe(true);
  });

  it('links expire', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const link = await resetLink(u.email);
    const token = link.split('/').at(-1)!;
    await run(
      'UPDATE password_resets SET expires_at = ? WHERE token_hash = ?',
      Date.now() - 1000,
      sha256(token),
    );
    const page = await get(link);
    expect(page.status).toBe(410);
    expect(await html(page)).toContain('Đường liên kết không còn hiệu lực');
    const post = await postForm(app, link, null, {
      password: 'Nui-cao-song-dai-2026',
      confirm: 'Nui-cao-song-dai-2026',
    });
    expect(post.status).toBe(410);
    expect((await signInPost(u.email, u.password, { ip: freshIp() })).status).toBe(302);
  });

  it('answers the same for an unknown e-mail and sends it a notice without a link', async () => {
    const before = smtp.messages.length;
    const { res } = await requestReset('khong-ton-tai@example.vn');
    expect(res.status).toBe(200);
    expect(await html(res)).toContain('Nếu địa chỉ khong-ton-tai@example.vn là của một tài khoản cán bộ');
    const notice = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(notice.subject).toBe('Yêu cầu đặt lại mật khẩu tài khoản cán bộ');
    expect(notice.text).not.toContain('/can-bo/dat-lai/');
  });

  it('validates the address and throttles requests per address', async () => {
    const bad = await postForm(
      app,
      '/can-bo/quen-mat-khau',
      'lng=en',
      { email: 'not-an-email' },
      { ip: freshIp() },
    );
    expect(bad.status).toBe(400);
    const page = await html(bad);
    expect(page).toContain('Enter an e-mail address in the correct format');
    expect(page).toContain('value="not-an-email"');
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await postForm(app, '/can-bo/quen-mat-khau', null, { email: `x${i}@example.vn` }, { ip })).status,
      ).toBe(200);
    }
    const sixth = await postForm(app, '/can-bo/quen-mat-khau', null, { email: 'x6@example.vn' }, { ip });
    expect(sixth.status).toBe(429);
    expect(await html(sixth)).toContain('Bạn đã yêu cầu quá nhiều lần');
  });
});

describe('two-factor sign-in (TOTP)', () => {
  async function enableTotp(cookie: string): Promise<{ secret: string; cookie: string }> {
    expect((await postForm(app, '/can-bo/tai-khoan', cookie, { intent: 'totp-start' })).status).toBe(302);
    const page = await html(await get('/can-bo/tai-khoan', cookie));
    expect(page).toContain('src="data:image/png;base64,');
    const secret = /<code class="totp-secret">([A-Z2-7]+)<\/code>/.exec(page)![1]!;
    const wrong = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'totp-confirm',
      code: '000000',
    });
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain('Mã xác thực không đúng');
    const ok = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'totp-confirm',
      code: totpFor(secret).generate(),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/can-bo/tai-khoan');
    const rotated = `pakn_staff=${cookiesFrom(ok).pakn_staff}`;
    const flash = `pakn_flash=${cookiesFrom(ok).pakn_flash}`;
    expect(await html(await get('/can-bo/tai-khoan', `${rotated}; ${flash}`))).toContain(
      'Đã bật xác thực hai lớp.',
    );
    expect(rotated).not.toBe(cookie);
    return { secret, cookie: rotated };
  }

  it('turns TOTP on and then asks for a code at sign-in', async () => {
    const u = await createStaffUser(app.db(), { role: 'coordinator' });
    const first = await signIn(app, u.email, u.password);
    const { secret, cookie } = await enableTotp(first);
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(200);
    expect((await auditRows('auth.totp.enabled')).some((r) => r.target_id === String(u.id))).toBe(true);

    const res = await signInPost(u.email, u.password);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo/xac-thuc?redirectTo=%2Fcan-bo');
    const pending = `pakn_staff=${cookiesFrom(res).pakn_staff}`;
    // nothing else is open until the code is given
    const blocked = await get('/can-bo/tai-khoan', pending);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get('Location')).toBe('/can-bo/xac-thuc?redirectTo=%2Fcan-bo%2Ftai-khoan');
    expect((await get('/can-bo/xac-thuc', pending)).status).toBe(200);
    const wrong = await postForm(app, '/can-bo/xac-thuc', `${pending}; lng=en`, {
      code: '123456',
      redirectTo: '/can-bo/tai-khoan',
    });
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain('The code is wrong or has already been used');
    // the next time step: the code used to confirm the set-up cannot be replayed
    const code = totpFor(secret).generate({ timestamp: Date.now() + 30_000 });
    const ok = await postForm(app, '/can-bo/xac-thuc', pending, { code, redirectTo: '/can-bo/tai-khoan' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/can-bo/tai-khoan');
    const full = `pakn_staff=${cookiesFrom(ok).pakn_staff}`;
    expect(full).not.toBe(pending);
    expect((await get('/can-bo/tai-khoan', full)).status).toBe(200);
    expect((await get('/can-bo/tai-khoan', pending)).status).toBe(302);
    // the same code again is refused
    const again = await signInPost(u.email, u.password);
    const replay = await postForm(app, '/can-bo/xac-thuc', `pakn_staff=${cookiesFrom(again).pakn_staff}`, {
      code,
    });
    expect(replay.status).toBe(400);
  });

  it('turns TOTP off with the password', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const { cookie } = await enableTotp(await signIn(app, u.email, u.password));
    const wrong = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'totp-disable',
      disablePassword: 'not-my-password',
    });
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain('Mật khẩu hiện tại không đúng');
    const ok = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'totp-disable',
      disablePassword: u.password,
    });
    expect(ok.status).toBe(302);
    expect((await signInPost(u.email, u.password)).headers.get('Location')).toBe('/can-bo');
    expect((await auditRows('auth.totp.disabled')).some((r) => r.target_id === String(u.id))).toBe(true);
  });

  it('a role that requires TOTP must set it up before anything else, and cannot turn it off', async () => {
    const u = await createStaffUser(app.db(), { role: 'approver' });
    const before = await signIn(app, u.email, u.password);
    expect((await get('/can-bo/quan-tri/nhat-ky', before)).status).toBe(403);
    await run(`UPDATE settings SET value = '["approver"]' WHERE key = 'security.totpRequiredRoles'`);
    try {
      // an existing session is sent to set-up too
      const sent = await get('/can-bo/quan-tri/nhat-ky', before);
      expect(sent.status).toBe(302);
      expect(sent.headers.get('Location')).toBe('/can-bo/tai-khoan?bat-2fa=1');
      const res = await signInPost(u.email, u.password);
      expect(res.headers.get('Location')).toBe('/can-bo/tai-khoan?bat-2fa=1');
      const cookie = `pakn_staff=${cookiesFrom(res).pakn_staff}`;
      const account = await get('/can-bo/tai-khoan?bat-2fa=1', cookie);
      expect(account.status).toBe(200);
      expect(await html(account)).toContain('Vai trò của bạn bắt buộc dùng xác thực hai lớp');
      const { cookie: full } = await enableTotp(cookie);
      expect((await get('/can-bo/quan-tri/nhat-ky', full)).status).toBe(403);
      const off = await postForm(app, '/can-bo/tai-khoan', full, {
        intent: 'totp-disable',
        disablePassword: u.password,
      });
      expect(off.status).toBe(409);
      expect(
        (await sql<{ totp_enabled: number }>('SELECT totp_enabled FROM users WHERE id = ?', u.id))[0]!
          .totp_enabled,
      ).toBe(1);
    } finally {
      await run(`UPDATE settings SET value = '[]' WHERE key = 'security.totpRequiredRoles'`);
    }
  });
});

describe('own account', () => {
  it('changes the password: checks the current one and the policy, keeps this session, ends the others', async () => {
    const u = await createStaffUser(app.db(), { role: 'viewer' });
    const other = await signIn(app, u.email, u.password);
    const cookie = await signIn(app, u.email, u.password);
    const weak = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'password',
      current: u.password,
      password: '123456789',
      confirm: '123456789',
    });
    expect(weak.status).toBe(400);
    expect(await html(weak)).toContain('Mật khẩu phải có ít nhất 12 ký tự');
    const wrong = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'password',
      current: 'nope',
      password: 'Song-Hong-do-nang-2026',
      confirm: 'Song-Hong-do-nang-2026',
    });
    expect(await html(wrong)).toContain('Mật khẩu hiện tại không đúng');
    const ok = await postForm(app, '/can-bo/tai-khoan', cookie, {
      intent: 'password',
      current: u.password,
      password: 'Song-Hong-do-nang-2026',
      confirm: 'Song-Hong-do-nang-2026',
    });
    expect(ok.status).toBe(302);
    expect((await get('/can-bo/tai-khoan', cookie)).status).toBe(200);
    expect((await get('/can-bo/tai-khoan', other)).status).toBe(302);
    expect((await signInPost(u.email, 'Song-Hong-do-nang-2026')).status).toBe(302);
  });
});

describe('user administration', () => {
  it('creates an account, keeps what was typed on error, and e-mails a set-password link', async () => {
    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const cookie = await signIn(app, admin.email, admin.password);
    expect((await get('/can-bo/quan-tri/nguoi-dung', cookie)).status).toBe(200);
    expect((await get('/can-bo/quan-tri/nguoi-dung/moi', cookie)).status).toBe(200);
    expect((await get('/can-bo/quan-tri/nguoi-dung/999999', cookie)).status).toBe(404);
    const missingUnit = await postForm(app, '/can-bo/quan-tri/nguoi-dung/moi', cookie, {
      email: 'pham.thu@so-khcn.example.vn',
      name: 'Phạm Thu',
      role: 'handler',
      unit: '',
    });
    expect(missingUnit.status).toBe(400);
    const page = await html(missingUnit);
    expect(page).toContain('Chuyên viên xử lý phải thuộc một đơn vị');
    expect(page).toContain('value="pham.thu@so-khcn.example.vn"');
    expect(page).toContain('value="Phạm Thu"');
    const dup = await postForm(app, '/can-bo/quan-tri/nguoi-dung/moi', `${cookie}; lng=en`, {
      email: admin.email,
      name: 'X',
      role: 'viewer',
      unit: '',
    });
    expect(await html(dup)).toContain('An account with this e-mail address already exists');
    // the units by their English names on an English page, on both the new and the edit page
    for (const path of ['/can-bo/quan-tri/nguoi-dung/moi', `/can-bo/quan-tri/nguoi-dung/${admin.id}`]) {
      const en = await html(await get(path, `${cookie}; lng=en`));
      expect(en, path).toContain('>QLKHCN – Science and Technology Management Division</option>');
    }

    const before = smtp.messages.length;
    const ok = await postForm(app, '/can-bo/quan-tri/nguoi-dung/moi', cookie, {
      email: 'Pham.Thu@so-khcn.example.vn',
      name: 'Phạm Thu',
      role: 'handler',
      unit: 'QLKHCN',
    });
    expect(ok.status).toBe(302);
    const id = Number(/nguoi-dung\/(\d+)/.exec(ok.headers.get('Location')!)![1]);
    const [row] = await sql<{ email: string; role: string; unit_id: number }>(
      'SELECT email, role, unit_id FROM users WHERE id = ?',
      id,
    );
    expect(row).toMatchObject({ email: 'pham.thu@so-khcn.example.vn', role: 'handler' });
    const { processOutbox } = await import('../../app/jobs/mail-worker.server');
    await processOutbox({ db: app.db() });
    const mail = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(mail.subject).toBe('Tài khoản cán bộ của bạn đã được tạo');
    const link = new RegExp(`${BASE}(/can-bo/dat-lai/[A-Za-z0-9_-]+)`).exec(mail.text ?? '')![1]!;
    expect(
      (await postForm(app, link, null, { password: 'Ca-phe-sua-da-Ha-Noi', confirm: 'Ca-phe-sua-da-Ha-Noi' }))
        .status,
    ).toBe(302);
    expect((await signInPost('pham.thu@so-khcn.example.vn', 'Ca-phe-sua-da-Ha-Noi')).status).toBe(302);
    expect(
      (await auditRows('user.create')).some(
        (r) => r.target_id === String(id) && r.actor_user_id === admin.id,
      ),
    ).toBe(true);
  });

  it('keeps at least one active administrator', async () => {
    await run(`UPDATE users SET active = 0 WHERE role = 'admin'`);
    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const cookie = await signIn(app, admin.email, admin.password);
    const res = await postForm(app, `/can-bo/quan-tri/nguoi-dung/${admin.id}`, cookie, {
      intent: 'save',
      name: 'Quản trị',
      role: 'viewer',
      unit: '',
      active: 'on',
    });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain('Không thể bỏ quyền quản trị');
  });

  it('shows the staff navigation by permission', async () => {
    const coord = await createStaffUser(app.db(), { role: 'coordinator' });
    const viewer = await createStaffUser(app.db(), { role: 'viewer' });
    const coordPage = await html(
      await get('/can-bo/tai-khoan', await signIn(app, coord.email, coord.password)),
    );
    expect(coordPage).toContain('href="/can-bo/tiep-nhan"');
    expect(coordPage).not.toContain('href="/can-bo/quan-tri"');
    expect(coordPage).toContain('action="/can-bo/dang-xuat"');
    const viewerPage = await html(
      await get('/can-bo/tai-khoan', await signIn(app, viewer.email, viewer.password)),
    );
    expect(viewerPage).not.toContain('href="/can-bo/tiep-nhan"');
  });
});

describe('audit log', () => {
  it('is browsable and filterable by administrators only', async () => {
    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const cookie = await signIn(app, admin.email, admin.password);
    const viewer = await createStaffUser(app.db(), { role: 'viewer' });
    expect(
      (await get('/can-bo/quan-tri/nhat-ky', await signIn(app, viewer.email, viewer.password))).status,
    ).toBe(403);

    const all = await get('/can-bo/quan-tri/nhat-ky', cookie);
    expect(all.status).toBe(200);
    const filtered = await html(
      await get(`/can-bo/quan-tri/nhat-ky?action=auth.signin&actor=${admin.id}`, cookie),
    );
    expect(filtered).toContain('<code>auth.signin</code>');
    expect(filtered).not.toContain('<code>auth.signin.failed</code>');
    const group = await html(await get('/can-bo/quan-tri/nhat-ky?action=auth.*', cookie));
    expect(group).toContain('<code>auth.signin.failed</code>');
    expect(group).not.toContain('<code>user.create</code>');
    const byTarget = await html(
      await get(`/can-bo/quan-tri/nhat-ky?targetType=user&targetId=${viewer.id}`, cookie),
    );
    expect(byTarget).toContain(`user #${viewer.id}`);
    expect(byTarget).not.toContain(`user #${admin.id}<`);

    // date range in Vietnam time, dd/mm/yyyy
    const fmt = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
    const today = fmt(new Date());
    expect(await html(await get(`/can-bo/quan-tri/nhat-ky?from=${today}&to=${today}`, cookie))).toContain(
      '<code>auth.signin</code>',
    );
    const past = await html(await get('/can-bo/quan-tri/nhat-ky?to=01/01/2020', cookie));
    expect(past).toContain('Không có mục nhật ký nào phù hợp');
    expect(await html(await get('/can-bo/quan-tri/nhat-ky?from=31/02/2026', cookie))).toContain(
      'Nhập ngày theo dạng ngày/tháng/năm',
    );

    // keyset pages of 50, newest first
    const total = (await sql<{ n: number }>('SELECT count(*) AS n FROM audit_log'))[0]!.n;
    expect(total).toBeGreaterThan(50);
    const first = await html(await get('/can-bo/quan-tri/nhat-ky', cookie));
    const next = /href="(\/can-bo\/quan-tri\/nhat-ky\?truoc=\d+)"/.exec(first)![1]!;
    const maxId = (await sql<{ id: number }>('SELECT max(id) AS id FROM audit_log'))[0]!.id;
    expect(next).toBe(`/can-bo/quan-tri/nhat-ky?truoc=${maxId - 49}`);
    expect((await get(next, cookie)).status).toBe(200);
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    await expect(run(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await sql<{ n: number }>('SELECT count(*) AS n FROM audit_log'))[0]!.n).toBeGreaterThan(0);
  });
});
