// The JSON API /api/v1 (issue 14, item 3): every response validated against the generated OpenAPI 3.1 document
// with Ajv (JSON Schema 2020-12, ajv-formats); permissions per scope; submission through the form's path.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isOperationId, OPERATIONS } from '~/exports/openapi';
import { createApiKey } from '~/models/api-keys.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { createStaffUser } from '../support/staff';

let app: TestApp;
type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const keys: Record<string, string> = {};
let checked = 0;

beforeAll(async () => {
  app = await startTestApp();
  for (const [name, scopes] of [
    ['submit', 'submit'],
    ['read', 'read'],
    ['staff', 'staff'],
    ['all', 'submit,read,staff'],
  ] as const) {
    const made = await createApiKey({ name: `key-${name}`, scopes });
    if (!made.ok) throw new Error('no key');
    keys[name] = made.key;
  }
  const admin = await createStaffUser(app.db(), { role: 'admin' });
  const owned = await createApiKey({ name: 'key-staff-owned', scopes: 'staff', createdByUserId: admin.id });
  if (!owned.ok) throw new Error('no key');
  keys.owned = owned.key;
  const res = await app.fetch('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  ajv.addSchema({ $id: 'openapi.json', components: doc.components }, 'openapi.json');
});
afterAll(async () => {
  await app?.stop();
  // every response of this file went through the validator
  expect(checked).toBeGreaterThan(15);
});

/** The schema the document declares for (path template, method, status), with $refs into the document. */
function validatorFor(template: string, method: string, status: number) {
  const op = doc.paths[template]?.[method];
  expect(op, `${method} ${template} documented`).toBeTruthy();
  const response = op!.responses[String(status)];
  expect(response, `${method} ${template} ${status} documented`).toBeTruthy();
  const schema = JSON.parse(
    JSON.stringify(response!.content!['application/json']!.schema).replace(
      /"#\/components/g,
      '"openapi.json#/components',
    ),
  ) as object;
  return ajv.compile(schema);
}

async function call(
  template: string,
  {
    method = 'get',
    path = template,
    key,
    body,
    headers = {},
  }: { method?: string; path?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await app.fetch(`/api/v1${path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  const json = (await res.json()) as Record<string, unknown>;
  const validate = validatorFor(template, method, res.status);
  expect(validate(json), `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  checked++;
  return { status: res.status, json };
}

const FORM = {
  type: 'phan_anh',
  subject: 'regulation',
  category: 2,
  submitterKind: 'organisation',
  orgName: 'Công ty TNHH Ánh Dương',
  representative: 'Lê Văn Minh',
  fullName: 'Lê Văn Minh',
  address: '45 Nguyễn Huệ, Tuy Hòa',
  phone: '0257 3822 111',
  email: 'minh.le@anhduong.example.vn',
  title: 'Thời hạn cấp giấy chứng nhận quá dài',
  content: 'Thời hạn cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ quá dài so với thực tế xử lý.',
  field: '1',
  consent: 'on',
};

describe('the document', () => {
  it('is OpenAPI 3.1 with every endpoint, generated from the form’s schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/changes',
      '/fields',
      '/intake',
      '/pakn',
      '/pakn/{code}',
      '/queue',
    ]);
    const submission = doc.components.schemas.Submission as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(submission.required).toEqual(
      expect.arrayContaining([
        'type',
        'subject',
        'category',
        'fullName',
        'email',
        'title',
        'content',
        'consent',
      ]),
    );
    // the validator does refuse what the document does not allow
    expect(validatorFor('/fields', 'get', 401)({ message: 'x' })).toBe(false);
    expect(validatorFor('/pakn/{code}', 'get', 200)({ code: 'X' })).toBe(false);
    const page = await app.fetch('/api/v1/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).toContain('/open311/v2/requests.{json|xml}');
    // each endpoint described in the reader's language (the Vietnamese page had the document's English)
    expect(html).toContain('Gửi một PAKN (quyền submit)');
    expect(html).not.toContain('Submit a PAKN');
    const en = await (await app.fetch('/api/v1/docs', { headers: { Cookie: 'lng=en' } })).text();
    expect(en).toContain('Submit a PAKN (scope submit)');
    // every operation of the document has an id the page knows, so a new one cannot go undescribed
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(operations.length).toBe(OPERATIONS.length);
    expect(operations.every(isOperationId)).toBe(true);
  });
});

describe('submit, read, changes, queue', () => {
  let code = '';
  it('submits through the form’s path and reads it back', async () => {
    const fields = await call('/fields', { key: keys.submit });
    expect(fields.status).toBe(200);
    const created = await call('/pakn', {
      method: 'post',
      key: keys.submit,
      body: FORM,
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(created.status).toBe(201);
    code = String(created.json.code);
    // the new PAKN's address, as HTTP says a 201 gives it; a call without a key is told where the key goes
    // (walk-through of 06/12/2026)
    const again = await app.fetch('/api/v1/pakn', {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.submit}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...FORM, title: 'Kiến nghị thứ hai về thời hạn cấp giấy chứng nhận' }),
    });
    expect(again.status).toBe(201);
    const made = (await again.json()) as { statusUrl: string };
    expect(again.headers.get('Location')).toBe(made.statusUrl);
    const keyless = await call('/fields');
    expect(JSON.stringify(keyless.json)).toContain('Authorization');
    const replay = await call('/pakn', {
      method: 'post',
      key: keys.submit,
      body: FORM,
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(replay).toMatchObject({ status: 200, json: { code, replayed: true } });
    // the same key with another request is the caller's mistake: refused, not answered with the first code, which
    // would lose the second PAKN without a word (walk-through of 06/12/2026)
    const before = (await app.db().select({ id: s.pakn.id }).from(s.pakn)).length;
    const other = await call('/pakn', {
      method: 'post',
      key: keys.submit,
      body: { ...FORM, title: 'Một kiến nghị khác về thủ tục khác' },
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(other.status).toBe(422);
    expect(JSON.stringify(other.json)).toContain('Idempotency-Key');
    expect((await app.db().select({ id: s.pakn.id }).from(s.pakn)).length).toBe(before);
    const p = (await first(app.db().select().from(s.pakn).where(eq(s.pakn.code, code))))!;
    expect(p).toMatchObject({
      channel: 'online',
      submitterKind: 'organisation',
      orgName: 'Công ty TNHH Ánh Dương',
    });
    expect(
      (await app.db().select().from(s.outbox).where(eq(s.outbox.paknId, p.id))).map((m) => m.template),
    ).toEqual(['receipt']);
    const read = await call('/pakn/{code}', { path: `/pakn/${code}`, key: keys.read });
    expect(read.json).toMatchObject({ code, status: 'received', open: true, publicAnswer: null });
    expect(JSON.stringify(read.json)).not.toContain('Ánh Dương');
    expect((await call('/pakn/{code}', { path: '/pakn/KHCN-1999-000001', key: keys.read })).status).toBe(404);
  });

  it('lists changes since a cursor', async () => {
    const first = await call('/changes', { key: keys.read });
    const changes = first.json.changes as Array<{ code: string; cursor: string }>;
    expect(changes.map((c) => c.code)).toContain(code);
    const after = await call('/changes', {
      path: `/changes?cursor=${String(first.json.nextCursor)}`,
      key: keys.read,
    });
    expect(after.json.changes).toEqual([]);
    expect(after.json.nextCursor).toBe(first.json.nextCursor);
    expect((await call('/changes', { path: '/changes?cursor=abc', key: keys.read })).status).toBe(400);
  });

  it('the queue for staff keys', async () => {
    const queue = await call('/queue', { key: keys.staff });
    expect((queue.json.items as Array<{ code: string }>).map((i) => i.code)).toContain(code);
    expect((await call('/queue', { path: '/queue?limit=0', key: keys.staff })).status).toBe(400);
  });

  it('refuses an invalid body with the form’s messages per field', async () => {
    const bad = await call('/pakn', {
      method: 'post',
      key: keys.submit,
      body: { ...FORM, title: 'ngắn', email: 'x@', field: '99999', consent: undefined },
    });
    expect(bad.status).toBe(400);
    const fields = (bad.json.error as { fields: Array<{ field: string; message: string }> }).fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Tiêu đề cần ít nhất 10 ký tự' },
        { field: 'email', message: 'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.com' },
        { field: 'field', message: 'Chọn lĩnh vực, hoặc “Tôi không rõ”' },
        expect.objectContaining({ field: 'consent' }),
      ]),
    );
    expect((await call('/pakn', { method: 'post', key: keys.submit, body: '{not json' })).status).toBe(400);
    expect((await call('/pakn', { method: 'post', key: keys.submit, body: [1, 2] })).status).toBe(400);
  });
});

describe('staff intake', () => {
  const INTAKE = {
    ...FORM,
    channel: 'hotline',
    receivedDate: new Date(Date.now() - 2 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10),
    email: '',
    consent: 'on',
  };
  it('records a PAKN with its channel and real receipt date, through the intake’s rules', async () => {
    const res = await call('/intake', { method: 'post', key: keys.owned, body: INTAKE });
    expect(res.status).toBe(201);
    const p = (await first(
      app
        .db()
        .select()
        .from(s.pakn)
        .where(eq(s.pakn.code, String(res.json.code))),
    ))!;
    expect(p).toMatchObject({ channel: 'hotline', receivedDate: INTAKE.receivedDate, email: null });
    expect(res.json.emailed).toBe(false);
    const audit = await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, 'pakn.intake'));
    expect(JSON.parse(audit.at(-1)!.detail!)).toMatchObject({ channel: 'hotline' });
    const bad = await call('/intake', {
      method: 'post',
      key: keys.owned,
      body: { ...INTAKE, channel: 'online', receivedDate: '2999-01-01', phone: '', address: '' },
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.json.error as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort(),
    ).toEqual(['channel', 'phone', 'receivedDate']);
    // a key made from the command line belongs to nobody: no intake in nobody's name
    expect((await call('/intake', { method: 'post', key: keys.staff, body: INTAKE })).status).toBe(403);
  });
});

