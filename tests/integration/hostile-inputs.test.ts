// The hostile-input suite (issue #6): every public and staff form and endpoint is posted the corpus of
// tests/support/hostile-corpus.ts — one payload per request, rotated across the fields of each form — plus
// wrong content types, malformed and truncated multipart, 5,000 fields, a 1 MB field and duplicated fields.
// Every answer must be 2xx/3xx/4xx (never 5xx), never carry a payload as live markup (and every <script> has
// the nonce), never redirect to another site, and a refused post (4xx) must leave the record tables as they
// were. Redirects are followed once, as a browser would, so stored values are checked where they are shown.
// This file: the public forms, GET endpoints with hostile query strings, the bugs the sweep found, and the
// Express-level cases (413, chunked bodies, hostile Host headers) against a real server process. The
// administration forms are in hostile-inputs-admin.test.ts, the staff forms in hostile-inputs-staff.test.ts.
// The shared parts (bookkeeping, fuzzer, records per intent, what is left behind) are in
// tests/support/hostile-sweep.ts; the sweep is split in three files so that they run on separate forks.

import http from 'node:http';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ratingToken } from '~/models/ratings.server';
import { sha256 } from '~/utils/crypto.server';
import * as s from '~db/schema';

import { BASE } from '../support/app';
import { malformedBodies, multipartOf, PAYLOADS, scrapeForms } from '../support/hostile-corpus';
import {
  app,
  check,
  cookie,
  enc,
  expectClean,
  followCookie,
  formsOf,
  fuzzForm,
  leftBehindSuite,
  mergeCookies,
  nextIp,
  PDF,
  PNG,
  seed,
  send,
  stats,
  sweepHooks,
  urlencoded,
} from '../support/hostile-sweep';
import { type ServerProcess, startServer } from '../support/server-process';
import { cookiesFrom, createStaffUser, signIn } from '../support/staff';

sweepHooks();

