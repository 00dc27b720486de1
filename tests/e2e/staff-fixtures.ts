// Staff helpers for the e2e specs: the accounts global setup seeded (E2E_STAFF), signing in through the
// real form, acting on a record page through its small per-intent forms, a fast HTTP client for staff
// and citizens (to set up a PAKN in a given state without clicking through every page), and axe.
import crypto from 'node:crypto';

import {
  type APIRequestContext,
  type APIResponse,
  type Page,
  request as playwrightRequest,
} from '@playwright/test';

import viStaff from '~/locales/vi/staff';

import { expect, hydrated, type PaknForm, test as base, validForm } from './fixtures';
import type { StaffAccount, StaffAccounts, StaffRole } from './global-setup';

export type { StaffAccount, StaffRole };

/** The seeded unit every handler/approver account belongs to (db/seed-data.ts, code QLKHCN). */
export const UNIT_NAME = 'Phòng Quản lý Khoa học và Công nghệ';
export const UNIT_EMAIL = 'qlkhcn@skhcn.phuyen.gov.vn';
/** a dd/mm/yyyy hh:mm time stamp as the record page's timeline shows it */
export const DATE_TIME = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;

export function staffAccount(role: StaffRole): StaffAccount {
  const raw = process.env.E2E_STAFF;
  if (!raw) throw new Error('E2E_STAFF is not set: run through `npx playwright test` (global setup)');
  return (JSON.parse(raw) as StaffAccounts)[role];
}

// ---------------------------------------------------------------------------------------------------
// In the browser

