// Issue 11 on the admin pages: the agency form is checked in the browser with JavaScript (no request)
// and by the server without it, with the same message; the confirmation after saving travels in the
// flash cookie, is shown once and leaves nothing in the address. Runs in both projects.
import { expect, hydrated, test } from './staff-fixtures';

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

// The pages below share one check: a wrong form is refused before any request with JavaScript, by the
// server without it, with the same messages in the summary (linking to the field) and beside the field,
// and what was typed stays in place.
async function expectRefused(
  page: import('@playwright/test').Page,
  posts: string[],
  { field, message, kept }: { field: string; message: string; kept: Array<[string, string]> },
) {
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText(message);
  await expect(summary.locator(`a[href="#${field}"]`)).toBeVisible();
  await expect(page.locator(`#${field}-error`)).toContainText(message);
  for (const [id, value] of kept) await expect(page.locator(`#${id}`)).toHaveValue(value);
  expect(posts.length).toBe(test.info().project.name === 'nojs' ? 1 : 0);
}

function countPosts(page: import('@playwright/test').Page) {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  return posts;
}

const LIST_PAGES = [
  { path: '/can-bo/quan-tri/don-vi', button: 'Thêm đơn vị', empty: 'name', typed: ['nameEn', 'Kept office'] },
  { path: '/can-bo/quan-tri/linh-vuc', button: 'Thêm lĩnh vực', empty: 'name', typed: ['code', 'GIULAI'] },
  {
    path: '/can-bo/quan-tri/dinh-tuyen',
    button: 'Thêm từ khóa',
    empty: 'unitId',
    typed: ['keyword', 'đê điều'],
  },
  {
    path: '/can-bo/quan-tri/co-quan-chuyen',
    button: 'Thêm cơ quan',
    empty: 'name',
    typed: ['address', '1 Lê Lợi'],
  },
] as const;

for (const p of LIST_PAGES) {
  test(`${p.path}: thêm mới thiếu thông tin bị báo lỗi, giữ nội dung đã nhập`, async ({ staffPage }) => {
    const page = await staffPage('admin', p.path);
    const posts = countPosts(page);
    await page.locator(`#new-${p.typed[0]}`).fill(p.typed[1]);
    await page.getByRole('button', { name: p.button, exact: true }).click();
    await expectRefused(page, posts, {
      field: `new-${p.empty}`,
      message: 'Vui lòng nhập thông tin này.',
      kept: [[`new-${p.typed[0]}`, p.typed[1]]],
    });
    // the summary names the field, found in the browser or by the server alike
    await expect(page.locator(`.error-summary a[href="#new-${p.empty}"]`)).toHaveText(
      /^[^:]+: Vui lòng nhập thông tin này\.$/,
    );
  });
}

test('đơn vị: sửa với tên trống bị báo lỗi ở biểu mẫu sửa, không đổi dữ liệu', async ({ staffPage }) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/don-vi');
  await page.locator('tr[id^="unit-"]').first().getByRole('link', { name: /^Sửa/ }).click();
  // the edit page loaded (and, with JavaScript, running) before typing: once, on a loaded machine, the emptied
  // name did not reach the post, which carried the unit's name; the cause was not found
  await expect(page).toHaveURL(/[?&]sua=\d+#sua$/);
  await page.waitForLoadState('load');
  await hydrated(page);
  await expect(page.locator('#edit-name')).not.toHaveValue('');
  const posts = countPosts(page);
  await page.locator('#edit-name').fill('');
  await page.locator('#edit-email').fill('khong-phai-thu');
  await page.locator('#edit-form').getByRole('button', { name: 'Lưu' }).click();
  await expectRefused(page, posts, {
    field: 'edit-name',
    message: 'Vui lòng nhập thông tin này.',
    kept: [['edit-email', 'khong-phai-thu']],
  });
  await expect(page.locator('#edit-email-error')).toBeVisible();
  await expect(page.locator('#new-name-error')).toHaveCount(0);
});

test('cài đặt: số ngoài khoảng và ký hiệu văn bản sai bị báo lỗi, giữ nội dung đã nhập', async ({
  staffPage,
}) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/cai-dat');
  let posts = countPosts(page);
  await page.locator('#policy-maxAttachments').fill('0');
  await page.locator('#policy-reportCutoffDay').fill('31');
  await page.locator('section[aria-labelledby="policy-title"]').getByRole('button', { name: 'Lưu' }).click();
  await expectRefused(page, posts, {
    field: 'policy-maxAttachments',
    message: 'Nhập một số từ 1 đến 20.',
    kept: [
      ['policy-maxAttachments', '0'],
      ['policy-reportCutoffDay', '31'],
    ],
  });
  await expect(page.locator('#policy-reportCutoffDay-error')).toContainText('Nhập một số từ 1 đến 28.');

  await page.goto('/can-bo/quan-tri/cai-dat');
  await hydrated(page);
  posts = countPosts(page);
  await page.locator('#documents-agencyAbbreviation').fill('SỞ KH/CN');
  await page
    .locator('section[aria-labelledby="documents-title"]')
    .getByRole('button', { name: 'Lưu' })
    .click();
  await expectRefused(page, posts, {
    field: 'documents-agencyAbbreviation',
    message: 'Chỉ dùng chữ cái không dấu và chữ số, tối đa 20 ký tự.',
    kept: [['documents-agencyAbbreviation', 'SỞ KH/CN']],
  });
});

