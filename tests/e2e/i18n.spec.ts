// The language switch in the header: a plain form post, so it works with and without JavaScript.
import { continueForm, expect, test } from './fixtures';

test('chuyển sang tiếng Anh và trở lại tiếng Việt', async ({ page }) => {
  await page.goto('/gop-y');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi phản ánh, kiến nghị');

  const toEnglish = page.getByRole('button', { name: 'Switch to English' });
  await expect(toEnglish).toHaveText('English');
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await toEnglish.click();

  await expect(page).toHaveURL(/\/gop-y$/); // back on the same page
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send feedback');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeAttached();
  await expect(page.getByLabel('Full name', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  // numbers in English style on the English page (10,000, not the Vietnamese 10.000)
  await expect(page.locator('main')).toContainText('At most 10,000 characters.');

  // error messages in English too
  await continueForm(page);
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('heading')).toHaveText('There is a problem');
  await expect(summary.getByRole('link', { name: 'Enter your full name', exact: true })).toBeVisible();
  await expect(page.locator('#fullName-error')).toHaveText('Error: Enter your full name');
  await expect(page.locator('#email-error')).toHaveText('Error: Enter your e-mail address');
  await expect(page.locator('main')).not.toContainText('Nhập họ và tên');

  // and back (the draft address with ?t= is kept)
  const toVietnamese = page.getByRole('button', { name: 'Chuyển sang tiếng Việt' });
  await expect(toVietnamese).toHaveText('Tiếng Việt');
  await toVietnamese.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page).toHaveURL(/\/gop-y(\?t=[\w-]+)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi phản ánh, kiến nghị');
  await expect(page.getByRole('button', { name: 'Switch to English' })).toBeVisible();

  // the choice sticks across pages
  await page.goto('/theo-doi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tra cứu phản ánh, kiến nghị');
});