describe('public forms', () => {
  it('the submission form (/gop-y?t=…, multipart) and its check step (/gop-y/kiem-tra)', async () => {
    const forms = await formsOf('/gop-y');
    const form = forms.find((f) => f.action.startsWith('/gop-y?t='))!;
    expect(form.multipart).toBe(true);
    // a valid baseline, so each payload is the only thing wrong
    const valid = {
      ...form.fields,
      type: 'kien_nghi',
      subject: 'regulation',
      category: '2',
      submitterKind: 'individual',
      fullName: 'Nguyễn Thị Hồng Đào',
      address: '12 Lê Lợi, Tuy Hòa',
      phone: '0912345678',
      email: 'dao@example.vn',
      title: 'Thủ tục cấp giấy phép',
      content: 'Nội dung phản ánh đủ dài để hợp lệ về quy định hành chính.',
      field: 'unknown',
      consent: 'on',
    };
    delete (valid as Record<string, string>).website;
    const names = [
      'type',
      'subject',
      'category',
      'submitterKind',
      'orgName',
      'representative',
      'fullName',
      'address',
      'phone',
      'email',
      'title',
      'content',
      'regulationRef',
      'field',
      'consent',
      'showIdentity',
      'website',
      'removeFile',
    ];
    // the draft belongs to the browser that opened the form: each post carries that browser's cookie
    const fresh = async () => {
      const opened = await app.fetch('/gop-y', { ip: nextIp() });
      const html = await opened.text();
      check('GET /gop-y (form page)', opened, html);
      stats.gets += 1;
      const f = scrapeForms(html, '/gop-y').find((x) => x.action.startsWith('/gop-y?t='))!;
      return {
        form: {
          ...f,
          fields: { ...valid, ...Object.fromEntries(Object.entries(f.fields).filter(([k]) => k === 't')) },
          names,
        },
        cookie: mergeCookies(undefined, opened),
      };
    };
    const evilNames = [
      '../../etc/passwd.pdf',
      'a\u0000b.pdf',
      '\u202egnp.pdf',
      '<img src=x onerror=alert(1)>.pdf',
      'CON.pdf',
      '.htaccess.pdf',
      'x'.repeat(400) + '.pdf',
    ];
    let n = 0;
    await fuzzForm('/gop-y', form, {
      fresh,
      files: () => [
        { field: 'files', name: evilNames[n++ % evilNames.length]!, data: PDF, type: 'application/pdf' },
        { field: 'files', name: 'anh.png', data: PNG, type: 'image/png' },
        {
          field: 'files',
          name: 'script.pdf',
          data: new TextEncoder().encode('<script>alert(1)</script>'),
          type: 'application/pdf',
        },
      ],
    });

    // the check step, with a real draft and with hostile tokens
    stats.forms.add('/gop-y/kiem-tra');
    for (const p of PAYLOADS) {
      await send(`/gop-y/kiem-tra [t=${p.name}]`, '/gop-y/kiem-tra', urlencoded({ t: p.value }));
      await send(`/gop-y/kiem-tra?t= [${p.name}]`, `/gop-y/kiem-tra?t=${enc(p.value)}`, { method: 'GET' });
      await send(`/gop-y?t= [${p.name}]`, `/gop-y?t=${enc(p.value)}`, { method: 'GET' });
    }
    for (const raw of malformedBodies({ t: 'x' }))
      await send(`/gop-y/kiem-tra [${raw.name}]`, '/gop-y/kiem-tra', {
        contentType: raw.contentType,
        body: raw.body,
      });
    // one whole submission with hostile text, sent: the follow page shows it escaped
    const { form: f, cookie: drafter } = await fresh();
    const hostile = {
      ...f.fields,
      title: '<script>alert(1)</script> tiêu đề',
      content: '"><img src=x onerror=alert(1)> nội dung đủ dài để gửi đi',
      fullName: "'><svg/onload=alert(1)> Đào",
    };
    const checked = await send('/gop-y hostile whole', f.action, {
      body: multipartOf(hostile, [
        { field: 'files', name: '<b>x</b>.pdf', data: PDF, type: 'application/pdf' },
      ]),
      follow: true, // the check page shows every value
      cookie: drafter,
    });
    expect(checked.res.status).toBe(302);
    const sent = await send(
      '/gop-y/kiem-tra hostile whole',
      '/gop-y/kiem-tra',
      { ...urlencoded({ t: new URL(f.action, BASE).searchParams.get('t')! }), follow: true, cookie: drafter }, // the receipt page
    );
    expect(sent.res.status).toBe(302);
    expectClean(/\/gop-y/);
  }, 120_000);

  it('follow-up lookup (/theo-doi), the submitter page (/theo-doi/$code) and its info reply', async () => {
    const forms = await formsOf('/theo-doi');
    const lookup = forms.find((f) => f.action.split('?')[0] === '/theo-doi')!;
    await fuzzForm('/theo-doi', lookup);

    // the info reply: a fresh PAKN awaiting information for each post, followed by its submitter
    const fresh = async () => {
      const p = await seed({ status: 'awaiting_info', unit: 'A', pauseDaysAgo: 1 });
      const c = await followCookie(p);
      return {
        cookie: c,
        form: {
          action: `/theo-doi/${p.code}`,
          multipart: true,
          fields: { intent: 'info_reply', reply: 'Tôi bổ sung giấy tờ.' },
          names: ['reply', 'intent'],
          files: ['files'],
        },
      };
    };
    const first = await fresh();
    const page = await send('/theo-doi/$code page', first.form.action, {
      method: 'GET',
      cookie: first.cookie,
    });
    expect(page.res.status).toBe(200);
    await fuzzForm('/theo-doi/$code (info reply)', first.form, {
      fresh,
      files: () => [
        { field: 'files', name: '../../etc/passwd.pdf', data: PDF, type: 'application/pdf' },
        { field: 'files', name: 'x.exe', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]) },
      ],
    });
    // the non-multipart post (forget this PAKN) and hostile codes in the address
    for (const p of PAYLOADS.slice(0, 12)) {
      await send(`/theo-doi/$code forget [${p.name}]`, first.form.action, {
        cookie: first.cookie,
        ...urlencoded({ x: p.value }),
      });
      await send(`/theo-doi/<payload> [${p.name}]`, `/theo-doi/${enc(p.value)}`, {
        method: 'GET',
        cookie: first.cookie,
      });
      await send(`/theo-doi/truy-cap/<payload> [${p.name}]`, `/theo-doi/truy-cap/${enc(p.value)}`, {
        method: 'GET',
      });
    }
    expectClean(/\/theo-doi/);
  }, 120_000);

  it('rating (/danh-gia/$token) and the language switch (/ngon-ngu)', async () => {
    const fresh = async () => {
      const p = await seed({ status: 'answered', unit: 'A', answer: true });
      const form = (await formsOf(`/danh-gia/${ratingToken(p.id)}`)).find((f) =>
        f.action.includes('/danh-gia/'),
      );
      return {
        form: form ?? {
          action: `/danh-gia/${ratingToken(p.id)}`,
          multipart: false,
          fields: { rating: 'satisfied', comment: '' },
          names: ['rating', 'comment', 'reconsider'],
          files: [],
        },
      };
    };
    const first = await fresh();
    await fuzzForm('/danh-gia/$token', first.form, { fresh });
    for (const p of PAYLOADS.slice(0, 12))
      await send(
        `/danh-gia/<payload> [${p.name}]`,
        `/danh-gia/${enc(p.value)}`,
        urlencoded({ rating: 'satisfied' }),
      );

    const lang = (await formsOf('/')).find((f) => f.action === '/ngon-ngu')!;
    await fuzzForm('/ngon-ngu', lang);
    expectClean(/\/danh-gia|\/ngon-ngu/);
  }, 120_000);

  it('staff sign-in, forgotten password, reset link, second factor and sign-out', async () => {
    const db = app.db();
    const signInForm = (await formsOf('/can-bo/dang-nhap')).find((f) =>
      f.action.startsWith('/can-bo/dang-nhap'),
    )!;
    await fuzzForm('/can-bo/dang-nhap', {
      ...signInForm,
      fields: { ...signInForm.fields, email: 'khong-co@example.vn', password: 'sai-mat-khau' },
    });
    const forgot = (await formsOf('/can-bo/quen-mat-khau')).find((f) =>
      f.action.startsWith('/can-bo/quen-mat-khau'),
    )!;
    await fuzzForm('/can-bo/quen-mat-khau', forgot);

    // a live reset link for a throwaway account, fresh for each post (a good password uses it up)
    const victim = await createStaffUser(db, { role: 'viewer' });
    let k = 0;
    const fresh = async () => {
      const token = `hostile-reset-token-${k++}-${'x'.repeat(20)}`;
      await db
        .insert(s.passwordResets)
        .values({ tokenHash: sha256(token), userId: victim.id, expiresAt: new Date(Date.now() + 3_600_000) });
      return {
        form: {
          action: `/can-bo/dat-lai/${token}`,
          multipart: false,
          fields: { password: 'Mật-khẩu-rất-dài-2026!', confirm: 'Mật-khẩu-rất-dài-2026!' },
          names: ['password', 'confirm'],
          files: [],
        },
      };
    };
    const resetPage = (await fresh()).form.action;
    expect((await app.fetch(resetPage)).status).toBe(200);
    await fuzzForm('/can-bo/dat-lai/$token', (await fresh()).form, { fresh });
    for (const p of PAYLOADS) {
      await send(`/can-bo/dat-lai/<payload> [${p.name}]`, `/can-bo/dat-lai/${enc(p.value)}`, {
        method: 'GET',
      });
      await send(
        `/can-bo/dang-nhap?redirectTo= [${p.name}]`,
        `/can-bo/dang-nhap?redirectTo=${enc(p.value)}`,
        { method: 'GET', cookie: cookie.admin! },
      );
    }

    // the TOTP step: an account with TOTP on, signed in with its password only
    const totpUser = await createStaffUser(db, { role: 'viewer' });
    await db
      .update(s.users)
      .set({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
      .where(eq(s.users.id, totpUser.id));
    const freshTotp = async () => {
      const res = await app.fetch('/can-bo/dang-nhap', {
        method: 'POST',
        ip: nextIp(),
        headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: totpUser.email, password: totpUser.password }),
      });
      const c = `pakn_staff=${cookiesFrom(res).pakn_staff}`;
      await db.update(s.rateLimits).set({ count: 0 }).where(eq(s.rateLimits.bucket, 'totp-fail'));
      return {
        cookie: c,
        form: {
          action: '/can-bo/xac-thuc',
          multipart: false,
          fields: { code: '123456', redirectTo: '/can-bo' },
          names: ['code', 'redirectTo'],
          files: [],
        },
      };
    };
    const t0 = await freshTotp();
    expect((await app.fetch('/can-bo/xac-thuc', { headers: { Cookie: t0.cookie } })).status).toBe(200);
    await fuzzForm('/can-bo/xac-thuc', t0.form, { cookie: t0.cookie, fresh: freshTotp });

    // sign-out: a throwaway session each time
    const leaver = await createStaffUser(db, { role: 'viewer' });
    const freshOut = async () => ({
      cookie: await signIn(app, leaver.email, leaver.password, { ip: nextIp() }),
      form: { action: '/can-bo/dang-xuat', multipart: false, fields: { x: '1' }, names: ['x'], files: [] },
    });
    await fuzzForm('/can-bo/dang-xuat', (await freshOut()).form, { fresh: freshOut, extras: false });
    expectClean(/\/can-bo\/(dang-nhap|quen-mat-khau|dat-lai|xac-thuc|dang-xuat)/);
  }, 180_000);
});

