// Validation, with and without JavaScript: the error summary and inline errors, keeping what was
// typed, a file whose content does not match its name, and markup shown as text.
import path from 'node:path';

import {
  continueForm,
  expect,
  fakePdf,
  fillForm,
  intakeForm,
  noJs,
  PDF,
  summaryValue,
  test,
  validForm,
} from './fixtures';

const REQUIRED: Array<[id: string, message: string]> = [
  ['type', 'Chọn phản ánh hoặc kiến nghị'],
  ['subject', 'Chọn bạn phản ánh về quy định hay về hành vi hành chính'],
  ['category', 'Chọn nội dung cụ thể'],
  ['submitterKind', 'Chọn bạn gửi với tư cách cá nhân hay tổ chức'],
  ['fullName', 'Nhập họ và tên'],
  ['address', 'Nhập địa chỉ liên hệ'],
  ['phone', 'Nhập số điện thoại'],
  ['email', 'Nhập địa chỉ thư điện tử'],
  ['title', 'Nhập tiêu đề'],
  ['content', 'Nhập nội dung phản ánh, kiến nghị'],
  ['field', 'Chọn lĩnh vực, hoặc “Tôi không rõ”'],
  ['consent', 'Bạn cần đồng ý xử lý dữ liệu cá nhân để chúng tôi có thể tiếp nhận phản ánh, kiến nghị'],
];

