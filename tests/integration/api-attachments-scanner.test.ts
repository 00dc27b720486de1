// POST /api/v1/pakn with files while the virus scanner is configured but unreachable (CLAMD_SOCKET set, no clamd
// behind it): as on the citizen form, the file cannot be checked, so nothing is registered — 503 with the form's
// message ("try again later"), and no file left on disk. The scan of a real clamd is covered by clamav.test.ts.
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { createApiKey } from '~/models/api-keys.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ CLAMD_SOCKET: path.join('/tmp', `pakn-no-clamd-${process.pid}.sock`) });
});
afterAll(async () => {
  await app?.stop();
});

it('answers 503 with the form’s message and keeps nothing', async () => {
  const made = await createApiKey({ name: 'cong-dvc', scopes: 'submit' });
  if (!made.ok) throw new Error('no key');
  const form = new FormData();
  form.append(
    'payload',
    JSON.stringify({
      type: 'phan_anh',
      subject: 'regulation',
      category: '2',
      submitterKind: 'individual',
      fullName: 'Võ Thị Lan',
      address: '3 Lê Duẩn, Tuy Hòa',
      phone: '0905333444',
      email: 'lan.vo@example.vn',
      title: 'Thủ tục gia hạn giấy phép còn chậm',
      content: 'Thời gian gia hạn giấy phép bức xạ kéo dài hơn quy định, đề nghị rút ngắn.',
      field: 'unknown',
      consent: 'on',
    }),
  );
  form.append(
    'files',
    new Blob([new Uint8Array(fs.readFileSync('tests/fixtures/giay-to.pdf'))]),
    'giay-to.pdf',
  );
  const res = await app.fetch('/api/v1/pakn', {
    method: 'POST',
    headers: { Authorization: `Bearer ${made.key}` },
    body: form,
  });
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { fields: Array<{ field: string; message: string }> } };
  expect(body.error.fields).toHaveLength(1);
  expect(body.error.fields[0]!.field).toBe('files');
  expect(body.error.fields[0]!.message).toContain('giay-to.pdf');
  expect(await app.db().select().from(s.pakn)).toHaveLength(0);
  const dir = path.join(app.dir, 'uploads');
  expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
});
