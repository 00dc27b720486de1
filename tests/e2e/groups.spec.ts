// Issue #15, with and without JavaScript: two citizens ask the same thing; the coordinator groups the two PAKN
// from the record page; the lead's handler answers once and the approver approves once; each citizen gets one
// answer e-mail with their own code; the coordinator publishes the lead and the public page lists both codes,
// the member's public address leading to it.
import { latestMail, mailFor } from './fixtures';
import { act, expect, StaffClient, submitPaknHttp, test, UNIT_NAME } from './staff-fixtures';

const TITLE = 'Hồ sơ đăng ký hoạt động khoa học và công nghệ bị trả lại nhiều lần không rõ lý do';
const CONTENT =
  'Hồ sơ đăng ký hoạt động khoa học và công nghệ của tổ chức chúng tôi bị trả lại ba lần.\n' +
  'Đề nghị Sở công bố rõ danh mục giấy tờ và lý do trả hồ sơ.';
const ANSWER =
  'Sở Khoa học và Công nghệ đã công bố danh mục giấy tờ của thủ tục đăng ký hoạt động khoa học và công nghệ; ' +
  'mỗi lần trả hồ sơ đều kèm phiếu nêu lý do.';

test('trả lời chung: gộp hai phản ánh, kiến nghị, trả lời và duyệt một lần, một trang công khai', async ({
  page,
  staffPage,
}) => {
  test.setTimeout(120_000);
  const first = await submitPaknHttp(page.request, { title: TITLE, content: CONTENT, regulationRef: '' });
  const second = await submitPaknHttp(page.request, {
    title: `${TITLE} (lần hai)`,
    content: CONTENT,
    regulationRef: '',
  });
  const [coordinatorHttp, handler, approver] = await Promise.all([
    StaffClient.signIn('coordinator'),
    StaffClient.signIn('handler'),
    StaffClient.signIn('approver'),
  ]);
  try {
    const leadId = await coordinatorHttp.idOf(first.code);
    const memberId = await coordinatorHttp.idOf(second.code);
    for (const id of [leadId, memberId]) {
      const unitId = await coordinatorHttp.optionValue(id, 'assign-unitId', UNIT_NAME);
      await coordinatorHttp.act(id, 'assign', { unitId });
    }

    // opened on the record page itself (staffPage checks the address and the signed-in name)
    const coordinator = await staffPage('coordinator', `/can-bo/pakn/${leadId}`);
    await test.step('the coordinator groups the two from the record page', async () => {
      const panel = coordinator.locator('section.group-panel');
      await panel.getByLabel('Mã số phản ánh, kiến nghị cần gộp').fill(second.code);
      await panel.getByRole('button', { name: 'Gộp vào nhóm' }).click();
      await expect(coordinator.locator('p.notice[role="status"]')).toHaveText(
        'Đã thực hiện: Gộp vào nhóm trả lời chung.',
      );
      await expect(panel).toContainText(`chủ trì nhóm trả lời chung (${first.code})`);
      await expect(panel.locator(`[data-group-member="${second.code}"]`)).toBeVisible();
      await coordinator.goto(`/can-bo/pakn/${memberId}`);
      await expect(coordinator.locator('section.group-panel')).toContainText(
        `thuộc nhóm trả lời chung do ${first.code} chủ trì`,
      );
    });

    await test.step('the handler answers once, the approver approves once', async () => {
      await handler.act(leadId, 'take');
      await handler.act(leadId, 'draft', { outcome: 'stands', body: ANSWER });
      await handler.act(leadId, 'submit');
      const approverPage = await staffPage('approver', `/can-bo/pakn/${leadId}`);
      await act(approverPage, 'approve');
      await approverPage.goto(`/can-bo/pakn/${memberId}`);
      await expect(approverPage.locator('section.group-panel')).toContainText(
        `Nhóm do ${first.code} chủ trì đã được trả lời chung ngày`,
      );
    });

    await test.step('each citizen gets one answer e-mail with their own code', async () => {
      for (const [mine, other] of [
        [first, second],
        [second, first],
      ] as const) {
        const subject = `[${mine.code}] Trả lời phản ánh, kiến nghị`;
        const mail = await latestMail(mine.form.email!, { subject });
        expect(mail.text).toContain(mine.code);
        expect(mail.text).not.toContain(other.code);
        expect(mailFor(mine.form.email!).filter((m) => m.subject.includes('Trả lời phản ánh'))).toHaveLength(
          1,
        );
      }
    });

    await test.step('one publication page lists both codes', async () => {
      await coordinator.goto(`/can-bo/pakn/${leadId}/cong-khai`);
      await coordinator.getByRole('button', { name: 'Công khai', exact: true }).click();
      await expect(coordinator.locator('[role="status"]').first()).toBeVisible();
      await page.goto(`/cong-khai/${first.code}`);
      await expect(page.locator('[data-group-codes]')).toContainText(`${first.code}, ${second.code}`);
      await page.goto(`/cong-khai/${second.code}`);
      await expect(page).toHaveURL(new RegExp(`/cong-khai/${first.code}$`));
      await expect(page.locator('[data-group-codes]')).toContainText(second.code);
    });
  } finally {
    await Promise.all([coordinatorHttp.dispose(), handler.dispose(), approver.dispose()]);
  }
});
