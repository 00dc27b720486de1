// Issue 11 on the admin pages: the agency form is checked in the browser with JavaScript (no request)
// and by the server without it, with the same message; the confirmation after saving travels in the
// flash cookie, is shown once and leaves nothing in the address. Runs in both projects.
import { expect, test } from './staff-fixtures';

test('thông tin cơ quan: kiểm tra trước khi gửi, xác nhận một lần sau khi lưu', async ({ staffPage }) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/co-quan');
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  const name = await page.locator('#name').inputValue();
  await page.locator('#name').fill('');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.error-summary')).toContainText('Vui lòng nhập thông tin này.');
  await expect(page.locator('#name-error')).toBeVisible();
  expect(posts.length).toBe(test.info().project.name === 'nojs' ? 1 : 0);

  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Đã lưu.');
  await expect(page).toHaveURL(/\/can-bo\/quan-tri\/co-quan$/);
  await page.reload();
  await expect(page.locator('.notice[role="status"]')).toHaveCount(0);
});

test('thời hạn xử lý: số ngày ngoài khoảng bị báo ngay, cùng thông báo khi không có JavaScript', async ({
  staffPage,
}) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/thoi-han?sua=publish');
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.locator('#rule-days').fill('999');
  await page.getByRole('button', { name: 'Lưu' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('link')).toHaveAttribute('href', '#rule-days');
  await expect(page.locator('#rule-days-error')).toBeVisible();
  expect(posts.length).toBe(test.info().project.name === 'nojs' ? 1 : 0);
  await expect(page.locator('#rule-days')).toHaveValue('999');
});
