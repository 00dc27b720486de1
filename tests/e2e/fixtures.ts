// Shared fixtures and helpers for the e2e specs: a per-test client address, fresh browser contexts,
// filling the citizen's form, sending a complete PAKN, and reading the mail the SMTP server received.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type BrowserContext, expect, type Page, test as base } from '@playwright/test';

export { expect };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const PDF = path.join(FIXTURES, 'giay-to.pdf');
export const PNG = path.join(FIXTURES, 'pixel.png');

export const CODE_PATTERN = /^KHCN-\d{4}-\d{6}$/;
export const DATE_PATTERN = /^\d{2}\/\d{2}\/\d{4}$/;

/** A random address in 10.0.0.0/8: the server trusts one proxy hop, so rate limits are per test. */
function randomIp() {
  const b = crypto.randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

type Fixtures = {
  /** the X-Forwarded-For this test's requests carry */
  clientIp: string;
  /**
   * A browser context as new for this test: no cookies, or those of a storage state file (a signed-in staff
   * member), this test's client address, no page. Taken from the worker's pool when one is idle there.
   */
  freshContext: (options?: { storageState?: string }) => Promise<BrowserContext>;
};

type WorkerFixtures = {
  /**
   * The contexts earlier tests of this worker used, idle, by settings. A new context costs Chromium about 0.4 s of
   * CPU more than a new page in an existing one (docs/testing.md, fourth and sixth passes); each is handed out
   * again with its pages closed, its cookies replaced and the next test's client address. The portal keeps no
   * state in the browser but cookies (no localStorage, no service worker).
   */
  contextPool: Map<string, BrowserContext[]>;
};

const closedContexts = new WeakSet<BrowserContext>();

export const test = base.extend<Fixtures, WorkerFixtures>({
  clientIp: async ({}, use) => {
    await use(randomIp());
  },
  context: async ({ context, clientIp }, use) => {
    await context.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp });
    await use(context);
  },
  contextPool: [
    async ({}, use) => {
      const pool = new Map<string, BrowserContext[]>();
      await use(pool);
      for (const idle of pool.values()) for (const ctx of idle) await ctx.close();
    },
    { scope: 'worker' },
  ],
  freshContext: async ({ browser, baseURL, javaScriptEnabled, locale, clientIp, contextPool }, use) => {
    const taken: Array<{ key: string; ctx: BrowserContext }> = [];
    await use(async (options = {}) => {
      const key = JSON.stringify([javaScriptEnabled, locale, baseURL, options.storageState ?? null]);
      let ctx = contextPool.get(key)?.pop();
      if (ctx) {
        await ctx.clearCookies();
        if (options.storageState) {
          const state = JSON.parse(fs.readFileSync(options.storageState, 'utf8')) as {
            cookies: Parameters<BrowserContext['addCookies']>[0];
          };
          await ctx.addCookies(state.cookies);
        }
        await ctx.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp });
      } else {
        ctx = await browser.newContext({
          ...options,
          baseURL,
          javaScriptEnabled,
          locale,
          extraHTTPHeaders: { 'X-Forwarded-For': clientIp },
        });
        const made = ctx;
        made.once('close', () => closedContexts.add(made));
      }
      taken.push({ key, ctx });
      return ctx;
    });
    for (const { key, ctx } of taken) {
      if (closedContexts.has(ctx)) continue; // the test closed it itself
      for (const page of ctx.pages()) await page.close();
      contextPool.set(key, [...(contextPool.get(key) ?? []), ctx]);
    }
  },
});

/** true when the current project runs without JavaScript */
export function noJs() {
  return test.info().project.name === 'nojs';
}

/**
 * With JavaScript, waits until the page's scripts have taken over its forms (root.tsx marks it): a test that
 * checks what the browser does before sending must not click while the page is still plain HTML.
 */