test('lịch làm việc: ngày điều chỉnh trống và số ngày ngoài khoảng bị báo lỗi, giữ nội dung đã nhập', async ({
  staffPage,
}) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/lich?nam=2030');
  const posts = countPosts(page);
  await page.locator('#override-note').fill('Ghi chú giữ lại');
  await page.getByRole('button', { name: 'Lưu ngày' }).click();
  await expectRefused(page, posts, {
    field: 'override-date',
    message: 'Vui lòng nhập thông tin này.',
    kept: [['override-note', 'Ghi chú giữ lại']],
  });

  // the calculator is a GET form: with JavaScript a wrong one is not sent either
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('days=')) asked.push(r.url());
  });
  await page.locator('#calc-days').fill('999');
  await page.getByRole('button', { name: 'Tính hạn' }).click();
  await expect(page.locator('#calc-days-error')).toContainText('Nhập một số từ 0 đến 365.');
  await expect(page.locator('#calc-days')).toHaveValue('999');
  expect(asked.length).toBe(test.info().project.name === 'nojs' ? 1 : 0);
});

test('tài khoản cán bộ mới: địa chỉ sai và thiếu đơn vị bị báo lỗi, giữ nội dung đã nhập', async ({
  staffPage,
}) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/nguoi-dung/moi');
  const posts = countPosts(page);
  await page.locator('#email').fill('khong-phai-thu');
  await page.locator('#name').fill('Phạm Thu');
  await page.locator('#role').selectOption('handler');
  await page.getByRole('button', { name: 'Tạo tài khoản và gửi thư' }).click();
  await expectRefused(page, posts, {
    field: 'email',
    message: 'Nhập địa chỉ thư điện tử đúng định dạng',
    kept: [
      ['email', 'khong-phai-thu'],
      ['name', 'Phạm Thu'],
      ['role', 'handler'],
    ],
  });
  await expect(page.locator('#unit-error')).toContainText('Chuyên viên xử lý phải thuộc một đơn vị');
});

test('sửa tài khoản cán bộ: họ tên trống bị báo lỗi, giữ nội dung đã nhập', async ({ staffPage }) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/nguoi-dung');
  await page.getByRole('link', { name: 'Nguyễn Minh Tuấn', exact: true }).click();
  await expect(page.locator('#name')).toHaveValue('Nguyễn Minh Tuấn');
  const posts = countPosts(page);
  await page.locator('#name').fill('');
  await page.locator('#unit').selectOption('');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expectRefused(page, posts, {
    field: 'name',
    message: 'Nhập họ và tên',
    kept: [['unit', '']],
  });
  await expect(page.locator('#unit-error')).toContainText('Chuyên viên xử lý phải thuộc một đơn vị');
});

test('khóa API: thiếu tên và quyền bị báo lỗi, giữ nội dung đã nhập', async ({ staffPage }) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/khoa-api');
  const posts = countPosts(page);
  await page.locator('#name').fill('  ');
  await page.locator('form:has(#name) button[type="submit"]').click();
  await expectRefused(page, posts, { field: 'name', message: 'Nhập tên khóa', kept: [] });
  await expect(page.locator('#scopes-error')).toContainText('Chọn ít nhất một quyền');
});

test('thêm cơ quan thành công: biểu mẫu thêm mới trống lại, có hay không có JavaScript', async ({
  staffPage,
}) => {
  const page = await staffPage('admin', '/can-bo/quan-tri/co-quan-chuyen');
  const name = `Sở Nội vụ ${test.info().project.name} ${Date.now().toString(36)}`;
  await page.locator('#new-name').fill(name);
  await page.locator('#new-address').fill('1 Lê Lợi');
  await page.getByRole('button', { name: 'Thêm cơ quan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã thêm.' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();
  // a second press would say the name is taken, as if the first had failed
  await expect(page.locator('#new-name')).toHaveValue('');
  await expect(page.locator('#new-address')).toHaveValue('');
  // the same name again: refused by the server, and what was typed stays
  await page.locator('#new-name').fill(name);
  await page.getByRole('button', { name: 'Thêm cơ quan', exact: true }).click();
  await expect(page.locator('#new-name-error')).toContainText('Tên này đã có trong danh sách.');
  await expect(page.locator('#new-name')).toHaveValue(name);
});
