// POST /api/v1/pakn with files (issue 14: "submit (with attachments)"): multipart/form-data with the JSON in a
// `payload` part and `files` parts, through the citizen form's file checks (content, size, count) and messages;
// every answer validated against the OpenAPI document with Ajv; nothing registered and no file left on disk when
// anything is refused; a replay keeps no second copy.
import fs from 'node:fs';
import path from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setSetting } from '~/models/admin/settings.server';
import { createApiKey } from '~/models/api-keys.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');
const FORM = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Phạm Quốc Bảo',
  address: '8 Hùng Vương, Tuy Hòa',
  phone: '0905111222',
  email: 'bao.pham@example.vn',
  title: 'Đề nghị chấp nhận hồ sơ điện tử',
  content: 'Đề nghị cho phép nộp hồ sơ cấp phép bức xạ hoàn toàn bằng bản điện tử có chữ ký số.',
  field: 'unknown',
  consent: 'on',
};

let app: TestApp;
let key = '';
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: unknown }> };
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  app = await startTestApp();
  const made = await createApiKey({ name: 'ung-dung-di-dong', scopes: 'submit' });
  if (!made.ok) throw new Error('no key');
  key = made.key;
  doc = (await (await app.fetch('/api/v1/openapi.json')).json()) as Doc;
  ajv.addSchema({ $id: 'openapi.json', components: doc.components }, 'openapi.json');
});
afterAll(async () => {
  await app?.stop();
});

const uploads = () => {
  const dir = path.join(app.dir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const paknCount = async () => (await app.db().select({ id: s.pakn.id }).from(s.pakn)).length;

type Part = { name: string; data: Buffer | string; type?: string };

async function send(
  payload: unknown,
  files: Part[],
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const form = new FormData();
  if (payload !== undefined)
    form.append('payload', typeof payload === 'string' ? payload : JSON.stringify(payload));
  for (const f of files)
    form.append(
      'files',
      new Blob([typeof f.data === 'string' ? f.data : new Uint8Array(f.data)], { type: f.type ?? '' }),
      f.name,
    );
  const res = await app.fetch('/api/v1/pakn', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, ...headers },
    body: form,
  });
  const json = (await res.json()) as Record<string, unknown>;
  const response = doc.paths['/pakn']!.post!.responses[String(res.status)];
  expect(response, `POST /pakn ${res.status} documented`).toBeTruthy();
  const schema = JSON.parse(
    JSON.stringify(response!.content!['application/json']!.schema).replace(
      /"#\/components/g,
      '"openapi.json#/components',
    ),
  ) as object;
  const validate = ajv.compile(schema);
  expect(validate(json), ajv.errorsText(validate.errors)).toBe(true);
  return { status: res.status, json };
}

const fieldsOf = (json: Record<string, unknown>) =>
  (json.error as { fields: Array<{ field: string; message: string }> }).fields;

describe('the document', () => {
  it('describes the multipart body beside the JSON one', () => {
    const body = doc.paths['/pakn']!.post!.requestBody!.content;
    expect(Object.keys(body).sort()).toEqual(['application/json', 'multipart/form-data']);
    const ref = JSON.stringify(body['multipart/form-data']!.schema);
    expect(ref).toContain('SubmissionWithFiles');
    const schema = doc.components.schemas.SubmissionWithFiles as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties).sort()).toEqual(['files', 'payload']);
    expect(schema.required).toEqual(['payload']);
  });
});

