// Issue #3, end to end, with and without JavaScript: four citizens send PAKN; the coordinator classifies
// one, refuses one (R04), transfers one to another agency and assigns one to QLKHCN; that unit's handler
// takes it and asks for more information; the citizen answers from the private link with a file; the
// handler drafts, the approver returns it with a comment, the handler edits and resubmits, the approver
// approves; the answer e-mail arrives; the record's timeline and the audit log tell the whole story.
import path from 'node:path';

import { expectNoSeriousViolations } from './axe';
import {
  latestMail,
  mailFor,
  noJs,
  PDF,
  privateLinkIn,
  type ReceivedMail,
  sendPakn,
  summaryValue,
  todayVi,
} from './fixtures';
import {
  act,
  DATE_TIME,
  expect,
  openFromQueue,
  recordRow,
  staffAccount,
  submitPaknHttp,
  test,
  UNIT_EMAIL,
  UNIT_NAME,
} from './staff-fixtures';

const AGENCY = 'Bộ Khoa học và Công nghệ';
const QUESTION = 'Xin Ông/Bà cho biết số giấy phép đang có và gửi kèm bản chụp giấy phép đó.';
const REPLY = 'Giấy phép số 15/GP-SKHCN cấp ngày 02/3/2024; tôi gửi kèm bản chụp.';
const DRAFT_1 = 'Sở đã tiếp thu kiến nghị và sẽ sửa đổi quy định.';
const RETURN_COMMENT = 'Cần nêu rõ văn bản sẽ sửa đổi và thời hạn dự kiến.';
const DRAFT_2 =
  'Sở Khoa học và Công nghệ tiếp thu kiến nghị của Ông/Bà.\n' +
  'Sở sẽ trình sửa đổi Quyết định 12/2023/QĐ-UBND trong quý III để cho phép nộp bản chụp giấy tờ.';

// the journey signs each staff member in through the form (the other specs reuse a stored session)
test.use({ staffSignIn: 'form' });

function link(mail: ReceivedMail, pattern: RegExp): string {
  const found = pattern.exec(mail.text)?.[0];
  if (!found) throw new Error(`no ${pattern} in the e-mail "${mail.subject}"`);
  return found;
}

