// Issue #4, with JavaScript: publishing an answer that names its submitter (the personal-data check, no
// publication without a decision per flag, redact all and publish), finding it in the public list without
// diacritics, the public page showing the marker instead of the name and phone; the VI.1 notice printed;
// the submitter's rating with a request for reconsideration reaching the coordinator's queue; axe on the
// staff and public pages of these journeys.
import type { APIRequestContext } from '@playwright/test';

import { expectNoSeriousViolations } from './axe';
import { latestMail, todayVi } from './fixtures';
import { answerOverHttp, expect, recordRow, StaffClient, submitPaknHttp, test } from './staff-fixtures';

const NAME = 'Nguyễn Thị Hồng Đào';
const PHONE = '0912 345 678';
const MARKER = '[đã ẩn thông tin cá nhân]';
const TITLE = 'Bỏ yêu cầu bản sao chứng thực khi xin giấy phép tiến hành công việc bức xạ';
const CONTENT =
  `Tôi là ${NAME}, điện thoại ${PHONE}. Khi nộp hồ sơ đề nghị cấp giấy phép tiến hành công việc bức xạ ` +
  'cho phòng khám, tôi phải nộp bản sao có chứng thực của các giấy tờ đã có trong cơ sở dữ liệu quốc gia.\n' +
  'Đề nghị cho phép nộp bản chụp hoặc tra cứu trực tuyến.';
const ANSWER =
  `Kính gửi bà ${NAME} (điện thoại ${PHONE}).\n\n` +
  'Sở Khoa học và Công nghệ tiếp thu kiến nghị. Từ quý III, hồ sơ cấp giấy phép tiến hành công việc ' +
  'bức xạ được nộp bản chụp; Sở tự tra cứu giấy tờ trong cơ sở dữ liệu quốc gia.';

/** A citizen sends the PAKN above; staff answer it over HTTP. Returns the record id, the code and e-mail. */
async function answeredPakn(request: APIRequestContext) {
  const { code, form } = await submitPaknHttp(request, {
    fullName: NAME,
    phone: PHONE,
    title: TITLE,
    content: CONTENT,
  });
  const id = await answerOverHttp(code, {
    body: ANSWER,
    outcome: 'amend',
    // a question on the public timeline, naming the submitter: it must be redacted there too
    question: `Đề nghị bà ${NAME} cho biết số giấy phép hiện có; có thể gọi lại số ${PHONE}.`,
  });
  return { id, code, email: form.email! };
}