describe('multipart submissions', () => {
  it('registers the PAKN with its files, as the citizen form does', async () => {
    const before = uploads();
    const res = await send(
      FORM,
      [
        { name: 'giay-to.pdf', data: PDF, type: 'application/pdf' },
        { name: 'anh chup.png', data: PNG, type: 'image/png' },
      ],
      { 'Idempotency-Key': 'with-files-1' },
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ replayed: false, attachments: 2 });
    const p = (await first(
      app
        .db()
        .select()
        .from(s.pakn)
        .where(eq(s.pakn.code, String(res.json.code))),
    ))!;
    const files = await app.db().select().from(s.attachments).where(eq(s.attachments.paknId, p.id));
    expect(files.map((f) => [f.originalName, f.mime, f.source, f.draftToken])).toEqual([
      ['giay-to.pdf', 'application/pdf', 'submitter', null],
      ['anh chup.png', 'image/png', 'submitter', null],
    ]);
    expect(files.every((f) => fs.existsSync(path.join(app.dir, 'uploads', f.storedName)))).toBe(true);
    expect(uploads()).toBe(before + 2);

    // a replay answers the same code and keeps no second copy of the files
    const replay = await send(
      FORM,
      [
        { name: 'giay-to.pdf', data: PDF, type: 'application/pdf' },
        { name: 'anh chup.png', data: PNG, type: 'image/png' },
      ],
      { 'Idempotency-Key': 'with-files-1' },
    );
    expect(replay).toMatchObject({
      status: 200,
      json: { code: res.json.code, replayed: true, attachments: 2 },
    });
    expect(uploads()).toBe(before + 2);
    // other files under the same key are another request: refused, and not kept either
    const other = await send(FORM, [{ name: 'giay-to.pdf', data: PDF, type: 'application/pdf' }], {
      'Idempotency-Key': 'with-files-1',
    });
    expect(other.status).toBe(422);
    expect(uploads()).toBe(before + 2);
  });

  it('a JSON call still works, with no attachment', async () => {
    const res = await app.fetch('/api/v1/pakn', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(FORM),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ attachments: 0 });
  });

  it('refuses a disguised file, too many files and an oversized one with the form’s messages, keeping nothing', async () => {
    const before = { files: uploads(), pakn: await paknCount() };
    const disguised = await send(FORM, [
      { name: 'giay-to.pdf', data: PDF },
      { name: 'hoa-don.pdf', data: '<?php echo "not a pdf"; ?>' },
      { name: 'script.exe', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'binary') },
    ]);
    expect(disguised.status).toBe(400);
    const messages = fieldsOf(disguised.json)
      .filter((f) => f.field === 'files')
      .map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toContain('hoa-don.pdf');
    expect(messages.join('\n')).toContain('script.exe');

    const six = Array.from({ length: 6 }, (_, i) => ({ name: `trang-${i + 1}.png`, data: PNG }));
    const many = await send(FORM, six);
    expect(many.status).toBe(400);
    expect(fieldsOf(many.json)).toContainEqual({
      field: 'files',
      message: 'Chỉ được đính kèm tối đa 5 tệp; tệp “trang-6.png” chưa được nhận',
    });

    await setSetting('intake.maxFileMb', 1);
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const oversized = await send(FORM, [{ name: 'ban-ve.pdf', data: big }]);
    await setSetting('intake.maxFileMb', 10);
    expect(oversized.status).toBe(400);
    expect(fieldsOf(oversized.json)).toContainEqual({
      field: 'files',
      message: 'Tệp “ban-ve.pdf” lớn hơn 1 MB',
    });

    // a bad field and a good file: the field's message, and the file is not kept either
    const badField = await send({ ...FORM, title: 'ngắn' }, [{ name: 'giay-to.pdf', data: PDF }]);
    expect(badField.status).toBe(400);
    expect(fieldsOf(badField.json)).toContainEqual({
      field: 'title',
      message: 'Tiêu đề cần ít nhất 10 ký tự',
    });

    expect(uploads()).toBe(before.files);
    expect(await paknCount()).toBe(before.pakn);
    expect(
      (
        await app
          .db()
          .select()
          .from(s.attachments)
          .where(and(eq(s.attachments.source, 'submitter')))
      ).every((a) => a.paknId !== null),
    ).toBe(true);
  });

  it('refuses a missing or unreadable payload', async () => {
    const before = uploads();
    expect((await send(undefined, [{ name: 'giay-to.pdf', data: PDF }])).status).toBe(400);
    expect((await send('{not json', [{ name: 'giay-to.pdf', data: PDF }])).status).toBe(400);
    expect((await send('[1,2]', [])).status).toBe(400);
    expect(uploads()).toBe(before);
    // a key without the submit scope is refused before any file is read
    const read = await createApiKey({ name: 'chi-doc', scopes: 'read' });
    if (!read.ok) throw new Error('no key');
    const form = new FormData();
    form.append('payload', JSON.stringify(FORM));
    form.append('files', new Blob([new Uint8Array(PDF)]), 'giay-to.pdf');
    const res = await app.fetch('/api/v1/pakn', {
      method: 'POST',
      headers: { Authorization: `Bearer ${read.key}` },
      body: form,
    });
    expect(res.status).toBe(403);
    expect(uploads()).toBe(before);
  });
});
