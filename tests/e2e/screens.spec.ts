// Full-page screenshots of the main pages at phone (375 px) and desktop (1280 px) widths, for a
// human to look at: test-results/screens/<width>-<page>.png. Nothing is compared. E2E_SLICES=1 also
// writes each page in viewport-high slices (test-results/screens/slices/), readable at full size.
import path from 'node:path';

import type { Page } from '@playwright/test';

import { continueForm, expect, fillForm, PDF, test, validForm } from './fixtures';

const DIR = path.join('test-results', 'screens');

for (const width of [375, 1280]) {
  test(`screens at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 800 ? 812 : 900 });
    const shot = async (name: string) => {
      await page.screenshot({ path: path.join(DIR, `${width}-${name}.png`), fullPage: true });
      if (process.env.E2E_SLICES !== '1') return;
      // the same page in viewport-high slices, readable at full size in an image viewer
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const slice = width < 800 ? 900 : 1000;
      for (let y = 0, i = 1; y < height; y += slice, i += 1) {
        const clip = { x: 0, y, width, height: Math.min(slice, height - y) };
        await page.screenshot({
          path: path.join(DIR, 'slices', `${width}-${name}-${i}.png`),
          fullPage: true,
          clip,
        });
      }
    };

    await page.goto('/');
    await shot('01-home');
    await page.goto('/gop-y');
    await shot('02-form');
    await continueForm(page);
    await expect(page.locator('.error-summary')).toBeVisible();
    await shot('03-form-errors');

    await fillForm(page, validForm({ files: [PDF] }));
    await continueForm(page);
    await expect(page).toHaveURL(/\/gop-y\/kiem-tra/);
    await shot('04-review');
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await expect(page).toHaveURL(/\?moi=1$/);
    await shot('05-receipt');

    await lookupError(page);
    await shot('06-lookup-error');
    await page.goto('/khong-co-trang-nay');
    await shot('07-404');
  });
}

async function lookupError(page: Page) {
  await page.goto('/theo-doi');
  await page.getByLabel('Mã số', { exact: true }).fill('KHCN-2020-000001');
  await page.getByLabel('Thư điện tử hoặc số điện thoại', { exact: true }).fill('ai-do@example.vn');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
}