test('công khai kết quả: phát hiện họ tên và số điện thoại, phải quyết định từng mục, ẩn hết rồi công khai; tìm không dấu', async ({
  page,
  staffPage,
}) => {
  test.slow();
  const { id, code } = await answeredPakn(page.request);
  const coordinator = await staffPage('coordinator', `/can-bo/pakn/${id}`);

  await test.step('từ trang hồ sơ đến trang công khai', async () => {
    await expect(recordRow(coordinator, 'Trạng thái')).toHaveText('Đã trả lời');
    await coordinator.getByRole('link', { name: 'Công khai kết quả' }).click();
    await expect(coordinator).toHaveURL(new RegExp(`/can-bo/pakn/${id}/cong-khai$`));
    await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(`Công khai kết quả ${code}`);
    await expect(recordRow(coordinator, 'Tình trạng công khai')).toHaveText('Chưa công khai');
    // prefilled from the record: the submitter's own words and the approved answer
    await expect(coordinator.locator('#title')).toHaveValue(TITLE);
    await expect(coordinator.locator('#summary')).toHaveValue(CONTENT);
    await expect(coordinator.locator('#answer')).toHaveValue(ANSWER);
    await expectNoSeriousViolations(coordinator, 'publish page');
  });

  const flags = coordinator.locator('section[aria-labelledby="flags-title"]');
  await test.step('kiểm tra: họ tên và số điện thoại được đánh dấu trong tóm tắt và nội dung trả lời', async () => {
    await coordinator.getByRole('button', { name: 'Kiểm tra thông tin cá nhân' }).click();
    await expect(flags.getByRole('heading', { name: 'Thông tin cá nhân được phát hiện' })).toBeVisible();
    const legends = (await flags.locator('legend').allInnerTexts()).map((l) => l.trim());
    for (const expected of [
      `Họ tên trong tóm tắt: “${NAME}”`,
      `Số điện thoại trong tóm tắt: “${PHONE}”`,
      `Họ tên trong nội dung trả lời: “${NAME}”`,
      `Số điện thoại trong nội dung trả lời: “${PHONE}”`,
    ]) {
      expect(legends, expected).toContain(expected);
    }
    // the context is shown with the match highlighted
    await expect(flags.locator('mark', { hasText: NAME }).first()).toBeVisible();
    await expectNoSeriousViolations(coordinator, 'publish page with flags');
  });

  await test.step('công khai khi chưa quyết định: bị từ chối, mỗi mục một lỗi', async () => {
    await coordinator.getByRole('button', { name: 'Công khai', exact: true }).click();
    const summary = coordinator.locator('.error-summary');
    await expect(summary).toBeVisible();
    const groups = await flags.locator('fieldset').count();
    await expect(summary.getByRole('link')).toHaveCount(groups);
    await expect(summary).toContainText(`Chọn Ẩn hoặc Giữ lại cho “${NAME}” (Họ tên trong tóm tắt)`);
    await expect(summary).toContainText(
      `Chọn Ẩn hoặc Giữ lại cho “${PHONE}” (Số điện thoại trong nội dung trả lời)`,
    );
    await expect(recordRow(coordinator, 'Tình trạng công khai')).toHaveText('Chưa công khai');
    const pub = await coordinator.request.get(`/cong-khai/${code}`);
    expect(pub.status(), 'nothing is public yet').toBe(404);
  });

  await test.step('“Ẩn tất cả số điện thoại”, “Ẩn tất cả họ tên”, rồi công khai', async () => {
    const ofKind = (kind: string) =>
      flags.locator('.flag', { has: coordinator.locator('legend', { hasText: kind }) });
    for (const [button, kind] of [
      [/^Ẩn tất cả số điện thoại \(\d+\)$/, 'Số điện thoại trong'],
      [/^Ẩn tất cả họ tên \(\d+\)$/, 'Họ tên trong'],
    ] as const) {
      await coordinator.getByRole('button', { name: button }).click();
      await expect(coordinator.locator('p.notice[role="status"]')).toContainText('Đã chọn Ẩn');
      const redact = ofKind(kind).getByRole('radio', { name: 'Ẩn', exact: true });
      expect(await redact.count()).toBeGreaterThanOrEqual(2);
      for (const r of await redact.all()) await expect(r).toBeChecked();
    }
    // what was typed is kept, and the other kinds are still to be decided one by one
    await expect(coordinator.locator('#answer')).toHaveValue(ANSWER);
    const redact = flags.getByRole('radio', { name: 'Ẩn', exact: true });
    const n = await redact.count();
    expect(n).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < n; i++) await redact.nth(i).check();
    await coordinator.getByRole('button', { name: 'Công khai', exact: true }).click();
    // the confirmation comes once, from the flash cookie: nothing in the address
    await expect(coordinator).toHaveURL(new RegExp(`/can-bo/pakn/${id}/cong-khai$`));
    await expect(coordinator.getByRole('status').filter({ hasText: 'Đã công khai kết quả.' })).toBeVisible();
    await expect(recordRow(coordinator, 'Tình trạng công khai')).toContainText(
      `Đã công khai từ ngày ${todayVi()}`,
    );
    await expect(coordinator.locator('#summary')).not.toHaveValue(new RegExp(NAME));
    await expect(coordinator.locator('#answer')).toHaveValue(new RegExp(escapeRe(MARKER)));
  });

  await test.step('danh sách công khai: tìm “buc xa” (không dấu) ra kết quả', async () => {
    await page.goto('/cong-khai');
    await page.getByLabel('Tìm kiếm', { exact: true }).fill('buc xa');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=buc\+xa/);
    const result = page.locator('ol.result-list > li', { hasText: code });
    await expect(result).toHaveCount(1);
    await expect(result.getByRole('link')).toHaveText(TITLE);
    await expect(result).not.toContainText(NAME);
    await expect(result).not.toContainText(PHONE);
    await expectNoSeriousViolations(page, 'public list with search');
    // a word that is not there finds nothing
    await page.goto('/cong-khai?q=buc+xa+khongcotu');
    await expect(page.locator('ol.result-list > li', { hasText: code })).toHaveCount(0);
  });

  await test.step('trang công khai: dấu “đã ẩn”, không có họ tên và số điện thoại', async () => {
    await page.goto('/cong-khai?q=buc+xa');
    await page.locator('ol.result-list > li', { hasText: code }).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/cong-khai/${code}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    const main = page.locator('main');
    await expect(main).toContainText(MARKER);
    await expect(page.locator('.answer-body')).toContainText(MARKER);
    await expect(page.locator('.answer-body')).toContainText('tiếp thu kiến nghị');
    const text = await page.locator('body').innerText();
    for (const pii of [NAME, PHONE, PHONE.replace(/ /g, ''), 'Hồng Đào']) {
      expect(text, `"${pii}" is not on the public page`).not.toContain(pii);
    }
    // the public timeline's notes pass through the detector as well
    await expect(page.locator('ol.timeline')).toContainText(MARKER);
    await expectNoSeriousViolations(page, 'public answer page');
  });
});

