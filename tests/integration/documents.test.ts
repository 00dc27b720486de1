// The accountability documents (plan VI.3/VI.4) end to end through the production build: each type issued for a
// PAKN in the step's transaction, numbered per series and year, the PDF's Vietnamese text extracted back, the HTML
// escaped, the public version without the submitter's data, and who may open which of the six routes.
import { getDocument as pdfjsDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first, one, transaction } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { sqlGet } from '../support/sql';
import { cookiesFrom, createStaffUser, signIn } from '../support/staff';

type Db = import('../../app/utils/db.server').Db;
type Docs = typeof import('../../app/models/documents.server');
type Issuing = typeof import('../../app/models/document-issue.server');
type PaknRow = typeof import('../../db/schema').pakn.$inferSelect;

let app: TestApp;
let db: Db;
let docs: Docs;
let issuing: Issuing;
let renderOfficialPdf: typeof import('../../app/exports/pdf/official-pdf.server').renderOfficialPdf;
let schema: typeof import('../../db/schema');
let createPakn: typeof import('../../app/models/pakn.server').createPakn;
let eq: typeof import('drizzle-orm').eq;
let settingsModule: typeof import('../../app/models/admin/settings.server');

beforeAll(async () => {
  app = await startTestApp();
  db = app.db();
  // the app's modules read the environment set by startTestApp: import them after it
  docs = await import('../../app/models/documents.server');
  issuing = await import('../../app/models/document-issue.server');
  ({ renderOfficialPdf } = await import('../../app/exports/pdf/official-pdf.server'));
  schema = await import('../../db/schema');
  ({ createPakn } = await import('../../app/models/pakn.server'));
  ({ eq } = await import('drizzle-orm'));
  settingsModule = await import('../../app/models/admin/settings.server');
});
afterAll(async () => {
  await app?.stop();
});

/** Text of each page as laid out (line ends → space), whitespace collapsed, NFC — as tests/unit/pdf.test.ts. */
async function pdfText(pdf: ArrayBuffer | Buffer): Promise<string> {
  const task = pdfjsDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    for (const item of (await page.getTextContent()).items) {
      if ('str' in item) out += item.str + (item.hasEOL ? ' ' : '');
    }
    out += ' ';
  }
  await task.destroy();
  return out.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const collapse = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

const SUBMITTER = {
  fullName: 'Nguyễn Thị Hồng Đào',
  address: 'Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa',
  phone: '0905123456',
  email: 'hongdao.nguyen@example.vn',
};

async function newPakn(
  over: Partial<{ title: string; fullName: string; address: string; unitCode: string }> = {},
): Promise<{ p: PaknRow; token: string }> {
  const { pakn, accessToken } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: over.fullName ?? SUBMITTER.fullName,
      address: over.address ?? SUBMITTER.address,
      phone: SUBMITTER.phone,
      email: SUBMITTER.email,
      title: over.title ?? 'Thủ tục cấp giấy chứng nhận đăng ký hoạt động còn rườm rà',
      content: 'Đề nghị đơn giản hóa hồ sơ.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date('2026-02-10T09:00:00+07:00'),
      consent: true,
      showIdentity: false,
    }),
  );
  const unit = (await first(
    db
      .select()
      .from(schema.units)
      .where(eq(schema.units.code, over.unitCode ?? 'QLKHCN')),
  ))!;
  await db.update(schema.pakn).set({ unitId: unit.id }).where(eq(schema.pakn.id, pakn.id));
  return { p: { ...pakn, unitId: unit.id }, token: accessToken };
}

async function setPakn(id: number, set: Partial<typeof schema.pakn.$inferInsert>) {
  await db.update(schema.pakn).set(set).where(eq(schema.pakn.id, id));
}

const at = (date: string) => new Date(`${date}T10:00:00+07:00`);

type Step = import('../../app/models/notifications.server').Step;
async function issue(paknId: number, step: Step, note: string | null, now: Date) {
  return await transaction(db, async (tx) =>
    issuing.issueDocumentForStep(tx, { paknId, step, actorUserId: null, note, now }),
  );
}

