// Issue 13, in the browser: the categories narrow to the chosen type and subject, the organisation
// fields appear only for an organisation (with JavaScript), and everything stays reachable and
// explained without it. Runs in both projects.
import { expect, intakeForm, noJs, test } from './fixtures';

const category = (page: import('@playwright/test').Page, value: number) =>
  intakeForm(page).locator(`input[name="category"][value="${value}"]`);

test('nội dung cụ thể thu hẹp theo loại và đối tượng đã chọn', async ({ page }) => {
  await page.goto('/gop-y');
  const form = intakeForm(page);
  for (const c of [1, 2, 7, 8]) await expect(category(page, c)).toBeVisible();
  await form.locator('input[name="type"][value="phan_anh"]').check();
  await form.locator('input[name="subject"][value="regulation"]').check();
  if (noJs()) {
    // without JavaScript every option stays, each saying what it goes with; the server checks
    await expect(category(page, 8)).toBeVisible();
    await expect(form).toContainText('chỉ với kiến nghị');
    return;
  }
  await expect(category(page, 2)).toBeVisible();
  await expect(category(page, 1)).toHaveCount(0);
  await expect(category(page, 7)).toHaveCount(0);
  await expect(category(page, 8)).toHaveCount(0);
  await form.locator('input[name="type"][value="kien_nghi"]').check();
  await expect(category(page, 8)).toBeVisible();
  await form.locator('input[name="subject"][value="behaviour"]').check();
  await expect(form.locator('input[name="category"]')).toHaveCount(1);
  await expect(category(page, 1)).toBeVisible();
});

test('thông tin tổ chức chỉ hiện khi gửi với tư cách tổ chức', async ({ page }) => {
  await page.goto('/gop-y');
  const form = intakeForm(page);
  const group = form.locator('#org-fields');
  if (noJs()) {
    await expect(group).toBeVisible();
    await expect(group.locator('legend')).toHaveText('Nếu bạn gửi thay mặt tổ chức, doanh nghiệp');
    await expect(group).toContainText('Chỉ điền nếu bạn gửi thay mặt tổ chức');
    return;
  }
  await expect(group).toBeHidden();
  await form.locator('input[name="submitterKind"][value="organisation"]').check();
  await expect(group).toBeVisible();
  await expect(form.getByLabel('Tên tổ chức, doanh nghiệp')).toBeEditable();
  await form.locator('input[name="submitterKind"][value="individual"]').check();
  await expect(group).toBeHidden();
});

test('chọn trước khi mã trang chạy xong (mạng chậm): danh mục vẫn thu hẹp, thông tin tổ chức vẫn hiện và được gửi', async ({
  page,
}) => {
  test.skip(noJs(), 'about the moment the page’s JavaScript takes over');
  // the page's scripts are held back until the choices are made, as on a slow connection
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/build/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  // module scripts hold back DOMContentLoaded: wait for the answer, then for the form to show
  await page.goto('/gop-y', { waitUntil: 'commit' });
  const form = intakeForm(page);
  await expect(form.locator('input[name="orgName"]')).toBeAttached();
  await form.locator('input[name="type"][value="phan_anh"]').check();
  await form.locator('input[name="subject"][value="regulation"]').check();
  await form.locator('input[name="submitterKind"][value="organisation"]').check();
  await form.locator('input[name="orgName"]').fill('Công ty TNHH Đo lường Tuy Hòa');
  await expect(form).not.toHaveAttribute('data-hydrated', 'true');
  release();
  await expect(form).toHaveAttribute('data-hydrated', 'true');
  await expect(category(page, 2)).toBeVisible();
  await expect(category(page, 7)).toHaveCount(0);
  await expect(category(page, 8)).toHaveCount(0);
  await expect(form.locator('#org-fields')).toBeVisible();
  await expect(form.getByLabel('Tên tổ chức, doanh nghiệp')).toBeEditable();
  await expect(form.getByLabel('Tên tổ chức, doanh nghiệp')).toHaveValue('Công ty TNHH Đo lường Tuy Hòa');
});

test('tiêu đề trang bắt đầu bằng “Lỗi:” khi biểu mẫu có lỗi, tóm tắt lỗi theo thứ tự biểu mẫu', async ({
  page,
}) => {
  await page.goto('/gop-y');
  await expect(page).toHaveTitle(/^Gửi phản ánh, kiến nghị/);
  await intakeForm(page).locator('button[type="submit"]').click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page).toHaveTitle(/^Lỗi: Gửi phản ánh, kiến nghị/);
  const ids = await page
    .locator('.error-summary a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(ids.indexOf('#title')).toBeLessThan(ids.indexOf('#fullName'));
});
