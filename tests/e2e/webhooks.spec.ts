// The webhooks admin page in a real browser, with and without JavaScript: an empty form is refused with the
// error summary (checked in the browser with JavaScript, by the server without), a private address is refused by
// the server, and a public URL is registered with its secret shown once. axe on the page (with JavaScript).
import { expectNoSeriousViolations } from './axe';
import { expect, test } from './staff-fixtures';

const PAGE = '/can-bo/quan-tri/webhook';

test('register a webhook: messages in the summary and by the fields, then the secret once', async ({
  staffPage,
}, info) => {
  const page = await staffPage('admin', PAGE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhook');
  const submit = page.getByRole('button', { name: 'Đăng ký webhook' });

  await submit.click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Nhập địa chỉ nhận');
  await expect(summary).toContainText('Chọn ít nhất một sự kiện');

  await page.getByLabel('Địa chỉ nhận (URL)').fill('http://192.168.10.20/pakn');
  await page.getByLabel('Đã trả lời').check();
  await submit.click();
  await expect(summary).toContainText('Không gửi được đến địa chỉ nội bộ');
  // what was typed and ticked is kept
  await expect(page.getByLabel('Địa chỉ nhận (URL)')).toHaveValue('http://192.168.10.20/pakn');
  await expect(page.getByLabel('Đã trả lời')).toBeChecked();

  const url = `https://he-thong.example.vn/pakn/${info.project.name}-${Date.now()}`;
  await page.getByLabel('Địa chỉ nhận (URL)').fill(url);
  await page.getByLabel('Tiếp nhận PAKN mới').check();
  await submit.click();
  await expect(page.getByRole('status')).toContainText('khóa chỉ hiện một lần');
  await expect(page.getByLabel('Khóa bí mật')).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('row', { name: new RegExp(url) })).toContainText(
    'Tiếp nhận PAKN mới, Đã trả lời',
  );

  // the secret is not shown again
  await page.goto(PAGE);
  await expect(page.getByLabel('Khóa bí mật')).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(url) })).toContainText('Chưa gửi');

  if (info.project.name === 'js') {
    await expectNoSeriousViolations(page, 'webhooks page');
  }
});
