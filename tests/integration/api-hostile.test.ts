// The hostile-input sweep over the machine interfaces (issue 14): every payload of tests/support/hostile-corpus.ts
// in every query parameter and path segment of the Open311 reads and in every field of an Open311 POST, plus the
// malformed bodies, 5,000 fields, a 1 MB field and duplicated fields. Never a 5xx; JSON answers parse as JSON and
// XML answers as XML; a refused POST registers nothing; no payload comes back in an HTML page.
import fs from 'node:fs';
import path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiKey } from '~/models/api-keys.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import {
  API_GET_ENDPOINTS,
  API_JSON_POSTS,
  duplicatedFields,
  malformedBodies,
  manyFields,
  ONE_MB,
  OPEN311_POST_FIELDS,
  PAYLOADS,
} from '../support/hostile-corpus';
import { createStaffUser } from '../support/staff';

let app: TestApp;
let key = '';
let ipCounter = 0;
const problems: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  // owned by an administrator, so staff intake is reached too
  const admin = await createStaffUser(app.db(), { role: 'admin' });
  const made = await createApiKey({
    name: 'Hostile sweep',
    scopes: 'submit,read,staff',
    createdByUserId: admin.id,
  });
  if (!made.ok) throw new Error('no key');
  key = made.key;
  // the sweep makes thousands of calls with one key: its limit is not what is tested here
  await app.db().insert(s.settings).values({ key: 'api.requestsPerMinute', value: '1000000' });
});
afterAll(async () => {
  await app?.stop();
});