test('bản niêm yết VI.1: in ra A4 có mã QR và địa chỉ', async ({ page }) => {
  await page.goto('/noi-tiep-nhan');
  await expect(page.getByRole('heading', { name: 'Bản niêm yết (in khổ A4)' })).toBeVisible();
  await page.getByRole('link', { name: 'In bản niêm yết' }).click();
  await expect(page).toHaveURL(/\/noi-tiep-nhan\/ban-in$/);
  await page.emulateMedia({ media: 'print' });
  const notice = page.locator('.a4-notice');
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('ĐỊA CHỈ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ');
  await expect(notice).toContainText('Số 08 Trần Phú, Phường 7, thành phố Tuy Hòa, tỉnh Phú Yên');
  await expect(notice).toContainText('0257 3842 124');
  const qr = notice.locator('.qr');
  await expect(qr).toHaveAttribute('role', 'img');
  await expect(qr).toHaveAttribute('aria-label', /\/gop-y$/);
  const svg = qr.locator('svg');
  await expect(svg).toBeVisible();
  const box = await svg.boundingBox();
  expect(box!.width).toBeGreaterThan(100); // 45 mm
  expect(await svg.locator('path, rect').count()).toBeGreaterThan(0);
  await expect(notice).toContainText(/https?:\/\/\S+\/gop-y/);
  // printing hides the site's header and footer
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // one A4 page
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
});

test('người gửi chưa hài lòng, đề nghị xem xét lại: cán bộ đầu mối thấy ở tab “Đề nghị xem xét lại”', async ({
  page,
  freshContext,
  staffPage,
}) => {
  test.slow();
  const { id, code, email } = await answeredPakn(page.request);

  await test.step('người gửi đánh giá từ liên kết trong thư trả lời', async () => {
    const mail = await latestMail(email, { subject: 'Trả lời phản ánh, kiến nghị' });
    const link = /https?:\/\/\S+\/danh-gia\/\d+\.[A-Za-z0-9_-]{32}/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    const citizen = await (await freshContext()).newPage();
    await citizen.goto(link!);
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Đánh giá kết quả trả lời');
    await expect(citizen.locator('main')).toContainText(code);
    await expect(citizen.locator('main')).not.toContainText(NAME);
    await citizen.getByLabel('Chưa hài lòng', { exact: true }).check();
    await citizen
      .getByLabel('Ý kiến thêm', { exact: true })
      .fill('Trả lời chưa nêu thời điểm cụ thể áp dụng và văn bản nào sẽ được sửa đổi.');
    await citizen.getByLabel('Tôi đề nghị cơ quan xem xét lại kết quả trả lời', { exact: true }).check();
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Cảm ơn Ông/Bà đã đánh giá.');
    await expect(citizen.locator('main')).toContainText(
      'Đề nghị xem xét lại đã được chuyển đến bộ phận tiếp nhận.',
    );
  });

  const coordinator = await staffPage('coordinator');
  await test.step('tab “Đề nghị xem xét lại” của cán bộ đầu mối', async () => {
    await coordinator.getByRole('link', { name: /^Đề nghị xem xét lại/ }).click();
    await expect(coordinator).toHaveURL(/\/can-bo\?tab=reconsider$/);
    await expect(coordinator.locator('.staff-tabs a[aria-current="page"]')).toContainText(
      'Đề nghị xem xét lại',
    );
    const row = coordinator.locator('table.staff-table tbody tr', { hasText: code });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Đã trả lời');
    await expectNoSeriousViolations(coordinator, 'queue, reconsider tab');

    await row.getByRole('link', { name: code }).click();
    await expect(coordinator).toHaveURL(new RegExp(`/can-bo/pakn/${id}$`));
    await expect(coordinator.locator('ol.timeline')).toContainText('Người gửi đề nghị xem xét lại');
    // the coordinator may send it back to the unit from here
    await expect(coordinator.locator('details#action-reopen summary')).toHaveText('Mở lại để xem xét lại');
    await expectNoSeriousViolations(coordinator, 'record page');
  });
});

test('axe: hàng đợi và trang hồ sơ của cán bộ đầu mối (chờ phân loại, biểu mẫu mở)', async ({
  page,
  staffPage,
}) => {
  const { code } = await submitPaknHttp(page.request, {
    title: 'Thủ tục đăng ký nhãn hiệu cho sản phẩm khoa học',
  });
  const coordinator = await staffPage('coordinator');
  await expectNoSeriousViolations(coordinator, 'queue, classify tab');
  const client = await StaffClient.signIn('coordinator');
  const id = await client.idOf(code);
  await client.dispose();
  await coordinator.goto(`/can-bo/pakn/${id}`);
  // every action form open, as a keyboard user would open them
  for (const summary of await coordinator.locator('details.staff-action > summary').all())
    await summary.click();
  await expectNoSeriousViolations(coordinator, 'record page, received, forms open');
});

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
