// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every public page and state, with no
// serious or critical violation allowed; and the keyboard way in: the skip link comes first.
import { expectNoSeriousViolations, seriousViolations } from './axe';
import { continueForm, expect, fillForm, test, validForm } from './fixtures';

const STATIC_PAGES: Array<[name: string, path: string]> = [
  ['home', '/'],
  ['form', '/gop-y'],
  ['follow lookup', '/theo-doi'],
  ['follow lookup, invalid link', '/theo-doi?lien-ket-sai=1'],
  ['404', '/khong-co-trang-nay'],
  ['my PAKN, ask for a link', '/pakn-cua-toi'],
  ['my PAKN, link landing', '/pakn-cua-toi/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ['public register', '/so-cong-khai'],
  ['printable notice', '/noi-tiep-nhan/ban-in'],
  ['privacy notice and request form', '/quyen-rieng-tu'],
];

for (const [name, path] of STATIC_PAGES) {
  test(`axe: ${name}`, async ({ page }) => {
    const response = await page.goto(path);
    if (name === '404') {
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
    }
    await expectNoSeriousViolations(page, name);
  });
}

// The check itself: a page of the portal's origin with faults axe must report, one of them inside a frame
// (the helper runs axe in the page, which covers frames of the same origin: the portal's CSP allows no other)
test('axe: the check finds serious faults, in the page and in a frame', async ({ page }) => {
  const html = (body: string) =>
    `<!doctype html><html lang="vi"><head><title>Kiểm tra axe</title></head><body><main>${body}</main></body></html>`;
  await page.route('**/axe-tu-kiem', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: html(
        '<h1>Kiểm tra</h1><img src="/favicon.svg"><p style="color:#ccc;background:#fff">Chữ mờ</p>' +
          '<iframe src="/axe-tu-kiem-khung" title="Khung"></iframe>',
      ),
    }),
  );
  await page.route('**/axe-tu-kiem-khung', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: html('<input type="text" id="khong-nhan">'),
    }),
  );
  await page.goto('/axe-tu-kiem');
  await expect(page.frameLocator('iframe').locator('#khong-nhan')).toBeVisible();
  const found = (await seriousViolations(page, 'self-test')).join('\n');
  expect(found).toContain('image-alt');
  expect(found).toContain('color-contrast');
  expect(found).toMatch(/label: .*\n.*iframe #khong-nhan/);
});

test('axe: the 404 page has a title', async ({ page }) => {
  await page.goto('/khong-co-trang-nay');
  await expect(page).toHaveTitle(/Không tìm thấy trang/);
  await expectNoSeriousViolations(page, '404 title');
});

test('axe: form with errors', async ({ page }) => {
  await page.goto('/gop-y');
  await continueForm(page);
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'form with errors');
});

test('axe: follow lookup with an error', async ({ page }) => {
  await page.goto('/theo-doi');
  await page.getByLabel('Mã số', { exact: true }).fill('KHCN-2020-000001');
  await page.getByLabel('Thư điện tử hoặc số điện thoại', { exact: true }).fill('ai-do@example.vn');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'follow lookup with error');
});

test('axe: check your answers, receipt, status page', async ({ page }) => {
  await page.goto('/gop-y');
  await fillForm(
    page,
    validForm({
      type: 'phan_anh',
      submitterKind: 'organisation',
      orgName: 'Công ty TNHH Ánh Dương',
      representative: 'Trần Văn Đức',
    }),
  );
  await continueForm(page);
  await expect(page).toHaveURL(/\/gop-y\/kiem-tra/);
  await expectNoSeriousViolations(page, 'review');

  await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
  await expect(page).toHaveURL(/\?moi=1$/);
  await expectNoSeriousViolations(page, 'receipt');

  await page.goto(page.url().replace(/\?moi=1$/, ''));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phản ánh, kiến nghị KHCN-');
  await expectNoSeriousViolations(page, 'status');
});

test('bàn phím: Tab đầu tiên đến liên kết bỏ qua, liên kết chuyển con trỏ đến nội dung chính', async ({
  page,
}) => {
  for (const path of ['/', '/gop-y']) {
    await page.goto(path);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
    await expect(skip, path).toBeFocused();
    await expect(skip, path).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main'), path).toBeFocused();
    // the next Tab continues inside main, not back in the header
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main')), path).toBe(true);
  }
});