/** The PDF of a stored document, full or its redacted (public) version. */
async function renderDocumentPdf({ id, public: redacted = false }: { id: number; public?: boolean }) {
  const d = await docs.getDocument({ id });
  return d ? await renderOfficialPdf(await docs.documentVersion(d, redacted)) : Promise.resolve(null);
}

function get(path: string, cookie?: string) {
  return app.fetch(path, { headers: cookie ? { Cookie: cookie } : {} });
}

// ---------------------------------------------------------------------------------------------------------------

describe('issuing at each step', () => {
  let pakn: PaknRow;
  let agencyId: number;
  const issued: Record<string, { id: number; number: string }> = {};

  beforeAll(async () => {
    pakn = (await newPakn()).p;
    agencyId = (
      await one(
        db
          .insert(schema.externalAgencies)
          .values({
            name: 'Sở Xây dựng tỉnh Phú Yên',
            address: '45 Trần Hưng Đạo, Tuy Hòa',
            email: 'sxd@phuyen.gov.vn',
          })
          .returning(),
      )
    ).id;
  });

  it('maps the five steps to the five types and none to the others', async () => {
    expect(issuing.STEP_DOCUMENT).toEqual({
      refused: 'refusal',
      info_requested: 'info_request',
      extended: 'late_apology',
      transferred: 'transfer',
      answered: 'reply_cover',
    });
    for (const step of ['forwarded', 'duplicate', 'assigned', 'reassigned', 'closed_no_info'] as const) {
      expect(await issue(pakn.id, step, 'x', at('2026-03-02'))).toBeNull();
    }
    expect(await docs.listDocumentsForPakn({ paknId: pakn.id })).toEqual([]);
  });

  it('info_requested → a numbered request with the question and the closing date', async () => {
    const r = (await issue(
      pakn.id,
      'info_requested',
      'Đề nghị cho biết số, ký hiệu của văn bản quy định thủ tục',
      at('2026-03-02'),
    ))!;
    expect(r.type).toBe('info_request');
    expect(r.number).toBe('01/TB-SKHCN');
    expect(r.url).toBe(`http://localhost:3999/theo-doi/van-ban/${r.id}`);
    issued.info_request = r;
    const d = (await docs.getDocument({ id: r.id }))!;
    expect(d).toMatchObject({
      type: 'info_request',
      year: 2026,
      seq: 1,
      issuedDate: '2026-03-02',
      isPublic: false,
      publicContent: null,
      paknId: pakn.id,
    });
    expect(d.addressee).toBe(`Ông/Bà ${SUBMITTER.fullName} (địa chỉ: ${SUBMITTER.address})`);
    expect(d.doc.paragraphs.join('\n')).toContain(
      'Đề nghị cho biết số, ký hiệu của văn bản quy định thủ tục.',
    );
    // 15 calendar days by default
    expect(d.doc.paragraphs.join('\n')).toContain('(đến hết ngày 17/03/2026)');
  });

  it('extended → the apology with the old and the new date', async () => {
    await db.insert(schema.events).values({
      paknId: pakn.id,
      type: 'extend',
      data: JSON.stringify({ from: '2026-03-02', to: '2026-03-16' }),
    });
    await setPakn(pakn.id, { extendedTo: '2026-03-16' });
    const r = (await issue(
      pakn.id,
      'extended',
      'Cần lấy ý kiến của Bộ Khoa học và Công nghệ',
      at('2026-03-02'),
    ))!;
    expect(r.number).toBe('02/TB-SKHCN');
    issued.late_apology = r;
    const d = (await docs.getDocument({ id: r.id }))!;
    expect(d.isPublic).toBe(true);
    const text = d.doc.paragraphs.join('\n');
    expect(text).toContain('là ngày 02/03/2026');
    expect(text).toContain('Cần lấy ý kiến của Bộ Khoa học và Công nghệ.');
    expect(text).toContain('chậm nhất vào ngày 16/03/2026');
  });

  it('refused → the notice with the reason, its guidance and the note; public', async () => {
    await setPakn(pakn.id, { refusalReason: 'R05', status: 'refused' });
    const r = (await issue(
      pakn.id,
      'refused',
      `Ông/bà ${SUBMITTER.fullName} (ĐT 0905 123 456) hỏi cách tính thuế.`,
      at('2026-03-03'),
    ))!;
    expect(r.number).toBe('03/TB-SKHCN');
    issued.refusal = r;
    const d = (await docs.getDocument({ id: r.id }))!;
    expect(d.isPublic).toBe(true);
    expect(d.doc.paragraphs.join('\n')).toContain('Trung tâm Trợ giúp pháp lý nhà nước');
    expect(d.publicDoc!.addressee).toBe('[đã ẩn thông tin cá nhân]');
  });

  it('transferred → the letter to the competent agency; public', async () => {
    await setPakn(pakn.id, { transferAgencyId: agencyId, status: 'transferred' });
    const r = (await issue(
      pakn.id,
      'transferred',
      'Nội dung thuộc lĩnh vực quản lý của Sở Xây dựng.',
      at('2026-03-03'),
    ))!;
    expect(r.number).toBe('01/SKHCN-QLKHCN');
    issued.transfer = r;
    const d = (await docs.getDocument({ id: r.id }))!;
    expect(d.addressee).toBe('Sở Xây dựng tỉnh Phú Yên');
    expect(d.publicDoc!.addressee).toBe('Sở Xây dựng tỉnh Phú Yên');
    expect(d.doc.recipients).toContain(`Ông/Bà ${SUBMITTER.fullName} (để biết);`);
  });

  it('answered → the reply letter with the approved answer and its outcome; not public', async () => {
    await db.insert(schema.answers).values({
      paknId: pakn.id,
      body: 'Quy định đã được sửa đổi.\nThời hạn giải quyết còn 10 ngày.',
      outcome: 'amend',
    });
    const r = (await issue(pakn.id, 'answered', null, at('2026-03-04')))!;
    expect(r.number).toBe('02/SKHCN-QLKHCN');
    issued.reply_cover = r;
    const d = (await docs.getDocument({ id: r.id }))!;
    expect(d.isPublic).toBe(false);
    expect(d.doc.subtitle).toBe('trả lời phản ánh, kiến nghị');
    expect(d.doc.paragraphs).toContain('Quy định đã được sửa đổi.\nThời hạn giải quyết còn 10 ngày.');
    expect(d.doc.markdown).toEqual([
      d.doc.paragraphs.indexOf('Quy định đã được sửa đổi.\nThời hạn giải quyết còn 10 ngày.'),
    ]);
    expect(d.doc.paragraphs.join('\n')).toContain(
      'Kết quả xử lý: sửa đổi, bổ sung, bãi bỏ quy định hành chính theo thẩm quyền.',
    );
  });

  it('keeps them on the record in order, and numbers sequentially per series and year, restarting each year', async () => {
    expect((await docs.listDocumentsForPakn({ paknId: pakn.id })).map((d) => [d.type, d.number])).toEqual([
      ['info_request', '01/TB-SKHCN'],
      ['late_apology', '02/TB-SKHCN'],
      ['refusal', '03/TB-SKHCN'],
      ['transfer', '01/SKHCN-QLKHCN'],
      ['reply_cover', '02/SKHCN-QLKHCN'],
    ]);
    const other = (await newPakn()).p;
    await setPakn(other.id, { refusalReason: 'R03' });
    expect((await issue(other.id, 'refused', null, at('2026-12-31')))!.number).toBe('04/TB-SKHCN');
    // 31/12 17:30 UTC is already 01/01 in Việt Nam: the year of the document is the local one
    expect((await issue(other.id, 'refused', null, new Date('2026-12-31T17:30:00Z')))!.number).toBe(
      '01/TB-SKHCN',
    );
    expect((await issue(other.id, 'info_requested', 'Câu hỏi', at('2027-01-05')))!.number).toBe(
      '02/TB-SKHCN',
    );
    await db.insert(schema.answers).values({ paknId: other.id, body: 'Trả lời.', outcome: 'stands' });
    expect((await issue(other.id, 'answered', null, at('2027-01-06')))!.number).toBe('01/SKHCN-QLKHCN');
    // and a late document of the old year continues the old year's numbers
    expect((await issue(other.id, 'refused', null, at('2026-12-31')))!.number).toBe('05/TB-SKHCN');
    const numbers = await db
      .select({ n: schema.documents.number, y: schema.documents.year })
      .from(schema.documents);
    expect(new Set(numbers.map((r) => `${r.y}|${r.n}`)).size).toBe(numbers.length);
  });

  it('takes the abbreviations from the settings; a công văn of an unassigned PAKN is drafted by the default unit', async () => {
    const { setSetting } = settingsModule;
    const other = (await newPakn()).p;
    await setPakn(other.id, { unitId: null, transferAgencyId: agencyId });
    try {
      await setSetting('documents.agencyAbbreviation', 'SKHCNPY');
      await setSetting('documents.draftingUnit', 'VP');
      expect((await issue(other.id, 'transferred', 'x', at('2028-01-03')))!.number).toBe('01/SKHCNPY-VP');
      expect((await issue(other.id, 'refused', 'x', at('2028-01-03')))!.number).toBe('01/TB-SKHCNPY');
    } finally {
      await setSetting('documents.agencyAbbreviation', 'SKHCN');
      await setSetting('documents.draftingUnit', 'TTHC');
    }
    expect((await issue(other.id, 'transferred', 'x', at('2028-01-04')))!.number).toBe('02/SKHCN-TTHC');
  });

  it('is part of the caller’s transaction: a rollback leaves no document and no gap', async () => {
    const before = (await docs.listDocumentsForPakn({ paknId: pakn.id })).length;
    await expect(
      (async () =>
        await transaction(db, async (tx) => {
          await issuing.issueDocumentForStep(tx, {
            paknId: pakn.id,
            step: 'refused',
            actorUserId: null,
            note: 'x',
            now: at('2026-03-05'),
          });
          throw new Error('the step failed');
        }))(),
    ).rejects.toThrow('the step failed');
    expect((await docs.listDocumentsForPakn({ paknId: pakn.id })).length).toBe(before);
    expect((await issue(pakn.id, 'refused', 'y', at('2026-03-05')))!.number).toBe('06/TB-SKHCN');
  });

  it('renders each as a PDF whose Vietnamese text extracts back exactly', async () => {
    for (const [type, r] of Object.entries(issued)) {
      const d = (await docs.getDocument({ id: r.id }))!;
      const pdf = await renderDocumentPdf({ id: r.id });
      expect(pdf!.subarray(0, 5).toString('latin1'), type).toBe('%PDF-');
      const text = await pdfText(pdf!);
      expect(text).toContain(`Số: ${r.number}`);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Phú Yên, ngày 0');
      if (d.doc.addressee) expect(text).toContain(collapse(`Kính gửi: ${d.doc.addressee}`));
      // every glyph in order (a line may break after '/' in a URL, which the extractor turns into a space)
      for (const p of d.doc.paragraphs) expect(squash(text), `${type}: ${p}`).toContain(squash(p));
      expect(text).toContain('Dương Bình Phú');
    }
    // the exact sentences of the templates, with every kind of Vietnamese letter
    const refusal = await pdfText((await renderDocumentPdf({ id: issued.refusal!.id }))!);
    expect(refusal).toContain('THÔNG BÁO Về việc từ chối tiếp nhận phản ánh, kiến nghị');
    expect(refusal).toContain(
      'với lý do: nội dung là đề nghị tư vấn, giải thích pháp luật, không phải phản ánh, kiến nghị về quy định hành chính',
    );
    expect(refusal).toContain('Sở Khoa học và Công nghệ tỉnh Phú Yên thông báo để Ông/Bà được biết./.');
    const apology = await pdfText((await renderDocumentPdf({ id: issued.late_apology!.id }))!);
    expect(apology).toContain(
      'thành thật xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả lời phản ánh, kiến nghị chậm nhất vào ngày 16/03/2026.',
    );
  });

  it('the public PDF and HTML carry none of the submitter’s data', async () => {
    for (const type of ['refusal', 'late_apology', 'transfer'] as const) {
      const id = issued[type]!.id;
      const text = fold(await pdfText((await renderDocumentPdf({ id, public: true }))!));
      const html = fold((await (await get(`/van-ban/${id}`)).text()).replace(/<[^>]+>/g, ' '));
      for (const secret of [
        SUBMITTER.fullName,
        'Hồng Đào',
        SUBMITTER.address,
        'Số 12 ngõ 34',
        SUBMITTER.phone,
        '0905 123 456',
        SUBMITTER.email,
      ]) {
        expect(text, `${type} PDF: ${secret}`).not.toContain(fold(secret));
        expect(html, `${type} HTML: ${secret}`).not.toContain(fold(secret));
      }
      expect(text).toContain(fold('[đã ẩn thông tin cá nhân]'));
      // the agency's own contact is not personal data
      expect(text).toContain('pakn@skhcn.phuyen.gov.vn');
    }
  });
});

