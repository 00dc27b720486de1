// Issue 11, the one form pipeline on the staff pages: with JavaScript the record page's actions, the queue's bulk
// assignment and the intake form are checked in the browser (no request reaches the server); without it the
// server answers the very same messages. In both, the error summary links each field and what was typed stays.
import { noJs } from './fixtures';
import { expect, hydrated, StaffClient, submitPaknHttp, test } from './staff-fixtures';

const NOTE = 'Nội dung không thuộc phạm vi tiếp nhận của Sở';

test('biểu mẫu của cán bộ thiếu thông tin: cùng thông báo lỗi, có hay không có JavaScript', async ({
  page,
  staffPage,
}) => {
  test.setTimeout(90_000);
  const { code } = await submitPaknHttp(page.request);
  const http = await StaffClient.signIn('coordinator');
  const id = await http.idOf(code).finally(() => http.dispose());
  const coordinator = await staffPage('coordinator', `/can-bo/pakn/${id}`);
  const posts: string[] = [];
  coordinator.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  const summary = coordinator.locator('.error-summary');

  await test.step('trang hồ sơ: từ chối mà chưa chọn lý do', async () => {
    await coordinator.locator('details#action-refuse summary').click();
    await coordinator.locator('#refuse-note').fill(NOTE);
    await coordinator.locator('details#action-refuse button[type="submit"]').click();
    await expect(summary.getByRole('link')).toHaveText(['Chọn một mục trong danh sách']);
    await expect(summary.getByRole('link')).toHaveAttribute('href', '#refuse-reason');
    await expect(coordinator.locator('#refuse-reason-error')).toContainText('Chọn một mục trong danh sách');
    await expect(coordinator.locator('#refuse-note')).toHaveValue(NOTE);
    expect(posts.length).toBe(noJs() ? 1 : 0);
  });

  await test.step('danh sách: giao hàng loạt mà chưa chọn dòng nào', async () => {
    posts.length = 0;
    await coordinator.goto('/can-bo?tab=classify');
    await hydrated(coordinator);
    await coordinator.getByRole('button', { name: 'Giao các mục đã chọn' }).click();
    await expect(summary).toContainText('Chọn ít nhất một phản ánh, kiến nghị');
    await expect(summary).toContainText('Chọn một đơn vị đang hoạt động');
    expect(posts.length).toBe(noJs() ? 1 : 0);
  });

  await test.step('tiếp nhận: gửi biểu mẫu trống', async () => {
    posts.length = 0;
    await coordinator.goto('/can-bo/tiep-nhan');
    await hydrated(coordinator);
    await coordinator.locator('#fullName').fill('Trần Thị Lan');
    await coordinator.locator('form[method="post"] button[type="submit"]').last().click();
    await expect(summary.getByRole('link').first()).toHaveText('Chọn kênh tiếp nhận');
    await expect(summary).toContainText('Nhập số điện thoại hoặc địa chỉ bưu chính của người gửi');
    await expect(coordinator.locator('#fullName')).toHaveValue('Trần Thị Lan');
    await expect(coordinator).toHaveTitle(/^Lỗi: /);
    expect(posts.length).toBe(noJs() ? 1 : 0);
  });

  await test.step('báo cáo (biểu mẫu GET): kỳ theo tháng mà chưa chọn tháng', async () => {
    await coordinator.goto('/can-bo/bao-cao');
    await hydrated(coordinator);
    await coordinator.locator('input[name="period"][value="month"]').check();
    await coordinator.locator('#month').selectOption('');
    await coordinator.getByRole('button', { name: 'Xem báo cáo' }).click();
    await expect(summary.getByRole('link')).toHaveText(['Chọn tháng từ 1 đến 12']);
    await expect(coordinator.locator('#month-error')).toContainText('Chọn tháng từ 1 đến 12');
    // with JavaScript the report is not even asked for; without, the server's answer is at the asked address
    if (noJs()) await expect(coordinator).toHaveURL(/period=month/);
    else expect(new URL(coordinator.url()).search).toBe('');
  });
});