describe('GET endpoints with hostile query strings', () => {
  const ENDPOINTS: Array<[string, string[], string?]> = [
    ['/cong-khai', ['q', 'field', 'unit', 'type', 'category', 'year', 'timeliness', 'sort', 'after']],
    ['/cong-khai.atom', ['q']],
    ['/du-lieu-mo', ['from', 'to']],
    ['/du-lieu-mo.csv', ['from', 'to']],
    ['/du-lieu-mo.json', ['from', 'to']],
    ['/so-cong-khai', ['year']],
    ['/sitemap.xml', ['x']],
    [
      '/can-bo',
      [
        'q',
        'tab',
        'status',
        'unit',
        'field',
        'category',
        'type',
        'channel',
        'from',
        'to',
        'sort',
        'after',
        'before',
        'da-giao',
      ],
      'coordinator',
    ],
    [
      '/can-bo/quan-tri/nhat-ky',
      ['actor', 'action', 'from', 'to', 'targetType', 'targetId', 'truoc'],
      'admin',
    ],
    ['/can-bo/quan-tri/lich', ['nam'], 'admin'],
    ['/can-bo/quan-tri/don-vi', ['sua', 'ok', 'n'], 'admin'],
    ['/can-bo/quan-tri/linh-vuc', ['sua'], 'admin'],
    ['/can-bo/quan-tri/dinh-tuyen', ['sua'], 'admin'],
    ['/can-bo/quan-tri/co-quan-chuyen', ['sua'], 'admin'],
    ['/can-bo/quan-tri/thoi-han', ['sua'], 'admin'],
    ['/can-bo/tai-khoan', ['ok', 'n', 'bat-2fa'], 'coordinator'],
    [
      '/can-bo/bao-cao',
      ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit', 'cong-bo'],
      'coordinator',
    ],
    ['/can-bo/bao-cao.csv', ['period', 'year', 'from', 'to', 'unit'], 'coordinator'],
    ['/can-bo/bao-cao.xlsx', ['period', 'year', 'from', 'to', 'unit'], 'coordinator'],
  ];

  it('each parameter of each endpoint gets every payload; path segments get them too', async () => {
    for (const [endpoint, params, who] of ENDPOINTS) {
      stats.endpoints.add(endpoint);
      const c = who ? cookie[who] : undefined;
      for (let i = 0; i < Math.max(PAYLOADS.length, params.length); i += 1) {
        const p = PAYLOADS[i % PAYLOADS.length]!;
        const q = new URLSearchParams();
        // the payload in one parameter, a plausible value in the others
        for (const [j, name] of params.entries()) q.set(name, j === i % params.length ? p.value : '');
        await send(`${endpoint} [${params[i % params.length]}=${p.name}]`, `${endpoint}?${q}`, {
          method: 'GET',
          cookie: c,
        });
      }
      await send(
        `${endpoint} [duplicated params]`,
        `${endpoint}?${params.map((n) => `${n}=1&${n}=%3Cscript%3E`).join('&')}`,
        { method: 'GET', cookie: c },
      );
      await send(`${endpoint} [broken escapes]`, `${endpoint}?${params[0]}=%E0%A4%A&%ZZ=1`, {
        method: 'GET',
        cookie: c,
      });
      await send(
        `${endpoint} [5000 params]`,
        `${endpoint}?${Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&')}`,
        { method: 'GET', cookie: c },
      );
    }
    for (const p of PAYLOADS) {
      for (const prefix of [
        '/cong-khai/',
        '/van-ban/',
        '/theo-doi/van-ban/',
        '/can-bo/van-ban/',
        '/cong-khai/PAKN-2026-1/tep/',
        '/can-bo/quan-tri/nguoi-dung/',
      ]) {
        stats.endpoints.add(`${prefix}$param`);
        await send(`${prefix}<payload> [${p.name}]`, `${prefix}${enc(p.value)}`, {
          method: 'GET',
          cookie: prefix.startsWith('/can-bo') ? cookie.admin : undefined,
        });
      }
    }
    expectClean(/^GET /);
  }, 240_000);
});