test('hành trình xử lý: phân loại, từ chối, chuyển, giao, bổ sung thông tin, duyệt và trả lời', async ({
  page,
  freshContext,
  staffPage,
}) => {
  // a long journey: five sign-ins and some fifty page loads (25–45 s on two busy cores)
  test.setTimeout(120_000);
  const handlerName = staffAccount('handler').name;
  const approverName = staffAccount('approver').name;
  const coordinatorName = staffAccount('coordinator').name;

  // ---- citizens -------------------------------------------------------------------------------------
  const citizens = await freshContext();
  const { main, toRefuse, toTransfer, toClassify } = await test.step('bốn người dân gửi PAKN', async () => {
    // the main one through the real form, the others with the same two posts the form makes
    const sent = await sendPakn(page, {
      title: 'Đề nghị bỏ yêu cầu bản sao chứng thực trong hồ sơ cấp giấy phép tiến hành công việc bức xạ',
    });
    const post = (title: string) => submitPaknHttp(citizens.request, { title });
    return {
      main: sent,
      toRefuse: await post(
        'Khiếu nại quyết định xử phạt vi phạm hành chính của Thanh tra Sở đối với cơ sở X-quang',
      ),
      toTransfer: await post('Kiến nghị sửa đổi Thông tư về thủ tục đăng ký quyền tác giả do Bộ ban hành'),
      toClassify: await post('Đề nghị rút ngắn thời hạn thẩm định hồ sơ đăng ký chuyển giao công nghệ'),
    };
  });

  // ---- coordinator ----------------------------------------------------------------------------------
  const coordinator = await test.step('cán bộ đầu mối đăng nhập', () => staffPage('coordinator'));
  await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Danh sách phản ánh, kiến nghị');
  await expect(coordinator.locator('.staff-tabs a[aria-current="page"]')).toContainText('Chờ phân loại');

  await test.step('phân loại một PAKN bằng biểu mẫu phân loại', async () => {
    await openFromQueue(coordinator, toClassify.code, 'classify');
    await expect(recordRow(coordinator, 'Lĩnh vực')).toHaveText('Chưa xác định');
    await act(coordinator, 'classify', {
      type: 'phan_anh',
      category: '3',
      fieldId: { label: 'Chuyển giao công nghệ' },
    });
    await expect(coordinator.locator('p.notice')).toHaveText('Đã thực hiện: Lưu phân loại.');
    await expect(recordRow(coordinator, 'Loại')).toHaveText('Phản ánh');
    await expect(recordRow(coordinator, 'Nội dung')).toHaveText('Quy định không đồng bộ, không thống nhất');
    await expect(recordRow(coordinator, 'Lĩnh vực')).toHaveText('Chuyển giao công nghệ');
    // still waiting for a decision: classifying is not a transition
    await expect(recordRow(coordinator, 'Trạng thái')).toHaveText('Đã tiếp nhận');
  });

  await test.step('từ chối một PAKN với lý do R04: thư từ chối có lý do, hướng dẫn và văn bản', async () => {
    await openFromQueue(coordinator, toRefuse.code);
    await act(coordinator, 'refuse', {
      reason: 'R04',
      note: 'Nội dung là khiếu nại quyết định xử phạt, không phải phản ánh, kiến nghị về quy định hành chính.',
    });
    await expect(recordRow(coordinator, 'Trạng thái')).toHaveText('Từ chối tiếp nhận');
    await expect(recordRow(coordinator, 'Lý do từ chối')).toHaveText('R04 – Là khiếu nại, tố cáo');

    const mail = await latestMail(toRefuse.form.email!, { subject: 'không được tiếp nhận' });
    expect(mail.subject).toBe(`[${toRefuse.code}] Phản ánh, kiến nghị không được tiếp nhận`);
    expect(mail.text).toContain('Nội dung là khiếu nại hoặc tố cáo');
    expect(mail.text).toContain(
      'Khiếu nại được giải quyết theo Luật Khiếu nại 2011, tố cáo theo Luật Tố cáo 2018',
    );
    expect(mail.text).toContain('Ban Tiếp công dân');
    expect(mail.text).toContain('không phải phản ánh, kiến nghị về quy định hành chính'); // the note
    const docUrl = link(mail, /https?:\/\/\S+\/theo-doi\/van-ban\/\d+/);
    expect(mail.text).toMatch(/Xem và tải văn bản \S+/);
    // the citizen who sent it (their browser follows it) opens the refusal notice
    const doc = await citizens.request.get(docUrl, { maxRedirects: 0 });
    expect(doc.status()).toBe(200);
    const html = await doc.text();
    expect(html).toContain('Về việc từ chối tiếp nhận phản ánh, kiến nghị');
    expect(html).toContain(toRefuse.code);
  });

  let transferredId = 0;
  await test.step('chuyển một PAKN đến cơ quan có thẩm quyền: thư nêu tên cơ quan', async () => {
    transferredId = await openFromQueue(coordinator, toTransfer.code);
    await act(coordinator, 'transfer', {
      agencyId: { label: AGENCY },
      note: 'Thông tư do Bộ Khoa học và Công nghệ ban hành, thuộc thẩm quyền của Bộ.',
    });
    await expect(recordRow(coordinator, 'Trạng thái')).toHaveText('Đã chuyển cơ quan có thẩm quyền');
    await expect(recordRow(coordinator, 'Đã chuyển đến')).toHaveText(AGENCY);
    const mail = await latestMail(toTransfer.form.email!, { subject: 'chuyển cơ quan có thẩm quyền' });
    expect(mail.subject).toBe(
      `[${toTransfer.code}] Phản ánh, kiến nghị đã được chuyển cơ quan có thẩm quyền`,
    );
    expect(mail.text).toContain(AGENCY);
    expect(mail.text).toContain('113 Trần Duy Hưng, Cầu Giấy, Hà Nội');
  });

  let id = 0;
  await test.step('giao một PAKN cho Phòng Quản lý KH&CN: thư đến đơn vị và đến người gửi', async () => {
    id = await openFromQueue(coordinator, main.code);
    await act(coordinator, 'assign', { unitId: { label: UNIT_NAME } });
    await expect(recordRow(coordinator, 'Trạng thái')).toHaveText('Đã giao đơn vị');
    await expect(recordRow(coordinator, 'Đơn vị xử lý')).toHaveText(UNIT_NAME);

    const unitMail = await latestMail(UNIT_EMAIL, { subject: `[${main.code}]` });
    expect(unitMail.subject).toBe(`[${main.code}] Giao ${UNIT_NAME} xử lý phản ánh, kiến nghị`);
    expect(unitMail.text).toContain(main.form.title);
    expect(unitMail.text).toContain(`/can-bo/pakn/${id}`);

    const accepted = await latestMail(main.form.email!, { subject: 'đã được giao đơn vị xử lý' });
    expect(accepted.subject).toBe(`[${main.code}] Phản ánh, kiến nghị đã được giao đơn vị xử lý`);
    expect(accepted.text).toContain(UNIT_NAME);
  });

  // ---- handler --------------------------------------------------------------------------------------
  const handler = await test.step('chuyên viên của đơn vị đăng nhập', () => staffPage('handler'));
  await test.step('nhận xử lý và đề nghị người gửi bổ sung thông tin', async () => {
    await expect(handler.locator('.staff-tabs a[aria-current="page"]')).toContainText('Của đơn vị tôi');
    // a PAKN that was never the unit's does not exist for its handler
    const other = await handler.goto(`/can-bo/pakn/${transferredId}`);
    expect(other?.status()).toBe(404);
    await expect(handler.locator('main')).not.toContainText(toTransfer.code);
    expect(await openFromQueue(handler, main.code, 'unit')).toBe(id);
    await act(handler, 'take');
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Đang xử lý');
    await expect(recordRow(handler, 'Chuyên viên xử lý')).toHaveText(handlerName);

    await act(handler, 'request_info', { note: QUESTION });
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Chờ bổ sung thông tin');
    await expect(recordRow(handler, 'Hạn trả lời')).toContainText(
      `Tạm dừng tính hạn từ ${todayVi()} (chờ người gửi bổ sung thông tin)`,
    );

    const mail = await latestMail(main.form.email!, { subject: 'bổ sung thông tin' });
    expect(mail.subject).toBe(`[${main.code}] Đề nghị Ông/Bà bổ sung thông tin`);
    expect(mail.text).toContain(QUESTION);
  });

  // ---- the citizen answers the question -------------------------------------------------------------
  await test.step('người gửi mở đường liên kết riêng và trả lời câu hỏi, kèm tệp', async () => {
    const receipt = await latestMail(main.form.email!, { subject: 'Đã tiếp nhận' });
    const citizen = await (await freshContext()).newPage();
    await citizen.goto(privateLinkIn(receipt));
    await expect(citizen).toHaveURL(new RegExp(`/theo-doi/${main.code}$`));
    const panel = citizen.locator('section.panel-info');
    await expect(panel.getByRole('heading', { name: 'Chúng tôi cần thêm thông tin' })).toBeVisible();
    await expect(panel.locator('blockquote')).toHaveText(QUESTION);
    if (!noJs()) await expectNoSeriousViolations(citizen, 'follow page with the information request');
    await panel.getByLabel('Thông tin bổ sung của bạn', { exact: true }).fill(REPLY);
    await panel.locator('input[type="file"][name="files"]').setInputFiles([PDF]);
    await panel.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
    await expect(citizen).toHaveURL(new RegExp(`/theo-doi/${main.code}$`));
    await expect(citizen.locator('p.notice[role="status"]')).toHaveText(
      'Chúng tôi đã nhận thông tin bổ sung của bạn. Thời hạn trả lời được tính tiếp.',
    );
    await expect(citizen.locator('section.panel-info')).toHaveCount(0);
    await expect(summaryValue(citizen, 'Tình trạng')).not.toContainText('bổ sung');
  });

  // ---- handler drafts, approver returns, handler resubmits, approver approves -----------------------
  await test.step('chuyên viên thấy thông tin bổ sung, soạn dự thảo và trình duyệt', async () => {
    await handler.reload();
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Đang xử lý');
    await expect(recordRow(handler, 'Hạn trả lời')).not.toContainText('Tạm dừng');
    const files = recordRow(handler, 'Tệp đính kèm');
    await expect(files.locator('li', { hasText: path.basename(PDF) })).toContainText('(thông tin bổ sung)');
    await expect(handler.locator('ol.timeline li', { hasText: 'Người gửi bổ sung thông tin' })).toContainText(
      REPLY,
    );

    await act(handler, 'draft', { outcome: 'amend', body: DRAFT_1 });
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Đã có dự thảo');
    await act(handler, 'submit');
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Chờ lãnh đạo duyệt');
  });

  const approver = await test.step('lãnh đạo đăng nhập', () => staffPage('approver'));
  await test.step('lãnh đạo trả lại dự thảo kèm ý kiến', async () => {
    await expect(approver.locator('.staff-tabs a[aria-current="page"]')).toContainText('Chờ duyệt');
    expect(await openFromQueue(approver, main.code, 'approval')).toBe(id);
    await expect(recordRow(approver, 'Nội dung trả lời')).toHaveText(DRAFT_1);
    await act(approver, 'return', { note: RETURN_COMMENT });
    await expect(recordRow(approver, 'Trạng thái')).toHaveText('Bị trả lại');
  });

  await test.step('chuyên viên sửa theo ý kiến và trình lại', async () => {
    await handler.reload();
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Bị trả lại');
    await expect(recordRow(handler, 'Ý kiến trả lại')).toHaveText(RETURN_COMMENT);
    // the form opens with the current draft
    await handler.locator('details#action-edit_draft summary').click();
    await expect(handler.locator('[id="edit_draft-body"]')).toHaveValue(DRAFT_1);
    await expect(handler.locator('[id="edit_draft-outcome"]')).toHaveValue('amend');
    await act(handler, 'edit_draft', { body: DRAFT_2 });
    await act(handler, 'submit');
    await expect(recordRow(handler, 'Trạng thái')).toHaveText('Chờ lãnh đạo duyệt');
  });

  await test.step('lãnh đạo phê duyệt; người gửi nhận thư trả lời có liên kết đánh giá', async () => {
    await approver.reload();
    await expect(recordRow(approver, 'Nội dung trả lời')).toHaveText(DRAFT_2);
    await act(approver, 'approve');
    await expect(recordRow(approver, 'Trạng thái')).toHaveText('Đã trả lời');
    await expect(approver.locator('.summary-row', { hasText: 'Đã duyệt ngày' })).toContainText(todayVi());

    const mail = await latestMail(main.form.email!, { subject: 'Trả lời phản ánh, kiến nghị' });
    expect(mail.subject).toBe(`[${main.code}] Trả lời phản ánh, kiến nghị của Ông/Bà`);
    for (const line of DRAFT_2.split('\n')) expect(mail.text).toContain(line);
    expect(mail.text).not.toContain(DRAFT_1);
    expect(mail.html).toContain('Đánh giá kết quả trả lời'); // the button; the text part has the bare link
    const rating = link(mail, /https?:\/\/\S+\/danh-gia\/\d+\.[A-Za-z0-9_-]{32}/);
    const rater = await (await freshContext()).newPage();
    await rater.goto(rating);
    await expect(rater.getByRole('heading', { level: 1 })).toHaveText('Đánh giá kết quả trả lời');
    await expect(rater.locator('main')).toContainText(main.code);
    if (!noJs()) await expectNoSeriousViolations(rater, 'rating page');
    // every status change of the main PAKN reached the submitter, in order, and nothing twice
    const subjects = mailFor(main.form.email!).map((m) => m.subject.replace(`[${main.code}] `, ''));
    expect(subjects).toEqual([
      'Đã tiếp nhận phản ánh, kiến nghị của Ông/Bà',
      'Phản ánh, kiến nghị đã được giao đơn vị xử lý',
      'Đề nghị Ông/Bà bổ sung thông tin',
      'Trả lời phản ánh, kiến nghị của Ông/Bà',
    ]);
  });

  await test.step('diễn biến trên trang hồ sơ: mọi bước, người thực hiện, thời điểm', async () => {
    await approver.reload();
    const items = approver.locator('ol.timeline > li');
    const rows = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    for (const row of rows)
      expect(row, 'each step has a date and time').toMatch(new RegExp(`^${DATE_TIME.source}`));
    // [event label, actor] in the order they happened (other rows, e.g. documents issued, may come between)
    const expected: Array<[string, string]> = [
      ['Tiếp nhận và vào sổ', 'Hệ thống'],
      ['Giao đơn vị xử lý', coordinatorName],
      ['Nhận xử lý', handlerName],
      ['Yêu cầu bổ sung thông tin', handlerName],
      ['Người gửi bổ sung thông tin', 'Người gửi'],
      ['Nhận thông tin bổ sung, tính tiếp thời hạn', 'Người gửi'],
      ['Soạn dự thảo trả lời', handlerName],
      ['Trình lãnh đạo duyệt', handlerName],
      ['Trả lại để chỉnh sửa', approverName],
      ['Sửa dự thảo trả lời', handlerName],
      ['Trình lãnh đạo duyệt', handlerName],
      ['Phê duyệt trả lời', approverName],
    ];
    let at = 0;
    for (const [label, actor] of expected) {
      const found = rows.findIndex((r, i) => i >= at && r.includes(`${label} – ${actor}`));
      expect(found, `"${label} – ${actor}" after row ${at} in:\n${rows.join('\n')}`).toBeGreaterThanOrEqual(
        at,
      );
      at = found + 1;
    }
    expect(rows.find((r) => r.includes('Yêu cầu bổ sung thông tin'))).toContain(QUESTION);
    expect(rows.find((r) => r.includes('Trả lại để chỉnh sửa'))).toContain(RETURN_COMMENT);
    expect(rows.find((r) => r.includes('Phê duyệt trả lời'))).toContain('→ Đã trả lời');
  });

  await test.step('nhật ký hệ thống (quản trị) ghi mọi chuyển trạng thái', async () => {
    const admin = await staffPage('admin', '/can-bo/quan-tri/nhat-ky');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Nhật ký hệ thống');
    // the filter form, as an administrator would use it
    await admin.getByLabel('Loại đối tượng', { exact: true }).fill('pakn');
    await admin.getByLabel('Mã đối tượng', { exact: true }).fill(String(id));
    await admin.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect(admin).toHaveURL(/targetType=pakn/);
    // the address changes when the answer starts to arrive: the rows below are read once, so the whole
    // table must be there (without JavaScript the rest of the page may still be on its way)
    await admin.waitForLoadState('load');
    if (!noJs()) await expectNoSeriousViolations(admin, 'audit log');
    const table = admin.locator('table.audit-table tbody');
    const logged = (await table.locator('td:nth-child(3)').allInnerTexts()).map((s) => s.trim()).reverse();
    // every opening of the record is logged too (contact data was shown): the transitions, oldest first
    expect(logged).toContain('pakn.contact.view');
    const actions = logged.filter((a) => a !== 'pakn.contact.view');
    expect(actions).toEqual([
      'pakn.assign',
      'pakn.take',
      'pakn.request_info',
      'pakn.info_reply',
      'pakn.draft',
      'pakn.submit',
      'pakn.return',
      'pakn.edit_draft',
      'pakn.submit',
      'pakn.approve',
    ]);
    for (const [action, who] of [
      ['pakn.assign', staffAccount('coordinator').email],
      ['pakn.take', staffAccount('handler').email],
      ['pakn.request_info', staffAccount('handler').email],
      ['pakn.info_reply', 'Hệ thống / chưa đăng nhập'],
      ['pakn.draft', staffAccount('handler').email],
      ['pakn.return', staffAccount('approver').email],
      ['pakn.edit_draft', staffAccount('handler').email],
      ['pakn.approve', staffAccount('approver').email],
    ] as const) {
      await expect(
        table.locator('tr', { has: admin.locator('code', { hasText: new RegExp(`^${action}$`) }) }).first(),
        action,
      ).toContainText(who);
    }
    await expect(table.locator('tr', { hasText: 'pakn.approve' })).toContainText('"to":"answered"');
    // and the other decisions of the coordinator
    for (const [code, action] of [
      [toRefuse.code, 'pakn.refuse'],
      [toTransfer.code, 'pakn.transfer'],
      [toClassify.code, 'pakn.classify'],
    ] as const) {
      await admin.goto(`/can-bo/quan-tri/nhat-ky?action=${action}&actor=`);
      await expect(table.locator('tr', { hasText: code }), `${action} ${code}`).toContainText(
        staffAccount('coordinator').email,
      );
    }
  });
});
