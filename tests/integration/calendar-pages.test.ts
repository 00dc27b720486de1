// The missing-schedule warning on the dashboard and the admin calendar page, and recording a year's official
// schedule there. The app runs on the real clock, so the expectation is computed for the same day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getScheduleWarning } from '~/models/admin/calendar-schedule.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let admin: string;
let coordinator: string;

const html = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');
const get = (path: string, cookie: string) =>
  app.fetch(path, { headers: { Cookie: cookie, Host: new URL(BASE).host } });

beforeAll(async () => {
  const raw = await startTestApp();
  const host = new URL(BASE).host;
  app = {
    ...raw,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('Host')) headers.set('Host', host);
      return raw.fetch(path, { ...init, headers });
    },
  };
  const a = await createStaffUser(app.db(), { role: 'admin' });
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  admin = await signIn(app, a.email, a.password);
  coordinator = await signIn(app, c.email, c.password);
});
afterAll(async () => app?.stop());

describe('missing official schedule warning', () => {
  it('shows administrators the days the rules give, on the dashboard and the calendar page', async () => {
    const warning = await getScheduleWarning({ now: new Date(), db: app.db() });
    const dashboard = await html(await get('/can-bo/tong-quan', admin));
    const calendar = await html(await get('/can-bo/quan-tri/lich', admin));
    if (warning) {
      const title = `Chưa nhập lịch nghỉ lễ, Tết chính thức năm ${warning.year}`;
      for (const page of [dashboard, calendar]) {
        expect(page).toContain(title);
        for (const d of warning.days) expect(page).toContain(`${d.display}</time> – ${d.name}`);
        // no placeholder left untranslated
        expect(page).not.toContain('{{');
      }
      expect(dashboard).toContain(`>Nhập lịch chính thức năm ${warning.year}</a>`);
      // in English, the days off the rules give are named in English (the law's own names stay on Vietnamese pages)
      const en = await html(await get('/can-bo/tong-quan', `${admin}; lng=en`));
      for (const d of warning.days) {
        expect(en).toContain(`${d.display}</time> – ${d.nameEn.replaceAll("'", '&#x27;')}`);
        expect(en).not.toContain(`${d.display}</time> – ${d.name}`);
      }
    } else {
      expect(dashboard).not.toContain('Chưa nhập lịch nghỉ lễ, Tết chính thức');
    }
    // not an administrator's business elsewhere
    expect(await html(await get('/can-bo/tong-quan', coordinator))).not.toContain(
      'Chưa nhập lịch nghỉ lễ, Tết chính thức',
    );
  });

  it("names the schedule built into the software in the reader's language", async () => {
    const vi = await html(await get('/can-bo/quan-tri/lich?nam=2026', admin));
    expect(vi).toContain('Đã nhập lịch chính thức năm 2026 theo: lịch chính thức có sẵn trong phần mềm.');
    const en = await html(await get('/can-bo/quan-tri/lich?nam=2026', `${admin}; lng=en`));
    expect(en).toContain('the official schedule built into the software');
    // what the page shows (the scripts carry the loader's data, the recorded marker included)
    const shown = en.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(shown).not.toContain('calendar-defaults.ts');
    expect(shown).not.toContain('Lịch chính thức có sẵn');
  });

  it("lists the days off the rules give in the reader's language (walk-through of 06/12/2026)", async () => {
    const vi = await html(await get('/can-bo/quan-tri/lich?nam=2026', admin));
    expect(vi).toContain('<td>Quốc khánh</td>');
    const en = await html(await get('/can-bo/quan-tri/lich?nam=2026', `${admin}; lng=en`));
    const shown = en.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(shown).toContain('<td>National Day</td>');
    expect(shown).toContain('<td>Reunification Day</td>');
    expect(shown).not.toContain('<td>Quốc khánh</td>');
  });

  it('records a year as entered, with a translated error when the notice is missing', async () => {
    const bad = await postForm(app, '/can-bo/quan-tri/lich', admin, {
      intent: 'official',
      year: '2031',
      reference: '',
    });
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain('Vui lòng nhập thông tin này.');
    const ok = await postForm(app, '/can-bo/quan-tri/lich', admin, {
      intent: 'official',
      year: '2031',
      reference: 'Thông báo số 9/TB-BNV',
    });
    expect(ok.status).toBe(302);
    const page = await html(await get('/can-bo/quan-tri/lich?nam=2031', admin));
    expect(page).toContain('Đã nhập lịch chính thức năm 2031 theo: Thông báo số 9/TB-BNV.');
    expect(await html(await get('/can-bo/quan-tri/lich?nam=2032', admin))).toContain(
      'Chưa ghi nhận lịch chính thức năm 2032',
    );
  });
});
