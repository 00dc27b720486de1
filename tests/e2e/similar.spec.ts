// Issue #15, citizens: a question that was answered and published before is shown to whoever writes it again.
// With JavaScript the form shows the answers while the citizen writes (a polite live region, reachable with the
// keyboard); without it the check-your-answers step shows the same list. Only public fields: never the
// submitter's name, the private text of the original, nor a PAKN that was answered but not published.
// Runs in both projects; each test seeds its own PAKN over HTTP.
import type { APIRequestContext, Locator, Page } from '@playwright/test';

import viSimilar from '~/locales/vi/similar';

import { continueForm, expect, fillForm, intakeForm, noJs, test, validForm } from './fixtures';
import { answerOverHttp, StaffClient, submitPaknHttp } from './staff-fixtures';

const SUBMITTER = 'Tôn Nữ Khánh Vy';
/** in the original PAKN only (never published): must not leak through the suggestions */
const PRIVATE_TEXT = 'Mã nội bộ của hãng là HX-BIMAT-77';
const ORIGINAL = {
  title: 'Chờ kiểm định đồng hồ tính tiền xe taxi quá lâu',
  content:
    'Hãng xe của tôi có 40 xe taxi, mỗi lần kiểm định đồng hồ tính tiền taxi phải chờ hơn một tháng tại ' +
    `trung tâm đo lường. ${PRIVATE_TEXT}. Đề nghị rút ngắn thời gian kiểm định đồng hồ tính tiền taxi.`,
};
const PUBLISHED = {
  title: 'Rút ngắn thời gian kiểm định đồng hồ tính tiền xe taxi',
  summary:
    'Doanh nghiệp vận tải phản ánh thời gian chờ kiểm định đồng hồ tính tiền xe taxi tại trung tâm đo lường ' +
    'kéo dài hơn một tháng, đề nghị rút ngắn.',
  answer:
    'Từ quý tới, trung tâm đo lường kiểm định đồng hồ tính tiền xe taxi ngay tại bãi xe của doanh nghiệp và ' +
    'trả kết quả trong năm ngày làm việc.',
};
/** answered, never published: as close to the question as the published one */
const UNPUBLISHED = {
  title: 'Kiểm định đồng hồ tính tiền xe taxi mất hơn một tháng',
  content:
    'Mang xe taxi đi kiểm định đồng hồ tính tiền tại trung tâm đo lường phải chờ hơn một tháng, đề nghị rút ' +
    'ngắn thời gian kiểm định đồng hồ tính tiền taxi.',
};
/** what the citizen writes now */
const QUESTION = {
  title: 'Kiểm định đồng hồ tính tiền taxi phải chờ quá lâu',
  content:
    'Tôi chạy xe taxi, mang xe đi kiểm định đồng hồ tính tiền ở trung tâm đo lường phải chờ hơn một tháng ' +
    'mới có kết quả. Đề nghị rút ngắn thời gian kiểm định đồng hồ tính tiền xe taxi.',
};

/** One published answer and one answered but unpublished look-alike; returns their codes. */
async function seed(request: APIRequestContext) {
  const published = await submitPaknHttp(request, { ...ORIGINAL, fullName: SUBMITTER });
  const unpublished = await submitPaknHttp(request, UNPUBLISHED);
  const id = await answerOverHttp(published.code, { body: PUBLISHED.answer });
  await answerOverHttp(unpublished.code, { body: PUBLISHED.answer });
  const coordinator = await StaffClient.signIn('coordinator');
  try {
    await coordinator.publish(id, PUBLISHED);
  } finally {
    await coordinator.dispose();
  }
  return { published: published.code, unpublished: unpublished.code };
}

function panelOf(page: Page): Locator {
  return page.locator('section.similar-answers');
}

