// Follow-up: by code + e-mail, by code + phone (+84 form); one generic message whatever was wrong;
// and nobody without access sees a status page. The PAKN are sent with the form's own posts
// (submitPaknHttp), not by clicking through the form: that is intake.spec.ts's subject.
import type { Page } from '@playwright/test';

import { expect, summaryValue } from './fixtures';
import { submitPaknHttp, test } from './staff-fixtures';

const NOT_FOUND = 'Không tìm thấy phản ánh, kiến nghị với mã số và thông tin liên hệ này. Hãy kiểm tra lại.';

async function lookup(page: Page, code: string, contact: string) {
  await page.goto('/theo-doi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tra cứu phản ánh, kiến nghị');
  await page.getByLabel('Mã số', { exact: true }).fill(code);
  await page.getByLabel('Thư điện tử hoặc số điện thoại', { exact: true }).fill(contact);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
}

async function expectStatusPage(page: Page, code: string, title: string) {
  await expect(page).toHaveURL(new RegExp(`/theo-doi/${code}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Phản ánh, kiến nghị ${code}`);
  await expect(summaryValue(page, 'Tiêu đề')).toHaveText(title);
  await expect(page.locator('.timeline')).toContainText(code);
}

test('tra cứu bằng mã số cùng thư điện tử, và cùng số điện thoại dạng +84', async ({
  page,
  freshContext,
}) => {
  const { code, form } = await submitPaknHttp(page.request, { phone: '0912 345 678' });

  const byEmail = await (await freshContext()).newPage();
  await lookup(byEmail, code, form.email!.toUpperCase());
  await expectStatusPage(byEmail, code, form.title!);

  const byPhone = await (await freshContext()).newPage();
  // typed loosely: lower case, spaces around; the phone in the international form
  await lookup(byPhone, ` ${code.toLowerCase()} `, '+84 912 345 678');
  await expectStatusPage(byPhone, code, form.title!);
});

test('sai mã số hoặc sai thông tin liên hệ: cùng một thông báo chung', async ({ page, freshContext }) => {
  const { code, form } = await submitPaknHttp(page.request, { phone: '0987 654 321' });
  const [, year] = code.split('-');
  const other = await (await freshContext()).newPage();
  const attempts: Array<[string, string, string]> = [
    ['wrong code, right e-mail', `KHCN-${year}-999999`, form.email!],
    ['right code, wrong e-mail', code, 'nguoi-khac@example.vn'],
    ['right code, wrong phone', code, '0912 000 111'],
    ['not a code at all', 'abc', form.email!],
  ];
  const messages: string[] = [];
  for (const [what, c, contact] of attempts) {
    await lookup(other, c, contact);
    // without JavaScript the index route posts to /theo-doi?index (Remix)
    await expect(other, what).toHaveURL(/\/theo-doi(\?index)?$/);
    await expect(other.locator('#code-error'), what).toHaveText(`Lỗi: ${NOT_FOUND}`);
    await expect(other.locator('.error-summary a'), what).toHaveText([NOT_FOUND]);
    await expect(other.locator('#contact-error'), what).toHaveCount(0);
    await expect(other.getByLabel('Thư điện tử hoặc số điện thoại', { exact: true })).toHaveValue(contact);
    messages.push(await other.locator('main').innerText());
  }
  // byte for byte the same page apart from what was typed: nothing tells which part was wrong
  const strip = (s: string) => s.replace(/Mã số[\s\S]*$/, '');
  expect(new Set(messages.map(strip)).size).toBe(1);
  await expect(other.getByText(form.fullName!)).toHaveCount(0);
});

test('người khác mở /theo-doi/MÃ-SỐ được chuyển đến trang tra cứu', async ({ page, freshContext }) => {
  // sent with the form's two posts from the sender's browser context (intake.spec.ts covers the form's pages)
  const { code, form } = await submitPaknHttp(page.request);
  // the sender sees it
  await page.goto(`/theo-doi/${code}`);
  await expectStatusPage(page, code, form.title!);

  const stranger = await (await freshContext()).newPage();
  for (const path of [`/theo-doi/${code}`, `/theo-doi/${code.toLowerCase()}`, `/theo-doi/${code}?moi=1`]) {
    await stranger.goto(path);
    await expect(stranger, path).toHaveURL(/\/theo-doi$/);
    await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Tra cứu phản ánh, kiến nghị');
    await expect(stranger.locator('main')).not.toContainText(form.fullName!);
    await expect(stranger.locator('main')).not.toContainText(form.title!);
  }
  // a made-up private link does not help either
  await stranger.goto('/theo-doi/truy-cap/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(stranger).toHaveURL(/\/theo-doi$/);
  await expect(stranger.getByText('Đường dẫn tra cứu không đúng hoặc đã hết hiệu lực.')).toBeVisible();

  // signing out ends the sender's access too
  await page.getByRole('button', { name: 'Thoát tra cứu' }).click();
  await expect(page).toHaveURL(/\/theo-doi$/);
  await page.goto(`/theo-doi/${code}`);
  await expect(page).toHaveURL(/\/theo-doi$/);
});