/** Signs in through /can-bo/dang-nhap and lands on the queue (works with and without JavaScript). */
export async function signIn(page: Page, role: StaffRole, redirectTo?: string) {
  const who = staffAccount(role);
  await page.goto(
    redirectTo ? `/can-bo/dang-nhap?redirectTo=${encodeURIComponent(redirectTo)}` : '/can-bo/dang-nhap',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cán bộ đăng nhập');
  await page.getByLabel('Địa chỉ thư điện tử', { exact: true }).fill(who.email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).toHaveURL(redirectTo ? new RegExp(`${escapeRe(redirectTo)}$`) : /\/can-bo$/);
  await expect(page.locator('.staff-user')).toContainText(who.name);
  return who;
}

/** The storage state global setup saved for `role`: a session signed in through the form's post. */
function staffState(role: StaffRole): string {
  const raw = process.env.E2E_STAFF_STATES;
  if (!raw) throw new Error('E2E_STAFF_STATES is not set: run through `npx playwright test` (global setup)');
  return (JSON.parse(raw) as Record<StaffRole, string>)[role];
}

type StaffFixtures = {
  /**
   * How `staffPage` signs in: 'stored' opens the page with the session global setup signed in once per
   * role (most tests are not about signing in); 'form' fills the sign-in form in the browser, as
   * staff-journey.spec.ts does (`test.use({ staffSignIn: 'form' })`).
   */
  staffSignIn: 'stored' | 'form';
  /** a new browser context (own cookies, this test's client address) signed in as `role` */
  staffPage: (role: StaffRole, redirectTo?: string) => Promise<Page>;
};

export const test = base.extend<StaffFixtures>({
  staffSignIn: ['stored', { option: true }],
  staffPage: async ({ freshContext, staffSignIn }, use) => {
    await use(async (role, redirectTo) => {
      if (staffSignIn === 'form') {
        const page = await (await freshContext()).newPage();
        await signIn(page, role, redirectTo);
        await hydrated(page);
        return page;
      }
      const page = await (await freshContext({ storageState: staffState(role) })).newPage();
      await page.goto(redirectTo ?? '/can-bo');
      // the same checks as after signing in through the form: the page asked for, as this staff member
      await expect(page).toHaveURL(redirectTo ? new RegExp(`${escapeRe(redirectTo)}$`) : /\/can-bo$/);
      await expect(page.locator('.staff-user')).toContainText(staffAccount(role).name);
      await hydrated(page);
      return page;
    });
  },
});

export { expect, hydrated };

/** The id in /can-bo/pakn/ID of the row with this code, found with the queue's search in one tab. */
export async function openFromQueue(page: Page, code: string, tab = 'all'): Promise<number> {
  await page.goto(`/can-bo?tab=${tab}`);
  await page.getByLabel('Tìm kiếm', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=KHCN/);
  const link = page.locator('table.staff-table tbody th a', { hasText: code });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Phản ánh, kiến nghị ${code}`);
  // the heading comes early in the answer: the rest of the record page (its actions) must be there too
  // before a caller reads it once, without waiting (see act)
  await page.waitForLoadState('load');
  const id = Number(/\/can-bo\/pakn\/(\d+)/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** The form of one intent on the record page (the hidden `intent` input tells them apart). */
export function actionForm(page: Page, intent: string) {
  return page
    .locator('form.staff-action-form')
    .filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
}

/**
 * Runs one intent on the record page: opens its <details> (forms with fields), fills the fields by id
 * (`${intent}-${name}`; a select takes a value or { label }), submits, and waits for the "done" notice
 * naming this step (two runs of the same intent need a page load in between).
 */
export async function act(
  page: Page,
  intent: string,
  fields: Record<string, string | { label: string }> = {},
) {
  // Wait for the form first, then look for its <details>. A check that does not wait (`count()`) can run
  // while the record page is still arriving: after a link click the heading is already there but the
  // actions, below the similar-PAKN panel, are not; the <details> was then taken for absent, never
  // opened, and the select stayed hidden until the test's time ran out (the no-JavaScript journey's
  // flake). Once the form is in the document, so is the <details> around it.
  const form = actionForm(page, intent);
  await expect(form).toHaveCount(1);
  const details = form.locator('xpath=ancestor::details[1]');
  if ((await details.count()) > 0) {
    await expect(details).toHaveAttribute('id', `action-${intent}`);
    // opened and seen open: a click on the summary that came while the page was still settling is tried again
    await expect(async () => {
      if (!(await details.evaluate((d: HTMLDetailsElement) => d.open)))
        await details.locator('summary').click();
      expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    }).toPass({ timeout: 15_000 });
  }
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[id="${intent}-${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value as string);
  }
  await form.locator('button[type="submit"]').click();
  // the confirmation names this very step (it comes in the flash cookie; the address stays the record's)
  const actions: Record<string, string> = viStaff.actions;
  await expect(page.locator('p.notice[role="status"]')).toHaveText(`Đã thực hiện: ${actions[intent]}.`);
  await expect(page).toHaveURL(/\/can-bo\/pakn\/\d+$/);
}

/** The value cell of a row of the record page's summary lists, by its label. */
export function recordRow(page: Page, label: string) {
  return page
    .locator('.summary-row')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
    .locator('dd')
    .first();
}

// ---------------------------------------------------------------------------------------------------
// Over HTTP (for setting up state fast; the journeys themselves go through the pages)

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function randomIp() {
  const b = crypto.randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

function baseURL() {
  const url = test.info().project.use.baseURL ?? process.env.E2E_BASE_URL;
  if (!url) throw new Error('no baseURL: run through `npx playwright test` (global setup)');
  return url;
}

async function ok(res: APIResponse, what: string, status = 302) {
  if (res.status() !== status) {
    throw new Error(
      `${what}: HTTP ${res.status()} (expected ${status})\n${(await res.text()).slice(0, 600)}`,
    );
  }
  return res;
}

/**
 * A citizen sends a complete PAKN with two plain posts (the form, then "check your answers"), through
 * `request` (page.request shares the browser context's cookies: that browser then follows the PAKN).
 * Returns the code and what was sent.
 */
export async function submitPaknHttp(
  request: APIRequestContext,
  overrides: Partial<PaknForm> = {},
): Promise<{ code: string; form: PaknForm }> {
  const f = validForm({ field: 'unknown', ...overrides });
  // a client address of its own: the per-address submission limit is not this helper's concern
  const headers = { 'X-Forwarded-For': randomIp() };
  // the server issues the draft token and binds it to this browser's cookie (a made-up token opens nothing)
  const form = await request.get('/gop-y', { headers });
  await ok(form, 'GET /gop-y', 200);
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('no draft token on /gop-y');
  const fields: Record<string, string> = {
    type: f.type!,
    subject: f.subject!,
    category: String(f.category),
    submitterKind: f.submitterKind!,
    fullName: f.fullName!,
    address: f.address!,
    phone: f.phone!,
    email: f.email!,
    title: f.title!,
    content: f.content!,
    regulationRef: f.regulationRef ?? '',
    field: f.field === 'unknown' || !f.field ? 'unknown' : f.field,
    consent: 'on',
  };
  if (f.orgName) fields.orgName = f.orgName;
  if (f.representative) fields.representative = f.representative;
  if (f.showIdentity) fields.showIdentity = 'on';
  const draft = await request.post(`/gop-y?t=${token}`, { form: fields, headers, maxRedirects: 0 });
  await ok(draft, 'POST /gop-y');
  expect(draft.headers().location).toContain(`/gop-y/kiem-tra?t=${token}`);
  const sent = await request.post('/gop-y/kiem-tra', { form: { t: token }, headers, maxRedirects: 0 });
  await ok(sent, 'POST /gop-y/kiem-tra');
  const code = /\/theo-doi\/(KHCN-\d{4}-\d{6})\?moi=1$/.exec(sent.headers().location ?? '')?.[1];
  if (!code) throw new Error(`no code in ${sent.headers().location}`);
  return { code, form: f };
}

/** A signed-in staff member over HTTP: its own cookie jar-less context, the session cookie sent by hand. */
export class StaffClient {
  private constructor(
    readonly account: StaffAccount,
    private readonly api: APIRequestContext,
    readonly cookie: { name: string; value: string },
  ) {}

  static async signIn(role: StaffRole): Promise<StaffClient> {
    const account = staffAccount(role);
    const url = baseURL();
    const headers = { 'X-Forwarded-For': randomIp(), Origin: new URL(url).origin };
    const anon = await playwrightRequest.newContext({ baseURL: url, extraHTTPHeaders: headers });
    const res = await anon.post('/can-bo/dang-nhap', {
      form: { email: account.email, password: account.password, redirectTo: '/can-bo' },
      maxRedirects: 0,
    });
    await ok(res, `sign in as ${role}`);
    await anon.dispose();
    const line = res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value)
      .find((v) => v.startsWith('pakn_staff='));
    const [name, value] = line!.split(';')[0]!.split('=') as [string, string];
    const api = await playwrightRequest.newContext({
      baseURL: url,
      extraHTTPHeaders: { ...headers, Cookie: `${name}=${value}` },
    });
    return new StaffClient(account, api, { name, value });
  }

  async dispose() {
    await this.api.dispose();
  }

  /** The record id of a code, through the queue's search. */
  async idOf(code: string): Promise<number> {
    const html = await (await this.api.get(`/can-bo?tab=all&q=${encodeURIComponent(code)}`)).text();
    const m = new RegExp(`href="/can-bo/pakn/(\\d+)"[^>]*>${escapeRe(code)}<`).exec(html);
    if (!m) throw new Error(`${code} is not in ${this.account.role}'s queue`);
    return Number(m[1]);
  }

  async version(id: number): Promise<number> {
    const html = await (await this.api.get(`/can-bo/pakn/${id}`)).text();
    const m = /name="version" value="(\d+)"/.exec(html);
    if (!m) throw new Error(`no action form for ${this.account.role} on PAKN ${id}`);
    return Number(m[1]);
  }

  /** One workflow intent, posted as the record page's form would (the current version included). */
  async act(id: number, intent: string, fields: Record<string, string> = {}) {
    const version = await this.version(id);
    const res = await this.api.post(`/can-bo/pakn/${id}`, {
      form: { intent, version: String(version), ...fields },
      maxRedirects: 0,
    });
    await ok(res, `${this.account.role} ${intent} on PAKN ${id}`);
  }

  /** Publishes an answered PAKN as the publication page's form would (no personal data to review in `fields`). */
  async publish(id: number, fields: { title: string; summary: string; answer: string }) {
    const version = await this.version(id);
    const res = await this.api.post(`/can-bo/pakn/${id}/cong-khai`, {
      form: { intent: 'publish', version: String(version), ...fields },
      maxRedirects: 0,
    });
    await ok(res, `${this.account.role} publishes PAKN ${id}`);
  }

  /** The id of an option of a <select> on the record page, by its visible text. */
  async optionValue(id: number, selectId: string, label: string): Promise<string> {
    const html = await (await this.api.get(`/can-bo/pakn/${id}`)).text();
    const select = new RegExp(`<select[^>]*id="${escapeRe(selectId)}"[\\s\\S]*?</select>`).exec(html)?.[0];
    const m = select && new RegExp(`<option value="(\\d+)"[^>]*>${escapeRe(label)}</option>`).exec(select);
    if (!m) throw new Error(`no option "${label}" in #${selectId} of PAKN ${id}`);
    return m[1]!;
  }
}

/**
 * Takes a PAKN the citizen just sent all the way to "answered" over HTTP: the coordinator assigns it to
 * QLKHCN, the handler takes it (with `question`: asks it, and records the answer as received by phone),
 * drafts `body`, submits, the approver approves.
 */
export async function answerOverHttp(
  code: string,
  answer: { body: string; outcome?: string; question?: string },
) {
  const [coordinator, handler, approver] = await Promise.all([
    StaffClient.signIn('coordinator'),
    StaffClient.signIn('handler'),
    StaffClient.signIn('approver'),
  ]);
  try {
    const id = await coordinator.idOf(code);
    const unitId = await coordinator.optionValue(id, 'assign-unitId', UNIT_NAME);
    await coordinator.act(id, 'assign', { unitId });
    await handler.act(id, 'take');
    if (answer.question) {
      await handler.act(id, 'request_info', { note: answer.question });
      await handler.act(id, 'receive_info');
    }
    await handler.act(id, 'draft', { outcome: answer.outcome ?? 'amend', body: answer.body });
    await handler.act(id, 'submit');
    await approver.act(id, 'approve');
    return id;
  } finally {
    await Promise.all([coordinator.dispose(), handler.dispose(), approver.dispose()]);
  }
}
