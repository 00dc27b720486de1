// Issue 11, the form pipeline in the browser: with JavaScript the privacy request form is checked before
// it is sent (no request reaches the server), without it the server answers the very same messages; the
// confirmation after sending travels in a one-time cookie, not in the address. Runs in both projects.
import { expect, hydrated, noJs, test } from './fixtures';

const MESSAGES = ['Chọn loại yêu cầu', 'Nhập họ và tên', 'Nhập địa chỉ thư điện tử'];

test('yêu cầu về dữ liệu cá nhân thiếu thông tin: cùng thông báo lỗi, có hay không có JavaScript', async ({
  page,
}) => {
  await page.goto('/quyen-rieng-tu');
  await hydrated(page);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.locator('#fullName').fill('  ');
  await page.locator('#email').fill('mai@');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText([
    'Chọn loại yêu cầu',
    'Nhập họ và tên',
    'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.com',
  ]);
  await expect(page.locator('#email-error')).toContainText('Nhập địa chỉ thư điện tử đúng dạng');
  await expect(page).toHaveTitle(/^Lỗi: /);
  // what was typed stays
  await expect(page.locator('#email')).toHaveValue('mai@');
  // the browser's own bubbles never replace the summary
  await expect(page.locator('form[method="post"]').last()).toHaveAttribute('novalidate', '');
  expect(posts.length).toBe(noJs() ? 1 : 0);

  if (!noJs()) {
    // fixing a field clears its message as the user types
    await page.locator('#email').fill('mai@example.vn');
    await expect(page.locator('#email-error')).toHaveCount(0);
  }
  for (const m of MESSAGES.slice(0, 2)) await expect(summary).toContainText(m);
});

test('yêu cầu đã gửi: xác nhận một lần, địa chỉ không mang dấu hiệu', async ({ page }) => {
  await page.goto('/quyen-rieng-tu');
  await page.locator('input[name="kind"][value="access"]').check();
  await page.locator('#fullName').fill('Đỗ Thị Mai');
  await page.locator('#email').fill('mai@example.vn');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Đã nhận yêu cầu của bạn' });
  await expect(status).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  await expect(status).toHaveCount(0);
});