/** The panel lists our published answer (up to three in all, each a link to a public page) and nothing private. */
async function expectSuggestions(panel: Locator, codes: { published: string; unpublished: string }) {
  await expect(panel.getByRole('heading', { name: viSimilar.public.heading })).toBeVisible();
  await expect(panel).toContainText(viSimilar.public.stillSend);
  const links = panel.getByRole('link');
  const n = await links.count();
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(3);
  for (let i = 0; i < n; i++)
    await expect(links.nth(i)).toHaveAttribute('href', /^\/cong-khai\/KHCN-\d{4}-\d{6}$/);
  const ours = panel.locator(`a[href="/cong-khai/${codes.published}"]`);
  await expect(ours).toHaveText(PUBLISHED.title);
  await expect(panel).toContainText(PUBLISHED.summary);
  for (const secret of [
    SUBMITTER,
    PRIVATE_TEXT,
    ORIGINAL.title,
    UNPUBLISHED.title,
    codes.unpublished,
    PUBLISHED.answer,
  ])
    await expect(panel).not.toContainText(secret);
  await expect(panel.locator(`a[href="/cong-khai/${codes.unpublished}"]`)).toHaveCount(0);
}

test('câu hỏi đã được trả lời công khai: gợi ý khi đang viết (có JavaScript) hoặc ở bước kiểm tra (không JavaScript), chỉ thông tin công khai', async ({
  page,
}) => {
  test.slow();
  const codes = await seed(page.request);
  await page.goto('/gop-y');
  const panel = panelOf(page);

  if (!noJs()) {
    await test.step('đang viết: bảng gợi ý hiện ra sau tiêu đề và nội dung, thông báo lịch sự', async () => {
      const form = intakeForm(page);
      await expect(form).toHaveAttribute('data-hydrated', 'true');
      await expect(panel).toHaveCount(0);
      await form.locator('#title').fill(QUESTION.title);
      await form.locator('#content').fill(QUESTION.content);
      await expect(panel).toBeVisible();
      await expectSuggestions(panel, codes);
      // inside a polite live region that was there before the answers came
      await expect(page.locator('[aria-live="polite"]').filter({ has: panel })).toHaveCount(1);
    });
    await test.step('bàn phím: từ ô nội dung, phím Tab tới câu trả lời đầu tiên và mở được nó', async () => {
      await intakeForm(page).locator('#content').focus();
      await page.keyboard.press('Tab');
      const first = panel.getByRole('link').first();
      await expect(first).toBeFocused();
      const href = await first.getAttribute('href');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
    return;
  }

  await test.step('không JavaScript: trang gõ không có gợi ý, bước kiểm tra có', async () => {
    await fillForm(page, validForm({ ...QUESTION, field: 'unknown' }));
    await expect(panel).toHaveCount(0);
    await continueForm(page);
    await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=/);
    await expect(panel).toBeVisible();
    await expectSuggestions(panel, codes);
    // the citizen may still send theirs
    await expect(page.getByRole('button', { name: /^Gửi phản ánh, kiến nghị/ })).toBeVisible();
  });
});

test('không có câu hỏi tương tự đã công khai: không hiện bảng gợi ý', async ({ page }) => {
  await page.goto('/gop-y');
  const asked = noJs() ? null : page.waitForResponse((r) => new URL(r.url()).pathname === '/gop-y/goi-y');
  await fillForm(
    page,
    validForm({
      title: 'Ứng dụng đặt lịch khám tại bệnh viện tỉnh không gửi được mã xác nhận',
      content:
        'Tôi cài ứng dụng đặt lịch khám nhưng không nhận được mã xác nhận qua tin nhắn suốt ba ngày liền, ' +
        'đề nghị kiểm tra lại hệ thống gửi tin nhắn.',
      field: 'unknown',
    }),
  );
  if (!noJs()) {
    // the suggestions were asked for and came back empty: the live region stays empty
    expect((await asked)?.status()).toBe(200);
    await expect(page.locator('section.similar-answers')).toHaveCount(0);
    return;
  }
  await continueForm(page);
  await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=/);
  await expect(page.locator('section.similar-answers')).toHaveCount(0);
});