describe('permissions per scope', () => {
  const MATRIX: Array<
    [string, string, { method?: string; path?: string; body?: unknown }, keyof typeof keys]
  > = [
    ['/fields', 'submit', {}, 'submit'],
    ['/pakn', 'submit', { method: 'post', body: FORM }, 'submit'],
    ['/pakn/{code}', 'read', { path: '/pakn/KHCN-2026-000001' }, 'read'],
    ['/changes', 'read', {}, 'read'],
    ['/queue', 'staff', {}, 'staff'],
    ['/intake', 'staff', { method: 'post', body: {} }, 'owned'],
  ];
  it.each(MATRIX)('%s needs %s', async (template, _scope, init, allowed) => {
    expect((await call(template, init)).status).toBe(401);
    expect((await call(template, { ...init, key: 'pakn_' + 'x'.repeat(43) })).status).toBe(401);
    for (const k of ['submit', 'read', 'staff', 'owned'] as const) {
      const res = await call(template, { ...init, key: keys[k] });
      if (k === allowed || (allowed === 'owned' && k === 'staff'))
        expect([200, 201, 400, 403, 404]).toContain(res.status);
      else if (allowed === 'staff' && k === 'owned') expect(res.status).toBe(200);
      else expect(res.status).toBe(403);
    }
  });
});