describe('bugs the sweep found, one reproduction each (fixed)', () => {
  // BUG-redirect-ctl — app/utils/http.server.ts safeRedirect accepts control characters: CR/LF make the
  // redirect throw (500), a TAB gives "Location: /\t/evil.example", which browsers read as //evil.example.
  it('BUG-redirect-ctl: a CR/LF in redirectTo is refused, not a 500', async () => {
    const res = await app.fetch('/ngon-ngu', {
      method: 'POST',
      headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/can-bo\r\nSet-Cookie: pwned=1' }),
    });
    expect(res.status).toBeLessThan(500);
  });
  it('BUG-redirect-ctl: a TAB in redirectTo cannot send the browser to another site', async () => {
    const res = await app.fetch('/ngon-ngu', {
      method: 'POST',
      headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/\t/evil.example' }),
    });
    expect(new URL(res.headers.get('Location') ?? '/', BASE).origin).toBe(new URL(BASE).origin);
  });
  it('BUG-redirect-ctl: a signed-in visit to the sign-in page with a CR/LF in redirectTo is not a 500', async () => {
    const res = await app.fetch(`/can-bo/dang-nhap?redirectTo=${enc('/can-bo\r\nX: y')}`, {
      headers: { Cookie: cookie.admin! },
    });
    expect(res.status).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Through Express: what only the real server sees (body limit, content types before Remix, Host headers)

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };
function raw(
  srv: ServerProcess,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
    chunks?: number;
    chunkSize?: number;
  },
): Promise<Raw> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Raw) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.Host,
        // a connection of its own: after a refused oversize body the server still drains that connection
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
      },
    );
    // no answer at all is status 0 (the server may also answer early and close while the body is written)
    const timer = setTimeout(() => finish({ status: 0, headers: {}, body: 'no answer in 20 s' }), 20_000);
    req.on('error', () =>
      setTimeout(() => finish({ status: 0, headers: {}, body: 'connection error' }), 500),
    );
    if (opts.chunks) {
      const chunk = Buffer.alloc(opts.chunkSize ?? 1024 * 1024, 'a');
      let n = 0;
      const more = () => {
        while (n < opts.chunks! && !done) {
          n += 1;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        if (!done) req.end();
      };
      req.write('code=');
      more();
    } else req.end(opts.body);
  });
}

