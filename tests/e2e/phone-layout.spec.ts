// Issue 13 item 23: at 375 px (a common phone) no page scrolls sideways: charts scale with their
// container, wide tables scroll inside their own box. Measured as documentElement.scrollWidth.
import { expectNoSeriousViolations } from './axe';
import { expect, noJs, sendPakn, test } from './fixtures';
import { signIn, submitPaknHttp } from './staff-fixtures';

test.use({ viewport: { width: 375, height: 800 } });

async function pageWidth(page: import('@playwright/test').Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Where the leftmost bar label of the page's charts starts, in the charts' own units: below 0 it is cut off. */
async function leftmostBarLabel(page: import('@playwright/test').Page) {
  return page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll<SVGTextElement>('main svg text[text-anchor="end"]')].map(
        (t) => t.getBBox().x,
      ),
    ),
  );
}

test('the printable notice fits a 375 px screen', async ({ page }) => {
  await page.goto('/noi-tiep-nhan/ban-in');
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
});

test("the API's documentation fits a 375 px screen, its examples scroll in their own box", async ({
  page,
}) => {
  await page.goto('/api/v1/docs');
  await expect(page.locator('main h1')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  // a box that scrolls can be reached by keyboard
  if (!noJs()) await expectNoSeriousViolations(page, 'API documentation at 375 px');
});

test('a published report fits a 375 px screen, its charts readable', async ({ page }) => {
  test.skip(noJs(), 'layout is the same without JavaScript; publishing once is enough');
  await signIn(page, 'coordinator', '/can-bo/bao-cao?period=year&year=2025');
  // the long labels (content categories, refusal reasons) keep their start, the code or number first
  // (walk-through of 06/12/2026: "1. Hành vi…" showed as ". Hành vi…")
  expect(await leftmostBarLabel(page)).toBeGreaterThanOrEqual(0);
  const publish = page.getByRole('button', { name: 'Công bố báo cáo kỳ này' });
  // a second run on the same database finds it already published: either way it is on /thong-ke
  if (await publish.isVisible()) {
    await publish.click();
    // wait for the confirmation (leaving earlier could abort the post)
    await expect(page.getByText(/Đã công bố báo cáo, văn bản số|đã được công bố/).first()).toBeVisible();
  }
  await page.goto('/thong-ke');
  const link = page.locator('a[href^="/thong-ke/bao-cao/"]').first();
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.locator('main h1')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  expect(await page.locator('main svg').count()).toBeGreaterThan(0);
  expect(await leftmostBarLabel(page)).toBeGreaterThanOrEqual(0);
  for (const svg of await page.locator('main svg').all()) {
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(375);
    expect(box.width).toBeGreaterThan(250);
  }
});

test('the printable receipt opens from the receipt page, without JavaScript too, and fits a phone', async ({
  page,
}) => {
  const { code } = await sendPakn(page);
  await page.getByRole('link', { name: 'In giấy biên nhận (khổ A4)' }).click();
  await expect(page).toHaveURL(new RegExp(`/theo-doi/${code}/bien-nhan$`));
  await expect(page.locator('main h1')).toHaveText('GIẤY BIÊN NHẬN');
  await expect(page.locator('main')).toContainText(code);
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
});

test('the working-day calendar page fits a 375 px screen, its tables scroll in their own box', async ({
  page,
}) => {
  await signIn(page, 'admin', '/can-bo/quan-tri/lich?nam=2026');
  await expect(page.locator('main h1')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
});

test('the staff queue, reports and overview fit a 375 px screen, in Vietnamese and English (walk-through)', async ({
  page,
  baseURL,
}) => {
  test.skip(noJs(), 'layout is the same without JavaScript');
  // a row in the queue, with a long title and code, so that its table has something to be wide with
  await submitPaknHttp(page.request);
  await signIn(page, 'coordinator', '/can-bo');
  for (const lng of ['vi', 'en']) {
    await page.context().addCookies([{ name: 'lng', value: lng, url: baseURL! }]);
    for (const path of ['/can-bo', '/can-bo/bao-cao?period=year&year=2025', '/can-bo/tong-quan']) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
      expect(await pageWidth(page), `${path} (${lng})`).toBeLessThanOrEqual(375);
    }
  }
});