describe('query parameters', () => {
  it('a refused one is named with the rule it breaks, in error.fields (walk-through of 06/12/2026)', async () => {
    const limit = await call('/changes', { path: '/changes?limit=501', key: keys.read });
    expect(limit.status).toBe(400);
    expect(limit.json).toMatchObject({
      error: { fields: [{ field: 'limit', message: expect.stringContaining('500') }] },
    });
    // ids start at 1: cursor=0 is no page's cursor, not the first page again
    const zero = await call('/queue', { path: '/queue?cursor=0', key: keys.staff });
    expect(zero.status).toBe(400);
    expect(zero.json).toMatchObject({
      error: { fields: [{ field: 'cursor', message: expect.any(String) }] },
    });
    const big = await call('/queue', { path: '/queue?limit=201', key: keys.staff });
    expect(big.json).toMatchObject({
      error: { fields: [{ field: 'limit', message: expect.stringContaining('200') }] },
    });
  });
});

describe('methods an endpoint does not take', () => {
  it("answer the API's 405 with Allow, and are not logged as server errors (walk-through of 06/12/2026)", async () => {
    const lines: string[] = [];
    const g = globalThis as { __paknLogger?: unknown };
    const before = g.__paknLogger;
    g.__paknLogger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    try {
      for (const [method, path] of [
        ['DELETE', '/pakn/KHCN-2026-000001'],
        ['PUT', '/pakn/KHCN-2026-000001'],
        ['PATCH', '/pakn/KHCN-2026-000001'],
        ['POST', '/changes'],
        ['POST', '/fields'],
        ['DELETE', '/queue'],
        ['POST', '/openapi.json'],
      ] as const) {
        const res = await app.fetch(`/api/v1${path}`, {
          method,
          headers: { Authorization: `Bearer ${keys.all}` },
        });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('Allow'), `${method} ${path}`).toBe('GET');
        expect(await res.json()).toEqual({ error: { status: 405, message: expect.any(String) } });
      }
      // a page without a form: Remix's own 405, a client's mistake, not the server's
      const page = await app.fetch('/cong-khai', {
        method: 'POST',
        headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'x=1',
      });
      expect(page.status).toBe(405);
      expect(lines.filter((l) => l.includes('unhandled error'))).toEqual([]);
    } finally {
      g.__paknLogger = before;
    }
  });
});