function checkRaw(srv: ServerProcess, where: string, r: Raw) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers.set(k, v);
  const nonce = /'nonce-([^']+)'/.exec((r.headers['content-security-policy'] as string) ?? '')?.[1];
  check(
    `express ${where}`,
    new Response(null, { status: r.status, headers }),
    r.body,
    undefined,
    nonce,
    srv.baseUrl,
  );
  stats.posts += 1;
}

describe('through Express (a server process)', () => {
  let srv: ServerProcess;
  beforeAll(async () => {
    srv = await startServer({ env: { LOG_LEVEL: 'warn' } });
  }, 60_000);
  afterAll(async () => srv?.cleanup());

  it('a body over the limit is 413 before any action reads it; wrong and broken bodies are 4xx', async () => {
    const big = await raw(srv, {
      method: 'POST',
      path: '/theo-doi',
      headers: {
        Origin: srv.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': 61 * 1024 * 1024,
      },
      body: 'code=x',
    });
    checkRaw(srv, '61 MB Content-Length', big);
    expect(big.status).toBe(413);
    for (const target of [
      '/theo-doi',
      '/can-bo/dang-nhap',
      '/can-bo/quen-mat-khau',
      '/ngon-ngu',
      '/gop-y/kiem-tra',
      '/gop-y?t=abcdefghijklmnopqrstuvwxyzABCDEF',
    ]) {
      for (const b of malformedBodies({ code: 'x', email: 'a@b.vn', t: 'x' })) {
        const r = await raw(srv, {
          method: 'POST',
          path: target,
          headers: { Origin: srv.baseUrl, ...(b.contentType ? { 'Content-Type': b.contentType } : {}) },
          body: Buffer.from(b.body),
        });
        checkRaw(srv, `${target} [${b.name}]`, r);
        expect(r.status, `${target} ${b.name}`).toBeLessThan(500);
      }
    }
    // a client that goes away in the middle of a multipart upload leaves the server answering
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: '/gop-y?t=abcdefghijklmnopqrstuvwxyzABCDEF',
        headers: {
          Origin: srv.baseUrl,
          'Content-Type': 'multipart/form-data; boundary=XX',
          'Content-Length': 5_000_000,
        },
      });
      req.on('error', () => resolve());
      req.write(
        '--XX\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4\n' +
          'x'.repeat(100_000),
      );
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    expect((await fetch(`${srv.baseUrl}/healthz`)).status).toBe(200);
    // percent-encoding that does not decode, an over-long address, many headers
    for (const p of [
      '/%E0%A4%A',
      '/cong-khai/%ZZ',
      '/can-bo/pakn/%00',
      '/..%2f..%2fetc%2fpasswd',
      `/cong-khai?q=${'a'.repeat(20_000)}`,
    ]) {
      const r = await raw(srv, { path: p });
      checkRaw(srv, `GET ${p.slice(0, 60)}`, r);
      expect(r.status, p.slice(0, 60)).toBeLessThan(500);
    }
    const many: Record<string, string> = {};
    for (let i = 0; i < 500; i += 1) many[`X-H${i}`] = 'v';
    const r = await raw(srv, { path: '/', headers: many });
    checkRaw(srv, 'GET / with 500 headers', r);
    expect(r.status).toBeLessThan(500);
  }, 60_000);

  it("answers its refusals to the API's clients in the API's shapes (walk-through of 06/12/2026)", async () => {
    const big = await raw(srv, {
      method: 'POST',
      path: '/api/v1/pakn',
      headers: { 'Content-Type': 'application/json', 'Content-Length': 61 * 1024 * 1024 },
      body: '{}',
    });
    checkRaw(srv, 'API 61 MB', big);
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(big.body)).toEqual({
      error: { status: 413, message: expect.stringContaining('Request too large') },
    });
    const chunked = await raw(srv, {
      method: 'POST',
      path: '/api/v1/pakn',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: '{}',
    });
    expect(chunked.status).toBe(411);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { status: 411 } });
    const fromSite = (path: string) =>
      raw(srv, {
        method: 'POST',
        path,
        headers: { Origin: 'https://miniapp.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'x=1',
      });
    const json = await fromSite('/open311/v2/requests.json');
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toEqual([
      { code: 403, description: expect.stringContaining('Cross-site') },
    ]);
    const xml = await fromSite('/open311/v2/requests.xml');
    expect(xml.status).toBe(403);
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.body).toContain('<errors><error><code>403</code>');
    // pages keep their plain text
    const page = await fromSite('/theo-doi');
    expect(page.headers['content-type']).toMatch(/^text\/plain/);
  }, 60_000);

  // BUG-chunked-limit — server.mjs checks the body size from Content-Length only; a chunked body has none,
  // so 80 MB reach the action (request.formData() buffers them all).
  it('BUG-chunked-limit: a chunked body over the limit is refused (411/413), not read', async () => {
    const r = await raw(srv, {
      method: 'POST',
      path: '/theo-doi',
      headers: {
        Origin: srv.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
      },
      chunks: 80,
    });
    // refused either way: the answer arrives, or the server closes the connection while we still write
    const refused = [411, 413].includes(r.status) || (r.status === 0 && r.body === 'connection error');
    expect(refused, `${r.status} ${r.body.slice(0, 80)}`).toBe(true);
  }, 60_000);

  // BUG-host-500 — Remix compares a POST's Origin with X-Forwarded-Host/Host and answers 500 when they
  // differ, and @remix-run/express throws (500) on a Host it cannot parse. Origin is already checked
  // against BASE_URL in server.mjs, so the fix there is to hand Remix BASE_URL's host.
  it('BUG-host-500: a forged X-Forwarded-Host or an unexpected Host never gives a 500', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: srv.baseUrl };
    const cases: Array<[string, Record<string, string>, string]> = [
      ['X-Forwarded-Host', { ...form, 'X-Forwarded-Host': 'evil.example' }, 'POST'],
      ['Host of a proxy', { ...form, Host: `internal:${srv.port}` }, 'POST'],
      ['unparsable Host', { Host: '[::zz' }, 'GET'],
      ['X-Forwarded-Host port out of range', { 'X-Forwarded-Host': 'a:99999999' }, 'GET'],
    ];
    const got: string[] = [];
    for (const [name, headers, method] of cases) {
      const r = await raw(srv, {
        method,
        path: '/theo-doi',
        headers,
        body: method === 'POST' ? 'code=a&contact=b' : undefined,
      });
      if (r.status >= 500) got.push(`${name}: ${r.status}`);
    }
    expect(got).toEqual([]);
  });

  // BUG-redirect-ctl, as Express sees it: Node refuses to write a control character in Location (500)
  it('BUG-redirect-ctl: a control character in a redirect target is not a 500 through Express', async () => {
    const r = await raw(srv, {
      method: 'POST',
      path: '/ngon-ngu',
      headers: { Origin: srv.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lng: 'en', redirectTo: '/can-bo/\u0001' }).toString(),
    });
    expect(r.status).toBeLessThan(500);
  });
});

leftBehindSuite();