test('gửi biểu mẫu trống: tóm tắt lỗi có liên kết đến từng trường, lỗi cạnh từng trường', async ({
  page,
}) => {
  await page.goto('/gop-y');
  await continueForm(page);

  const summary = page.locator('.error-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading')).toHaveText('Có lỗi cần sửa');
  // at the top: before the page heading
  const summaryFirst = await page.evaluate(() => {
    const s = document.querySelector('.error-summary');
    const h1 = document.querySelector('main h1');
    return !!s && !!h1 && !!(s.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(summaryFirst).toBe(true);
  // focused on arrival, without JavaScript too (autofocus): a screen reader reads the errors first
  await expect(summary).toBeFocused();

  for (const [id, message] of REQUIRED) {
    const link = summary.getByRole('link', { name: message, exact: true });
    await expect(link, id).toHaveAttribute('href', `#${id}`);
    await expect(page.locator(`[id="${id}-error"]`), id).toHaveText(`Lỗi: ${message}`);
    await expect(page.locator(`[id="${id}"]`), id).toHaveCount(1);
  }
  await expect(page.locator('#fullName')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#fullName')).toHaveAttribute('aria-describedby', /fullName-error/);

  const title = await page.title();
  test.info().annotations.push({
    type: 'page title',
    description: title.startsWith('Lỗi')
      ? `has an error prefix: ${title}`
      : `no error prefix (not required): ${title}`,
  });
});

test('liên kết trong tóm tắt lỗi chuyển con trỏ đến trường, lỗi vẫn còn', async ({ page }) => {
  // APP BUG (JS only): the links are plain `<a href="#id">`; with JavaScript React Router turns the
  // hash change into a navigation, which drops the action data: the summary and every inline error
  // vanish at the first click (focus does move to the field). See the report; fix in
  // app/components/form.tsx ErrorSummary (onClick: preventDefault, focus the field, scroll it in).
  await page.goto('/gop-y');
  await continueForm(page);
  const summary = page.locator('.error-summary');
  // a text input, a radio group's first radio, a select, a checkbox
  for (const [id, message] of [REQUIRED[4]!, REQUIRED[0]!, REQUIRED[10]!, REQUIRED[11]!]) {
    await summary.getByRole('link', { name: message, exact: true }).click();
    await expect(page.locator(`[id="${id}"]`), `focus after "${message}"`).toBeFocused();
    await expect(page.locator(`[id="${id}-error"]`)).toBeVisible();
  }
  await expect(summary.getByRole('link')).toHaveCount(REQUIRED.length);
});

test('sau khi gửi lỗi, ô chọn tệp trống lại: tệp không bị gửi hai lần', async ({ page }) => {
  // APP BUG (JS only): after a failed submit the file input still holds the files just sent, so the
  // next "Tiếp tục" uploads them again: the good file is attached twice and the refused file's error
  // comes back, until the citizen clears the input by hand. See the report.
  await page.goto('/gop-y');
  await fillForm(page, validForm({ phone: '123', files: [PDF, fakePdf()] }));
  await continueForm(page);
  await expect(page.locator('.accepted-files li')).toHaveCount(1);
  const input = intakeForm(page).locator('input[type="file"]');
  expect(await input.evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(0);
  await fillForm(page, { phone: '0912 345 678' });
  await continueForm(page);
  await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=/);
  await expect(summaryValue(page, 'Tệp đính kèm')).toHaveText(path.basename(PDF));
});

test('sửa một phần: giữ nguyên dữ liệu, lỗi tệp sai định dạng, số điện thoại, đồng ý; tiêu đề có thẻ script hiện dạng chữ', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const fake = fakePdf();
  const f = validForm({
    title: '<script>alert(1)</script>',
    phone: '12345',
    consent: false,
    files: [PDF, fake],
  });

  await page.goto('/gop-y');
  await continueForm(page); // the empty submit first, as a citizen might
  await expect(page.locator('.error-summary')).toBeVisible();
  await fillForm(page, f);
  await continueForm(page);

  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('link')).toHaveText([
    'Nhập số điện thoại hợp lệ: số Việt Nam như 0912 345 678, hoặc số nước ngoài có mã nước như +33 6 12 34 56 78',
    'Nội dung tệp “fake.pdf” không khớp với đuôi tên tệp',
    'Bạn cần đồng ý xử lý dữ liệu cá nhân để chúng tôi có thể tiếp nhận phản ánh, kiến nghị',
  ]);
  await expect(page.locator('#phone-error')).toContainText('Nhập số điện thoại hợp lệ');
  await expect(page.locator('#files-error')).toContainText('fake.pdf');
  await expect(page.locator('#consent-error')).toBeVisible();
  await expect(page.locator('#fullName-error')).toHaveCount(0);

  // the good attachment was kept with the draft, the bad one was not
  const accepted = page.locator('.accepted-files');
  await expect(accepted).toContainText(path.basename(PDF));
  await expect(accepted.locator('li')).toHaveCount(1);

  // everything typed is still there
  const form = intakeForm(page);
  await expect(form.locator('input[name="type"][value="kien_nghi"]')).toBeChecked();
  await expect(form.locator('input[name="subject"][value="regulation"]')).toBeChecked();
  await expect(form.locator('input[name="category"][value="2"]')).toBeChecked();
  await expect(form.locator('input[name="submitterKind"][value="individual"]')).toBeChecked();
  for (const name of [
    'fullName',
    'address',
    'phone',
    'email',
    'title',
    'content',
    'regulationRef',
  ] as const) {
    await expect(form.locator(`[name="${name}"]`), name).toHaveValue(f[name]!);
  }
  await expect(form.locator('select[name="field"] option:checked')).toHaveText(f.field!);
  await expect(form.locator('input[name="consent"]')).not.toBeChecked();
  // with JavaScript the input still holds the files (app bug, see the test above): clear it as a
  // citizen would have to, so this test checks the rest
  if (!noJs()) await form.locator('input[type="file"]').setInputFiles([]);

  await fillForm(page, { phone: '+84 912 345 678', consent: true });
  await continueForm(page);

  await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=/);
  await expect(summaryValue(page, 'Tiêu đề')).toHaveText('<script>alert(1)</script>');
  await expect(summaryValue(page, 'Số điện thoại')).toHaveText('0912345678');
  await expect(summaryValue(page, 'Tệp đính kèm')).toHaveText(path.basename(PDF));
  await expect(page.locator('main script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
