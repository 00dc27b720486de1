// The citizen's whole journey, with and without JavaScript: home → form (Vietnamese text, one PDF) →
// check your answers → back to change an answer (the file stays) → send → receipt → receipt e-mail →
// private link in a fresh browser → status.
import path from 'node:path';

import {
  CODE_PATTERN,
  continueForm,
  DATE_PATTERN,
  expect,
  fillForm,
  latestMail,
  parseViDate,
  PDF,
  privateLinkIn,
  summaryValue,
  test,
  todayVi,
  validForm,
} from './fixtures';

test('gửi phản ánh, kiến nghị từ trang chủ đến thư xác nhận và trang tra cứu riêng', async ({
  page,
  freshContext,
}) => {
  const f = validForm({ files: [PDF] });
  const pdfName = path.basename(PDF);

  await test.step('home → start', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Gửi phản ánh, kiến nghị về quy định hành chính',
    );
    await page.getByRole('link', { name: 'Bắt đầu gửi phản ánh, kiến nghị' }).click();
    await expect(page).toHaveURL(/\/gop-y$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi phản ánh, kiến nghị');
  });

  await test.step('fill the form and continue', async () => {
    // the labels are real labels: a few fields by their Vietnamese name, the rest through the helper
    await page.getByLabel('Họ và tên', { exact: true }).fill(f.fullName!);
    await page.getByLabel('Tiêu đề', { exact: true }).fill(f.title!);
    await fillForm(page, { ...f, fullName: undefined, title: undefined });
    await continueForm(page);
  });

  await test.step('check your answers shows everything', async () => {
    await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=[A-Za-z0-9_-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra lại thông tin trước khi gửi');
    const expected: Array<[string, string]> = [
      ['Bạn muốn gửi', 'Kiến nghị'],
      ['Phản ánh, kiến nghị của bạn về', 'Quy định hành chính'],
      ['Nội dung cụ thể', 'Quy định không phù hợp với thực tế'],
      ['Tiêu đề', f.title!],
      ['Quy định, thủ tục hành chính liên quan', f.regulationRef!],
      ['Lĩnh vực', f.field!],
      ['Bạn gửi với tư cách', 'Cá nhân'],
      ['Họ và tên', f.fullName!],
      ['Địa chỉ liên hệ', f.address!],
      ['Số điện thoại', '0912345678'],
      ['Thư điện tử', f.email!],
      ['Tệp đính kèm', pdfName],
      ['Đồng ý xử lý dữ liệu cá nhân', 'Đã đồng ý'],
    ];
    for (const [label, value] of expected) {
      await expect(summaryValue(page, label), label).toHaveText(value);
    }
    // multi-line content keeps its line break
    expect(await summaryValue(page, 'Nội dung').innerText()).toBe(f.content);
  });

  await test.step('back to the form to change the title: everything and the file are kept', async () => {
    await page.getByRole('link', { name: 'Sửa Tiêu đề' }).click();
    await expect(page).toHaveURL(/\/gop-y\?t=[A-Za-z0-9_-]+#title$/);
    await expect(page.getByLabel('Tiêu đề', { exact: true })).toHaveValue(f.title!);
    await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue(f.fullName!);
    const accepted = page.getByRole('group', { name: 'Tệp đã nhận' });
    await expect(accepted).toContainText(pdfName);
    f.title = `${f.title} (đã sửa)`;
    await page.getByLabel('Tiêu đề', { exact: true }).fill(f.title);
    await continueForm(page);
    await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=[A-Za-z0-9_-]+$/);
    await expect(summaryValue(page, 'Tiêu đề')).toHaveText(f.title);
    await expect(summaryValue(page, 'Tệp đính kèm')).toHaveText(pdfName);
  });

  let code = '';
  await test.step('send → receipt with code, received and due dates', async () => {
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await expect(page).toHaveURL(/\/theo-doi\/KHCN-\d{4}-\d{6}\?moi=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã tiếp nhận phản ánh, kiến nghị');
    code = (await page.locator('.code-big').innerText()).trim();
    expect(code).toMatch(CODE_PATTERN);
    expect(page.url()).toContain(code);
    await expect(
      page.getByText(`Chúng tôi đã gửi thư xác nhận kèm đường dẫn tra cứu riêng đến ${f.email}.`),
    ).toBeVisible();

    const received = (await summaryValue(page, 'Ngày tiếp nhận').innerText()).trim();
    expect(received).toMatch(DATE_PATTERN);
    expect(received).toBe(todayVi());
    const dueCell = summaryValue(page, 'Hạn trả lời');
    const due = (await dueCell.innerText()).trim().split('\n')[0]!.trim();
    expect(due).toMatch(DATE_PATTERN);
    expect(parseViDate(due).getTime()).toBeGreaterThan(parseViDate(received).getTime());
    await expect(page.locator('.timeline')).toContainText(`Tiếp nhận và vào sổ, mã số ${code}`);
  });

  await test.step('the receipt e-mail arrives with the code and the private link', async () => {
    const mail = await latestMail(f.email!, { subject: code });
    expect(mail.subject).toContain(code);
    expect(mail.subject).toBe(`[${code}] Đã tiếp nhận phản ánh, kiến nghị của Ông/Bà`);
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hồng Đào');
    expect(mail.text).toContain(f.title);
    const link = privateLinkIn(mail);
    expect(link.startsWith(test.info().project.use.baseURL!)).toBe(true);

    await test.step('the private link opens the status page in a fresh browser', async () => {
      const other = await (await freshContext()).newPage();
      await other.goto(link);
      await expect(other).toHaveURL(new RegExp(`/theo-doi/${code}$`));
      await expect(other.getByRole('heading', { level: 1 })).toHaveText(`Phản ánh, kiến nghị ${code}`);
      await expect(summaryValue(other, 'Tình trạng')).toContainText('Đã tiếp nhận');
      await expect(other.getByRole('heading', { name: 'Quá trình xử lý' })).toBeVisible();
      await expect(other.locator('.timeline li')).toHaveCount(1);
      await expect(other.locator('.timeline')).toContainText(`Tiếp nhận và vào sổ, mã số ${code}`);
      await expect(summaryValue(other, 'Tiêu đề')).toHaveText(f.title!);
      await expect(summaryValue(other, 'Tệp đính kèm')).toContainText(pdfName);
      await expect(other.getByText('Đường dẫn tra cứu không đúng')).toHaveCount(0);
    });
  });
});