/** A path segment as a client would send it; a lone surrogate (no valid UTF-8) goes as raw percent bytes. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%BD';
  }
}

const ip = () => `10.9.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;
const count = async () => (await app.db().select().from(s.pakn)).length;

async function check(where: string, res: Response) {
  const text = await res.text();
  if (res.status >= 500) problems.push(`${where}: HTTP ${res.status}`);
  const type = res.headers.get('Content-Type') ?? '';
  if (type.startsWith('application/json')) {
    try {
      JSON.parse(text);
    } catch {
      problems.push(`${where}: invalid JSON`);
    }
  } else if (type.startsWith('text/xml')) {
    if (XMLValidator.validate(text) !== true) problems.push(`${where}: invalid XML`);
    else new XMLParser().parse(text);
  } else if (res.status !== 404 && res.status !== 405) {
    problems.push(`${where}: unexpected content type ${type} (${res.status})`);
  }
  return res.status;
}

const VALID: Record<string, string> = {
  service_code: 'SHTT',
  first_name: 'Văn An',
  last_name: 'Trần',
  email: 'an.tran@example.vn',
  phone: '0912345678',
  description: 'Quy định về hồ sơ đăng ký quá phức tạp, cần đơn giản hóa để tiết kiệm thời gian.',
  'attribute[type]': 'kien_nghi',
  'attribute[subject]': 'regulation',
  'attribute[category]': '2',
  'attribute[submitter_kind]': 'individual',
  'attribute[address]': '5 Trần Hưng Đạo, Tuy Hòa',
  'attribute[title]': 'Đơn giản hóa hồ sơ đăng ký',
  'attribute[consent]': 'true',
};

const VALID_JSON: Record<string, string> = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Trần Văn An',
  address: '5 Trần Hưng Đạo, Tuy Hòa',
  phone: '0912345678',
  email: 'an.tran@example.vn',
  title: 'Đơn giản hóa hồ sơ đăng ký',
  content: 'Quy định về hồ sơ đăng ký quá phức tạp, cần đơn giản hóa để tiết kiệm thời gian.',
  field: '1',
  consent: 'on',
  channel: 'post',
  receivedDate: '2026-01-05',
};

describe('Open311 reads', () => {
  it('every payload in every parameter and path segment', async () => {
    for (const endpoint of API_GET_ENDPOINTS) {
      for (const [i, payload] of PAYLOADS.entries()) {
        const segment = endpoint.path.includes('{}') ? encodeSegment(payload.value || 'x') : '';
        const base = endpoint.path.replace('{}', segment);
        const param = endpoint.params[i % Math.max(endpoint.params.length, 1)];
        const url = param ? `${base}?${new URLSearchParams({ [param]: payload.value })}` : base;
        await check(
          `GET ${url.slice(0, 120)} [${payload.name}]`,
          await app.fetch(url, { ip: ip(), headers: { Authorization: `Bearer ${key}` } }),
        );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('Open311 POST', () => {
  const post = (body: BodyInit, contentType: string | null, extra: Record<string, string> = {}) =>
    app.fetch('/open311/v2/requests.json', {
      method: 'POST',
      ip: ip(),
      headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...extra },
      body,
    });

  it('every payload in every field: refused or registered whole, never 5xx', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      for (const [j, field] of OPEN311_POST_FIELDS.entries()) {
        if ((i + j) % 3 !== 0) continue; // a third of the grid, rotated, keeps the sweep short
        const name = field.replace('{}', payload.value.slice(0, 50));
        const fields = { ...VALID, api_key: key, [name]: payload.value };
        const before = await count();
        const status = await check(
          `POST ${field} [${payload.name}]`,
          await post(new URLSearchParams(fields), 'application/x-www-form-urlencoded'),
        );
        if (status >= 400 && (await count()) !== before)
          problems.push(`POST ${field} [${payload.name}]: refused but saved`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('malformed bodies, 5,000 fields, a 1 MB field, duplicated fields, a hostile Idempotency-Key', async () => {
    const fields = { ...VALID, api_key: key };
    for (const raw of malformedBodies(fields)) {
      const before = await count();
      const status = await check(`POST body ${raw.name}`, await post(raw.body, raw.contentType));
      if (status >= 400 && (await count()) !== before)
        problems.push(`POST body ${raw.name}: refused but saved`);
    }
    await check('POST many fields', await post(manyFields(fields), 'application/x-www-form-urlencoded'));
    await check(
      'POST 1 MB',
      await post(
        new URLSearchParams({ ...fields, description: ONE_MB }),
        'application/x-www-form-urlencoded',
      ),
    );
    await check(
      'POST duplicated',
      await post(duplicatedFields(fields, '<script>alert(1)</script>'), 'application/x-www-form-urlencoded'),
    );
    for (const payload of PAYLOADS.slice(0, 12)) {
      const value = payload.value.replace(/[^\x20-\x7e]/g, '');
      await check(
        `POST Idempotency-Key [${payload.name}]`,
        await post(new URLSearchParams(fields), 'application/x-www-form-urlencoded', {
          'Idempotency-Key': value,
        }),
      );
    }
    expect(problems).toEqual([]);
  });
});

describe('JSON API posts', () => {
  it('every payload in every field, as a string, a number, an array and an object; broken JSON', async () => {
    for (const { path, fields } of API_JSON_POSTS) {
      for (const [i, payload] of PAYLOADS.entries()) {
        const field = fields[i % fields.length]!;
        const shapes: unknown[] = [payload.value, [payload.value], { $gt: payload.value }, Number.MAX_VALUE];
        for (const value of shapes) {
          const before = await count();
          const res = await app.fetch(path, {
            method: 'POST',
            ip: ip(),
            headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ ...VALID_JSON, [field]: value }),
          });
          const status = await check(`POST ${path} ${field} [${payload.name}]`, res);
          if (status >= 400 && (await count()) !== before)
            problems.push(`POST ${path} ${field}: refused but saved`);
        }
      }
      for (const raw of malformedBodies({ title: 'x' })) {
        const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
        if (raw.contentType) headers['Content-Type'] = raw.contentType;
        await check(
          `POST ${path} body ${raw.name}`,
          await app.fetch(path, { method: 'POST', ip: ip(), headers, body: raw.body }),
        );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('JSON API multipart posts (submit with files)', () => {
  const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
  const uploads = () => {
    const dir = path.join(app.dir, 'uploads');
    return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
  };
  async function post(where: string, form: FormData) {
    const before = { pakn: await count(), files: uploads() };
    const res = await app.fetch('/api/v1/pakn', {
      method: 'POST',
      ip: ip(),
      headers: { Authorization: `Bearer ${key}` },
      body: form,
    });
    const status = await check(`POST /api/v1/pakn multipart ${where}`, res);
    if (status >= 400 && ((await count()) !== before.pakn || uploads() !== before.files))
      problems.push(`POST /api/v1/pakn multipart ${where}: refused but something was kept`);
  }

  it('every payload as the payload part, in a field, as a file name and as a file; malformed multipart', async () => {
    problems.length = 0;
    for (const payload of PAYLOADS) {
      const raw = new FormData();
      raw.append('payload', payload.value);
      await post(`payload=[${payload.name}]`, raw);

      const inField = new FormData();
      inField.append('payload', JSON.stringify({ ...VALID_JSON, title: payload.value }));
      inField.append('files', new Blob([new Uint8Array(PDF)]), 'giay-to.pdf');
      await post(`title [${payload.name}]`, inField);

      const named = new FormData();
      named.append('payload', JSON.stringify({ ...VALID_JSON, title: 'x' }));
      named.append('files', new Blob([new Uint8Array(PDF)]), `${payload.value}.pdf`);
      await post(`file name [${payload.name}]`, named);

      const content = new FormData();
      content.append('payload', JSON.stringify(VALID_JSON));
      content.append('files', new Blob([payload.value]), 'giay-to.pdf');
      await post(`file content [${payload.name}]`, content);
    }
    const twice = new FormData();
    twice.append('payload', JSON.stringify({ ...VALID_JSON, title: 'x' }));
    twice.append('payload', JSON.stringify(VALID_JSON));
    await post('two payload parts', twice);
    for (const raw of malformedBodies({ payload: JSON.stringify(VALID_JSON) })) {
      const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
      if (raw.contentType) headers['Content-Type'] = raw.contentType;
      await check(
        `POST /api/v1/pakn multipart body ${raw.name}`,
        await app.fetch('/api/v1/pakn', { method: 'POST', ip: ip(), headers, body: raw.body }),
      );
    }
    expect(problems).toEqual([]);
  });
});