describe('the routes', () => {
  let mine: PaknRow;
  let mineToken: string;
  let refusalId: number;
  let infoId: number;
  let evilId: number;
  let handler: string;
  let otherUnit: string;
  let viewer: string;
  let coordinator: string;

  beforeAll(async () => {
    const created = await newPakn({ unitCode: 'QLKHCN' });
    mine = created.p;
    mineToken = created.token;
    await setPakn(mine.id, { refusalReason: 'R06' });
    refusalId = (await issue(
      mine.id,
      'refused',
      'Nội dung liên quan đến tranh chấp đất đai.',
      at('2026-03-06'),
    ))!.id;
    infoId = (await issue(mine.id, 'info_requested', 'Đề nghị bổ sung hồ sơ.', at('2026-03-06')))!.id;
    const evil = (
      await newPakn({
        title: '<script>alert("tiêu đề")</script>',
        fullName: 'Lê <img src=x onerror=alert(1)> Văn',
        address: '"><b>Phường 9</b>',
      })
    ).p;
    await setPakn(evil.id, { refusalReason: 'R03' });
    evilId = (await issue(evil.id, 'refused', '</p><script>alert(2)</script>', at('2026-03-06')))!.id;

    const users = {
      handler: await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' }),
      other: await createStaffUser(db, { role: 'handler', unitCode: 'TDC' }),
      viewer: await createStaffUser(db, { role: 'viewer' }),
      coordinator: await createStaffUser(db, { role: 'coordinator' }),
    };
    handler = await signIn(app, users.handler.email, users.handler.password, { ip: '10.9.0.1' });
    otherUnit = await signIn(app, users.other.email, users.other.password, { ip: '10.9.0.2' });
    viewer = await signIn(app, users.viewer.email, users.viewer.password, { ip: '10.9.0.3' });
    coordinator = await signIn(app, users.coordinator.email, users.coordinator.password, { ip: '10.9.0.4' });
  });

  it('staff who may read the PAKN get the printable page and the PDF', async () => {
    const res = await get(`/can-bo/van-ban/${refusalId}`, handler);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain(SUBMITTER.fullName);
    expect(html).toContain('Số: <bdi>');
    // no inline style (the CSP forbids it): the print CSS comes from its own URL
    expect(html).not.toContain('<style');
    expect(html).toContain('<link rel="stylesheet" href="/van-ban/in.css">');
    expect(html).toContain(`href="/can-bo/pakn/${mine.id}"`);
    expect(html).toContain(`href="/can-bo/van-ban/${refusalId}.pdf"`);

    const pdf = await get(`/can-bo/van-ban/${refusalId}.pdf`, coordinator);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="\d+-TB-SKHCN\.pdf"$/);
    const text = await pdfText(await pdf.arrayBuffer());
    expect(text).toContain(`Kính gửi: Ông/Bà ${SUBMITTER.fullName}`);
    expect(text).toContain('Cụ thể: Nội dung liên quan đến tranh chấp đất đai.');

    const audit = (await sqlGet(
      db,
      `SELECT count(*) AS n FROM audit_log WHERE action = 'document.view' AND target_id = ?`,
      String(refusalId),
    )) as { n: number };
    expect(audit.n).toBe(2);
  });

  it('staff who may not read contacts get the redacted version', async () => {
    const res = await get(`/can-bo/van-ban/${infoId}`, viewer);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain(SUBMITTER.fullName);
    expect(html).toContain('[đã ẩn thông tin cá nhân]');
    expect(html).toContain('class="doc-notice"');
    const text = fold(
      await pdfText(await (await get(`/can-bo/van-ban/${infoId}.pdf`, viewer)).arrayBuffer()),
    );
    expect(text).not.toContain(fold(SUBMITTER.fullName));
    expect(text).not.toContain(SUBMITTER.email);
  });

  it('staff of another unit get a 404, the anonymous go to sign-in', async () => {
    for (const path of [`/can-bo/van-ban/${refusalId}`, `/can-bo/van-ban/${refusalId}.pdf`]) {
      const res = await get(path, otherUnit);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain(SUBMITTER.fullName);
      const anon = await get(path);
      expect(anon.status, path).toBe(302);
      expect(anon.headers.get('location')).toMatch(/^\/can-bo\/dang-nhap\?redirectTo=/);
    }
    for (const path of ['/can-bo/van-ban/999999', '/can-bo/van-ban/abc', '/can-bo/van-ban/0.pdf']) {
      expect((await get(path, coordinator)).status, path).toBe(404);
    }
  });

  it('escapes everything the submitter and staff typed', async () => {
    const html = await (await get(`/can-bo/van-ban/${evilId}`, handler)).text();
    expect(html).not.toMatch(/<script|<img|<b>|<[^>]*onerror/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;tiêu đề&quot;)&lt;/script&gt;');
    expect(html).toContain('Lê &lt;img src=x onerror=alert(1)&gt; Văn');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const pub = await (await get(`/van-ban/${evilId}`)).text();
    expect(pub).not.toMatch(/<script|<img|<b>|<[^>]*onerror/i);
  });

  it('the public gets public documents only, redacted, and a 404 for the rest', async () => {
    const res = await get(`/van-ban/${refusalId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    const html = await res.text();
    expect(html).not.toContain(SUBMITTER.fullName);
    expect(html).not.toContain(SUBMITTER.phone);
    expect(html).toContain('[đã ẩn thông tin cá nhân]');
    expect(html).toContain('href="/so-cong-khai"');
    expect(html).not.toContain('/can-bo/');
    const pdf = await get(`/van-ban/${refusalId}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/-cong-khai\.pdf"$/);
    expect(fold(await pdfText(await pdf.arrayBuffer()))).not.toContain(fold(SUBMITTER.fullName));

    for (const path of [
      `/van-ban/${infoId}`,
      `/van-ban/${infoId}.pdf`,
      '/van-ban/999999',
      '/van-ban/x1',
      '/van-ban/999999.pdf',
    ]) {
      const r = await get(path, coordinator);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    // the 404 page is translated
    const en = await get(`/van-ban/${infoId}`, 'lng=en');
    expect(await en.text()).toContain('Document not found');
  });

  it('the print stylesheet is served from its own URL', async () => {
    const res = await get('/van-ban/in.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('@page { size: A4;');
    expect(css).toContain('@media print { .doc-toolbar');
  });

  it('the submitter opens their own full document with the follow cookie, nobody else', async () => {
    const anon = await get(`/theo-doi/van-ban/${infoId}`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/theo-doi');

    const link = await get(`/theo-doi/truy-cap/${mineToken}`);
    expect(link.status).toBe(302);
    const follow = `pakn_follow=${cookiesFrom(link).pakn_follow}`;
    const res = await get(`/theo-doi/van-ban/${infoId}`, follow);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain(SUBMITTER.fullName);
    expect(html).toContain(`href="/theo-doi/${mine.code}"`);
    const pdf = await get(`/theo-doi/van-ban/${infoId}.pdf`, follow);
    expect(pdf.status).toBe(200);
    expect(await pdfText(await pdf.arrayBuffer())).toContain(`Kính gửi: Ông/Bà ${SUBMITTER.fullName}`);

    // the same browser may not open another submitter's document
    for (const path of [
      `/theo-doi/van-ban/${evilId}`,
      `/theo-doi/van-ban/${evilId}.pdf`,
      '/theo-doi/van-ban/999999',
    ]) {
      const other = await get(path, follow);
      expect(other.status, path).toBe(302);
      expect(other.headers.get('location')).toBe('/theo-doi');
    }
    // the follow cookie is no staff session
    expect((await get(`/can-bo/van-ban/${infoId}`, follow)).status).toBe(302);
  });
});
