// Open311 GeoReport v2 contract (issue 14, item 2): discovery → services → service definition → POST → GET, in JSON
// and in XML (parsed with fast-xml-parser), each document's field names and types compared with the specification
// (https://wiki.open311.org/GeoReport_v2); keys, errors in the spec's format, Idempotency-Key, the public record only.
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiKey, revokeApiKey } from '~/models/api-keys.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
let submitKey = '';
let readKey = '';
let revokedKey = '';

beforeAll(async () => {
  app = await startTestApp();
  const made = [
    await createApiKey({ name: 'Cổng DVC', scopes: 'submit,read' }),
    await createApiKey({ name: 'Chỉ đọc', scopes: 'read' }),
    await createApiKey({ name: 'Cũ', scopes: 'submit' }),
  ];
  const keys = made.map((m) => (m.ok ? m : null));
  submitKey = keys[0]!.key;
  readKey = keys[1]!.key;
  revokedKey = keys[2]!.key;
  await revokeApiKey({ id: keys[2]!.id, userId: null });
});
afterAll(async () => {
  await app?.stop();
});

// --- the specification's documents, field by field ------------------------------------------------------------
type Kind = 'string' | 'number' | 'boolean' | 'string?' | 'number?' | 'array' | 'object';
const DISCOVERY: Record<string, Kind> = {
  changeset: 'string',
  contact: 'string',
  key_service: 'string',
  endpoints: 'array',
};
const ENDPOINT: Record<string, Kind> = {
  specification: 'string',
  url: 'string',
  changeset: 'string',
  type: 'string',
  formats: 'array',
};
const SERVICE: Record<string, Kind> = {
  service_code: 'string',
  service_name: 'string',
  description: 'string',
  metadata: 'boolean',
  type: 'string',
  keywords: 'string',
  group: 'string',
};
const DEFINITION: Record<string, Kind> = { service_code: 'string', attributes: 'array' };
const ATTRIBUTE: Record<string, Kind> = {
  variable: 'boolean',
  code: 'string',
  datatype: 'string',
  required: 'boolean',
  datatype_description: 'string?',
  order: 'number',
  description: 'string',
};
const CREATED: Record<string, Kind> = {
  service_request_id: 'string',
  service_notice: 'string?',
  account_id: 'string?',
};
const REQUEST: Record<string, Kind> = {
  service_request_id: 'string',
  status: 'string',
  status_notes: 'string?',
  service_name: 'string?',
  service_code: 'string?',
  description: 'string?',
  agency_responsible: 'string?',
  service_notice: 'string?',
  requested_datetime: 'string',
  updated_datetime: 'string?',
  expected_datetime: 'string?',
  address: 'string?',
  address_id: 'string?',
  zipcode: 'string?',
  lat: 'number?',
  long: 'number?',
  media_url: 'string?',
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function checkJson(value: Record<string, unknown>, spec: Record<string, Kind>) {
  for (const [name, kind] of Object.entries(spec)) {
    expect(value, name).toHaveProperty(name);
    const v = value[name];
    if (kind.endsWith('?') && v === null) continue;
    const base = kind.replace('?', '');
    if (base === 'array') expect(Array.isArray(v), name).toBe(true);
    else expect(typeof v, name).toBe(base);
  }
}

/** XML carries text: every spec field is an element; booleans read true/false, numbers parse. */
function checkXml(value: Record<string, unknown>, spec: Record<string, Kind>) {
  for (const [name, kind] of Object.entries(spec)) {
    expect(value, name).toHaveProperty(name);
    const v = value[name];
    if (kind === 'array' || kind === 'object') continue;
    if (kind.endsWith('?') && v === '') continue;
    expect(typeof v, name).toBe('string');
    if (kind === 'boolean') expect(['true', 'false']).toContain(v);
    if (kind.startsWith('number')) expect(Number.isFinite(Number(v)), name).toBe(true);
  }
}

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error'].includes(name),
});