export async function hydrated(page: Page) {
  if (!noJs()) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

export function uniqueEmail(who = 'nguoi-gui') {
  return `${who}.${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}@example.vn`;
}

// ---------------------------------------------------------------------------------------------------
// The citizen's form

export type PaknForm = {
  type?: 'phan_anh' | 'kien_nghi';
  subject?: 'regulation' | 'behaviour';
  category?: number;
  submitterKind?: 'individual' | 'organisation';
  orgName?: string;
  representative?: string;
  fullName?: string;
  address?: string;
  phone?: string;
  email?: string;
  title?: string;
  content?: string;
  regulationRef?: string;
  /** a field's visible name, or 'unknown' */
  field?: string;
  files?: string[];
  consent?: boolean;
  showIdentity?: boolean;
};

export function validForm(overrides: Partial<PaknForm> = {}): PaknForm {
  return {
    type: 'kien_nghi',
    subject: 'regulation',
    category: 2,
    submitterKind: 'individual',
    fullName: 'Nguyễn Thị Hồng Đào',
    address: 'Số 12 đường Lê Lợi, phường 4, thành phố Tuy Hòa, tỉnh Phú Yên',
    phone: '0912 345 678',
    email: uniqueEmail(),
    title: 'Thủ tục cấp giấy phép tiến hành công việc bức xạ yêu cầu nộp bản sao có chứng thực',
    content:
      'Khi nộp hồ sơ đề nghị cấp giấy phép tiến hành công việc bức xạ, tôi phải nộp bản sao có chứng thực ' +
      'của nhiều giấy tờ đã có trong cơ sở dữ liệu quốc gia.\nĐề nghị cho phép nộp bản chụp hoặc tra cứu trực tuyến.',
    regulationRef: 'Nghị định 142/2020/NĐ-CP',
    field: 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân',
    consent: true,
    ...overrides,
  };
}

/** Fills whatever is given; fields left undefined are not touched. */
export async function fillForm(page: Page, f: PaknForm) {
  const form = intakeForm(page);
  // with JavaScript, fill the form once its code runs (hydration re-renders the category list and the file input)
  if (!noJs()) await expect(form).toHaveAttribute('data-hydrated', 'true');
  const radio = (name: string, value: string) =>
    form.locator(`input[name="${name}"][value="${value}"]`).check();
  if (f.type) await radio('type', f.type);
  if (f.subject) await radio('subject', f.subject);
  if (f.category !== undefined) await radio('category', String(f.category));
  if (f.submitterKind) await radio('submitterKind', f.submitterKind);
  const text = [
    'orgName',
    'representative',
    'fullName',
    'address',
    'phone',
    'email',
    'title',
    'content',
    'regulationRef',
  ] as const;
  for (const name of text) {
    const value = f[name];
    if (value !== undefined) await form.locator(`[name="${name}"]`).fill(value);
  }
  if (f.field !== undefined) {
    const select = form.locator('select[name="field"]');
    if (f.field === 'unknown') await select.selectOption('unknown');
    else await select.selectOption({ label: f.field });
  }
  if (f.files) await form.locator('input[type="file"][name="files"]').setInputFiles(f.files);
  if (f.consent !== undefined) await form.locator('input[name="consent"]').setChecked(f.consent);
  if (f.showIdentity !== undefined)
    await form.locator('input[name="showIdentity"]').setChecked(f.showIdentity);
}

/** The citizen's form (the only multipart form of the site). */
export function intakeForm(page: Page) {
  return page.locator('main form[enctype="multipart/form-data"]');
}

/**
 * Clicks "Tiếp tục" / "Continue" and waits for the answer: the server's (a new document without JS), or,
 * with JavaScript, the browser's own check when it stops a wrong form without files (no request; the
 * error summary comes up focused).
 */
export async function continueForm(page: Page) {
  const button = intakeForm(page).locator('button[type="submit"]');
  if (noJs()) {
    await Promise.all([page.waitForEvent('framenavigated'), button.click()]);
    await page.waitForLoadState('load');
  } else {
    const answered = page
      .waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/gop-y')
      .then(() => 'server' as const);
    const stopped = page
      .locator('.error-summary:focus')
      .waitFor()
      .then(() => 'browser' as const);
    await button.click();
    await Promise.race([answered, stopped]);
    // the loser keeps waiting until the page closes
    answered.catch(() => undefined);
    stopped.catch(() => undefined);
  }
}

/** Sends a complete PAKN from the form to the receipt page; returns its code and the e-mail used. */
export async function sendPakn(page: Page, overrides: Partial<PaknForm> = {}) {
  const form = validForm(overrides);
  await page.goto('/gop-y');
  await fillForm(page, form);
  await continueForm(page);
  await expect(page).toHaveURL(/\/gop-y\/kiem-tra\?t=/);
  await page.getByRole('button', { name: /^(Gửi phản ánh, kiến nghị|Send)/ }).click();
  await expect(page).toHaveURL(/\/theo-doi\/KHCN-\d{4}-\d{6}\?moi=1$/);
  const code = (await page.locator('.code-big').innerText()).trim();
  expect(code).toMatch(CODE_PATTERN);
  return { code, form };
}

/** A copy of pixel.png named fake.pdf: PNG bytes behind a .pdf name. */
export function fakePdf(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pakn-e2e-'));
  const file = path.join(dir, 'fake.pdf');
  fs.copyFileSync(PNG, file);
  return file;
}

// ---------------------------------------------------------------------------------------------------
// Mail received by the test SMTP server (one JSON file per message, written by global-setup.ts)

export type ReceivedMail = {
  seq: number;
  receivedAt: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

function mailDir() {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run through `npx playwright test` (global setup)');
  return dir;
}

/** the messages this worker has read, by file: a message file never changes once it exists (global-setup.ts) */
const readMail = new Map<string, ReceivedMail>();

export function mailFor(address: string): ReceivedMail[] {
  const wanted = address.toLowerCase();
  return fs
    .readdirSync(mailDir())
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      let mail = readMail.get(f);
      if (!mail) {
        mail = JSON.parse(fs.readFileSync(path.join(mailDir(), f), 'utf8')) as ReceivedMail;
        readMail.set(f, mail);
      }
      return mail;
    })
    .filter((m) => m.to.includes(wanted));
}

/** The latest message to `address` (optionally whose subject matches), waiting up to `timeout` ms. */
export async function latestMail(
  address: string,
  opts: { subject?: RegExp | string; timeout?: number } = {},
) {
  const { subject, timeout = 15_000 } = opts;
  const matches = (m: ReceivedMail) =>
    !subject || (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject));
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = mailFor(address).filter(matches).at(-1);
        return found !== undefined;
      },
      {
        timeout,
        intervals: [100, 100, 250],
        message: `an e-mail to ${address}${subject ? ` (${subject})` : ''}`,
      },
    )
    .toBe(true);
  return found!;
}

export function privateLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/[^\s"'<>]+\/theo-doi\/truy-cap\/[A-Za-z0-9_-]+/.exec(mail.text || mail.html)?.[0];
  if (!link) throw new Error(`no private link in the e-mail "${mail.subject}"`);
  return link;
}

// ---------------------------------------------------------------------------------------------------
// Reading pages

/** The value cell(s) of a summary-list row, found by its exact label. */
export function summaryValue(page: Page, label: string) {
  return page
    .locator('.summary-row')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
    .locator('dd:not(.summary-action)')
    .first();
}

/** Today as dd/mm/yyyy in Vietnam's time zone. */
export function todayVi(): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());
}

export function parseViDate(s: string): Date {
  const [d, m, y] = s.split('/').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}
