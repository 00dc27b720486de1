// Paper and phone PAKN can be digitised (issue 13 item 4, plan II.1): the staff intake form and the record page
// take scanned files, checked like the citizen's (size, count, type by content), kept on error with every typed
// value (multipart, no JavaScript), and each addition is on the timeline with who and when.
import fs from 'node:fs';
import path from 'node:path';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toLocalDate } from '~/domain/calendar';
import { createPakn, type NewPakn } from '~/models/pakn.server';
import { first, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let coord: string;
let coordId: number;
const today = toLocalDate(new Date());
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  app = await startTestApp();
  const u = await createStaffUser(app.db(), { role: 'coordinator' });
  coordId = u.id;
  coord = await signIn(app, u.email, u.password);
});
afterAll(async () => app?.stop());

function multipart(pathname: string, fields: Record<string, string>, files: Array<[string, Buffer]>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [name, bytes] of files) body.append('files', new Blob([new Uint8Array(bytes)]), name);
  return app.fetch(pathname, {
    method: 'POST',
    headers: { Host: new URL(BASE).host, Origin: BASE, Cookie: coord },
    body,
  });
}
const staffFiles = async (paknId: number) =>
  await app
    .db()
    .select()
    .from(s.attachments)
    .where(and(eq(s.attachments.paknId, paknId), eq(s.attachments.source, 'staff')));
const uploadCount = () => {
  const dir = path.join(app.dir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

const INTAKE = {
  channel: 'post',
  receivedDate: today,
  type: 'phan_anh',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Phạm Văn Đức',
  phone: '0905 333 444',
  address: '8 Hùng Vương, Tuy Hòa',
  email: '',
  title: 'Thư tay về thủ tục công bố hợp chuẩn',
  content: 'Ông Đức gửi thư tay phản ánh thủ tục công bố hợp chuẩn còn kéo dài.',
  field: 'unknown',
};

describe('staff intake with the scanned letter', () => {
  it('stores the scan as a staff file of the new PAKN, with who and when on the timeline', async () => {
    const res = await multipart('/can-bo/tiep-nhan', INTAKE, [['thu-tay-scan.pdf', PDF]]);
    expect(res.status, (await res.clone().text()).slice(0, 600)).toBe(302);
    const id = Number(/\/can-bo\/pakn\/(\d+)/.exec(res.headers.get('Location') ?? '')?.[1]);
    const files = await staffFiles(id);
    expect(files.map((f) => [f.originalName, f.mime])).toEqual([['thu-tay-scan.pdf', 'application/pdf']]);
    const ev = await first(
      app
        .db()
        .select()
        .from(s.events)
        .where(and(eq(s.events.paknId, id), eq(s.events.type, 'staff_files_added'))),
    );
    expect(ev?.actorUserId).toBe(coordId);
    expect(JSON.parse(ev!.data!)).toMatchObject({ files: ['thu-tay-scan.pdf'] });
    const page = await (await app.fetch(`/can-bo/pakn/${id}`, { headers: { Cookie: coord } })).text();
    expect(page).toContain('thu-tay-scan.pdf');
    expect(page).toContain('Cán bộ thêm tệp');
  });

  it('a bad file or a missing field keeps every typed value and stores nothing', async () => {
    const before = uploadCount();
    const res = await multipart('/can-bo/tiep-nhan', { ...INTAKE, title: '' }, [
      ['scan.pdf', Buffer.from('MZ\x90\x00 this is not a pdf at all')],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(INTAKE.content);
    expect(html).toContain(INTAKE.fullName);
    expect(html).toContain('không đúng định dạng cho phép');
    expect(uploadCount()).toBe(before);
    // a good file with a missing field: not kept either, and the page says to choose it again
    const res2 = await multipart('/can-bo/tiep-nhan', { ...INTAKE, title: '' }, [['scan.pdf', PDF]]);
    expect(res2.status).toBe(400);
    expect(await res2.text()).toContain('chọn lại tệp');
    expect(uploadCount()).toBe(before);
    // the form is multipart, so it works without JavaScript
    const form = await (await app.fetch('/can-bo/tiep-nhan', { headers: { Cookie: coord } })).text();
    expect(form).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(form).toContain('type="file"');
  });
});

describe('adding scans on the record page', () => {
  const NEW: NewPakn = {
    type: 'phan_anh',
    subject: 'regulation',
    category: 2,
    submitterKind: 'individual',
    orgName: null,
    representative: null,
    fullName: 'Võ Thị Mai',
    address: '1 Lê Duẩn',
    phone: '0905999888',
    email: null,
    title: 'Gọi điện phản ánh',
    content: 'Phản ánh qua điện thoại về thủ tục cấp phép.',
    regulationRef: null,
    fieldId: null,
    channel: 'phone',
    lang: 'vi',
    receivedAt: new Date(),
    consent: true,
    showIdentity: false,
  };

  it('adds a checked file as a staff file; refuses a bad one with a translated error', async () => {
    const { pakn } = await transaction(app.db(), async (tx) => createPakn(tx, NEW));
    const page = await (await app.fetch(`/can-bo/pakn/${pakn.id}`, { headers: { Cookie: coord } })).text();
    expect(page).toContain('Thêm tệp (bản quét)');
    expect(page).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);

    const ok = await multipart(`/can-bo/pakn/${pakn.id}`, { intent: 'add_files' }, [['bien-ban.png', PNG]]);
    expect(ok.status, (await ok.clone().text()).slice(0, 600)).toBe(302);
    expect((await staffFiles(pakn.id)).map((f) => f.originalName)).toEqual(['bien-ban.png']);

    const before = uploadCount();
    const bad = await multipart(`/can-bo/pakn/${pakn.id}`, { intent: 'add_files' }, [['bien-ban.png', PDF]]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('bien-ban.png');
    expect(await staffFiles(pakn.id)).toHaveLength(1);
    expect(uploadCount()).toBe(before);

    const none = await multipart(`/can-bo/pakn/${pakn.id}`, { intent: 'add_files' }, []);
    expect(none.status).toBe(400);
  });
});