async function getJson(path: string, headers: Record<string, string> = {}) {
  const res = await app.fetch(path, { headers });
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as unknown };
}
async function getXml(path: string) {
  const res = await app.fetch(path);
  expect(res.headers.get('Content-Type')).toMatch(/^text\/xml/);
  const text = await res.text();
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return { status: res.status, body: xml.parse(text) as Record<string, Record<string, unknown>> };
}

const PERSON = {
  first_name: 'Thị Hồng Đào',
  last_name: 'Nguyễn',
  email: 'Dao.Nguyen@example.vn',
  phone: '+84 912 345 678',
  description:
    'Quy định yêu cầu nộp bản sao có chứng thực trong khi đã có dữ liệu điện tử, gây tốn kém thời gian.',
  'attribute[type]': 'kien_nghi',
  'attribute[subject]': 'regulation',
  'attribute[category]': '2',
  'attribute[submitter_kind]': 'individual',
  'attribute[address]': '12 Lê Lợi, phường 4, Tuy Hòa',
  'attribute[title]': 'Thủ tục cấp giấy phép tiến hành công việc bức xạ',
  'attribute[regulation_ref]': 'Thông tư 08/2010/TT-BKHCN',
  'attribute[consent]': 'true',
};

function post(format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.fetch(`/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

describe('the walk in JSON', () => {
  let code = '';
  it('discovery', async () => {
    const { status, body } = await getJson('/open311/v2/discovery.json');
    expect(status).toBe(200);
    const d = body as Record<string, unknown>;
    checkJson(d, DISCOVERY);
    const endpoint = (d.endpoints as Array<Record<string, unknown>>)[0]!;
    checkJson(endpoint, ENDPOINT);
    expect(endpoint.url).toBe('http://localhost:3999/open311/v2');
    expect(endpoint.formats).toEqual(['text/xml', 'application/json']);
  });

  it('services: one per active field, with metadata', async () => {
    const { body } = await getJson('/open311/v2/services.json');
    const services = body as Array<Record<string, unknown>>;
    const fields = await app.db().select().from(s.fields).where(eq(s.fields.active, true));
    expect(services.map((x) => x.service_code).sort()).toEqual(fields.map((f) => f.code).sort());
    for (const x of services) {
      checkJson(x, SERVICE);
      expect(x.metadata).toBe(true);
      expect(['realtime', 'batch', 'blackbox']).toContain(x.type);
    }
  });

  it('service definition: the form’s questions as attributes', async () => {
    const { status, body } = await getJson('/open311/v2/services/SHTT.json');
    expect(status).toBe(200);
    const def = body as { service_code: string; attributes: Array<Record<string, unknown>> };
    checkJson(def, DEFINITION);
    expect(def.service_code).toBe('SHTT');
    for (const a of def.attributes) {
      checkJson(a, ATTRIBUTE);
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(
        a.datatype,
      );
      if (String(a.datatype).endsWith('valuelist')) {
        for (const v of a.values as Array<Record<string, unknown>>)
          checkJson(v, { key: 'string', name: 'string' });
      }
    }
    expect(def.attributes.map((a) => a.order)).toEqual(def.attributes.map((_, i) => i + 1));
    const category = def.attributes.find((a) => a.code === 'category')!;
    expect(category.required).toBe(true);
    expect((category.values as Array<{ key: string }>).map((v) => v.key)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect((await getJson('/open311/v2/services/NOPE.json')).status).toBe(404);
  });

  it('POST creates a PAKN through the form’s path, with the receipt e-mail', async () => {
    const res = await post('json', { ...PERSON, api_key: submitKey, service_code: 'SHTT' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<Record<string, unknown>>;
    expect(body).toHaveLength(1);
    checkJson(body[0]!, CREATED);
    code = String(body[0]!.service_request_id);
    expect(code).toMatch(/^[A-Z0-9]+-\d{4}-\d{6}$/);
    const p = (await first(app.db().select().from(s.pakn).where(eq(s.pakn.code, code))))!;
    expect(p).toMatchObject({
      channel: 'online',
      status: 'received',
      fullName: 'Nguyễn Thị Hồng Đào',
      email: 'dao.nguyen@example.vn',
      phone: '0912345678',
      type: 'kien_nghi',
      category: 2,
      showIdentity: false,
    });
    expect(p.consentAt).not.toBeNull();
    expect(p.fieldId).toBe(
      (await first(app.db().select().from(s.fields).where(eq(s.fields.code, 'SHTT'))))!.id,
    );
    const mail = await app.db().select().from(s.outbox).where(eq(s.outbox.paknId, p.id));
    expect(mail.map((m) => [m.template, m.toAddress])).toEqual([['receipt', 'dao.nguyen@example.vn']]);
    expect(mail[0]!.text).toContain(code);
    const events = await app.db().select().from(s.events).where(eq(s.events.paknId, p.id));
    expect(events.map((e) => e.type)).toEqual(['received']);
    const audit = (await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, 'api.call'))).at(-1)!;
    expect(JSON.parse(audit.detail!)).toMatchObject({
      key: 'Cổng DVC',
      method: 'POST',
      path: '/open311/v2/requests.json',
    });
  });

  it('GET requests and requests/{id}: open, with our status and due date, nothing personal', async () => {
    const list = await getJson(`/open311/v2/requests.json?service_request_id=${code}`);
    const one = await getJson(`/open311/v2/requests/${code}.json`);
    const search = await getJson('/open311/v2/requests.json?service_code=SHTT&status=open');
    for (const body of [list.body, one.body]) {
      const rows = body as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(1);
      checkJson(rows[0]!, REQUEST);
      expect(rows[0]).toMatchObject({
        service_request_id: code,
        status: 'open',
        service_code: 'SHTT',
        pakn_status: 'received',
      });
      expect(rows[0]!.requested_datetime).toMatch(ISO);
      expect(rows[0]!.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const text = JSON.stringify(rows[0]);
      for (const secret of ['Nguyễn', 'dao.nguyen', '0912345678', 'Lê Lợi', 'bức xạ', 'chứng thực'])
        expect(text).not.toContain(secret);
      expect(rows[0]!.description).toBeNull();
    }
    expect((search.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toContain(
      code,
    );
    const closed = await getJson('/open311/v2/requests.json?status=closed');
    expect(
      (closed.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id),
    ).not.toContain(code);
  });

  it('a published PAKN adds its public title, summary and answer, still without the submitter', async () => {
    await app
      .db()
      .update(s.pakn)
      .set({
        status: 'answered',
        publication: 'published',
        publishedAt: new Date(),
        publicTitle: 'Bản sao chứng thực khi đã có dữ liệu điện tử',
        publicSummary: 'Người gửi đề nghị bỏ yêu cầu bản sao có chứng thực.',
        publicAnswer: 'Sở đã kiến nghị sửa đổi quy định.',
      })
      .where(eq(s.pakn.code, code));
    const { body } = await getJson(`/open311/v2/requests/${code}.json`);
    const row = (body as Array<Record<string, unknown>>)[0]!;
    expect(row).toMatchObject({
      status: 'closed',
      pakn_status: 'answered',
      description: 'Người gửi đề nghị bỏ yêu cầu bản sao có chứng thực.',
      status_notes: 'Sở đã kiến nghị sửa đổi quy định.',
    });
    expect(JSON.stringify(row)).not.toContain('Nguyễn');
  });
});

describe('the walk in XML', () => {
  it('discovery, services, definition, POST, GET', async () => {
    const d = await getXml('/open311/v2/discovery.xml');
    checkXml(d.body.discovery!, DISCOVERY);
    const endpoint = (d.body.discovery!.endpoints as { endpoint: Array<Record<string, unknown>> })
      .endpoint[0]!;
    checkXml(endpoint, ENDPOINT);
    expect((endpoint.formats as { format: string[] }).format).toEqual(['text/xml', 'application/json']);

    const services = (await getXml('/open311/v2/services.xml')).body.services!.service as Array<
      Record<string, unknown>
    >;
    expect(services.length).toBeGreaterThan(1);
    for (const x of services) checkXml(x, SERVICE);

    const def = (await getXml('/open311/v2/services/CGCN.xml')).body.service_definition!;
    checkXml(def, DEFINITION);
    const attributes = (def.attributes as { attribute: Array<Record<string, unknown>> }).attribute;
    for (const a of attributes) checkXml(a, ATTRIBUTE);
    const type = attributes.find((a) => a.code === 'type')!;
    expect((type.values as { value: Array<{ key: string }> }).value.map((v) => v.key)).toEqual([
      'phan_anh',
      'kien_nghi',
    ]);

    const res = await post('xml', { ...PERSON, api_key: submitKey, service_code: 'CGCN' });
    expect(res.status).toBe(200);
    const created = xml.parse(await res.text()) as {
      service_requests: { request: Array<Record<string, unknown>> };
    };
    checkXml(created.service_requests.request[0]!, CREATED);
    const code = String(created.service_requests.request[0]!.service_request_id);

    const got = (await getXml(`/open311/v2/requests/${code}.xml`)).body.service_requests!.request as Array<
      Record<string, unknown>
    >;
    checkXml(got[0]!, REQUEST);
    expect(got[0]).toMatchObject({ service_request_id: code, status: 'open', service_code: 'CGCN' });
  });
});

describe('refusals in the spec’s error format', () => {
  const errorsOf = async (res: Response) => {
    const body = (await res.json()) as Array<{ code: number; description: string }>;
    for (const e of body) {
      expect(Object.keys(e).sort()).toEqual(['code', 'description']);
      expect(e.code).toBe(res.status);
    }
    return body.map((e) => e.description);
  };

  it('a missing, wrong or revoked key is 401; a key without the submit scope is 403', async () => {
    const fields = { ...PERSON, service_code: 'SHTT' };
    const missing = await post('json', fields);
    expect(missing.status).toBe(401);
    expect(await errorsOf(missing)).toEqual(['Thiếu khóa API (api_key)']);
    expect((await post('json', { ...fields, api_key: 'pakn_nope' })).status).toBe(401);
    expect((await post('json', { ...fields, api_key: revokedKey })).status).toBe(401);
    const readOnly = await post('json', { ...fields, api_key: readKey });
    expect(readOnly.status).toBe(403);
    const x = await post('xml', { ...fields, api_key: readKey }, { 'Accept-Language': 'en' });
    expect(x.status).toBe(403);
    const parsed = xml.parse(await x.text()) as {
      errors: { error: Array<{ code: string; description: string }> };
    };
    expect(parsed.errors.error).toEqual([
      { code: '403', description: 'The API key does not have the “submit” scope' },
    ]);
  });

  it('an unknown service, attribute or attribute value is 400 naming it', async () => {
    const key = { api_key: submitKey };
    const service = await post('json', { ...PERSON, ...key, service_code: 'XYZ' });
    expect(service.status).toBe(400);
    expect(await errorsOf(service)).toEqual(['Dịch vụ không tồn tại: XYZ']);
    const attr = await post('json', { ...PERSON, ...key, service_code: 'SHTT', 'attribute[colour]': 'red' });
    expect(await errorsOf(attr)).toEqual(['Thuộc tính không tồn tại: colour']);
    const value = await post('json', {
      ...PERSON,
      ...key,
      service_code: 'SHTT',
      'attribute[category]': '99',
    });
    expect(value.status).toBe(400);
    expect(await errorsOf(value)).toEqual(['Giá trị không hợp lệ của thuộc tính category: 99']);
    const search = await app.fetch('/open311/v2/requests.json?service_code=SHTT,NOPE');
    expect(search.status).toBe(400);
    expect(await errorsOf(search)).toEqual(['Dịch vụ không tồn tại: NOPE']);
  });

  it('the form’s own refusals: required, too short, too long, bad phone, no consent, mismatched category', async () => {
    const res = await post('json', {
      ...PERSON,
      api_key: submitKey,
      service_code: 'SHTT',
      phone: '12',
      'attribute[title]': 'ngắn',
      description: 'x'.repeat(10_001),
      'attribute[consent]': '',
      'attribute[subject]': 'behaviour',
    });
    expect(res.status).toBe(400);
    const messages = await errorsOf(res);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^phone: Nhập số điện thoại hợp lệ/),
        'attribute[title]: Tiêu đề cần ít nhất 10 ký tự',
        'description: Không quá 10.000 ký tự',
        expect.stringMatching(/^attribute\[consent\]: Bạn cần đồng ý/),
      ]),
    );
    const mismatch = await post('json', {
      ...PERSON,
      api_key: submitKey,
      service_code: 'SHTT',
      'attribute[subject]': 'behaviour',
    });
    expect(await errorsOf(mismatch)).toEqual([
      expect.stringMatching(/^attribute\[category\]: Nội dung cụ thể không khớp/),
    ]);
    const none = await post('json', { api_key: submitKey, service_code: 'SHTT' });
    expect(none.status).toBe(400);
    expect((await errorsOf(none)).length).toBeGreaterThan(5);
  });

  it('bad parameters, formats, methods and paths answer in the format, never 500', async () => {
    const bad = await app.fetch('/open311/v2/requests.json?start_date=yesterday');
    expect(bad.status).toBe(400);
    // each refusal says which rule the parameter breaks (walk-through of 06/12/2026)
    expect(await errorsOf(bad)).toEqual([
      'Tham số không hợp lệ: start_date (ngày giờ theo ISO 8601, ví dụ 2026-03-01T00:00:00+07:00)',
    ]);
    const span = await app.fetch(
      '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    );
    expect(span.status).toBe(400);
    expect(await errorsOf(span)).toEqual([
      'Tham số không hợp lệ: start_date (từ start_date đến end_date tối đa 90 ngày)',
    ]);
    const future = await app.fetch('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z');
    expect(await errorsOf(future)).toEqual([
      'Tham số không hợp lệ: start_date (start_date phải trước end_date, mặc định là lúc này)',
    ]);
    expect((await app.fetch('/open311/v2/requests.json?status=pending')).status).toBe(400);
    expect((await app.fetch('/open311/v2/requests.csv')).status).toBe(404);
    expect((await app.fetch('/open311/v2/nothing.json')).status).toBe(404);
    expect((await app.fetch('/open311/v2/requests/KHCN-2020-999999.xml')).status).toBe(404);
    const put = await app.fetch('/open311/v2/services.json', {
      method: 'POST',
      body: new URLSearchParams({}),
    });
    expect(put.status).toBe(405);
    expect((await app.fetch('/open311/v2/services/SHTT.json', { method: 'POST' })).status).toBe(405);
    const media = await post('json', {
      ...PERSON,
      api_key: submitKey,
      service_code: 'SHTT',
      media_url: 'http://x/y.jpg',
    });
    expect(media.status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('a replayed POST answers the same code and registers one PAKN', async () => {
    const before = (await app.db().select().from(s.pakn)).length;
    const headers = { 'Idempotency-Key': 'hotline-2026-0001' };
    const first = await post('json', { ...PERSON, api_key: submitKey, service_code: 'SHTT' }, headers);
    const second = await post('json', { ...PERSON, api_key: submitKey, service_code: 'SHTT' }, headers);
    const a = ((await first.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const b = ((await second.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect(b).toBe(a);
    expect((await app.db().select().from(s.pakn)).length).toBe(before + 1);
    const bad = await post(
      'json',
      { ...PERSON, api_key: submitKey, service_code: 'SHTT' },
      { 'Idempotency-Key': 'two words' },
    );
    expect(bad.status).toBe(400);
    // the same key with another request: refused in Open311's error format, nothing registered
    const other = await post(
      'json',
      {
        ...PERSON,
        api_key: submitKey,
        service_code: 'SHTT',
        description: `${PERSON.description} Thêm một ý khác.`,
      },
      headers,
    );
    expect(other.status).toBe(422);
    expect(JSON.stringify(await other.json())).toContain('Idempotency-Key');
    expect((await app.db().select().from(s.pakn)).length).toBe(before + 1);
  });
});
