// The hostile-input sweep (issue #6, see hostile-inputs.test.ts) of the administration pages: every page
// and intent under /can-bo/quan-tri, on a database of its own (the configuration pages recompute open due
// dates, quicker before any sweep adds records).
// The shared parts (bookkeeping, fuzzer, records per intent, what is left behind) are in
// tests/support/hostile-sweep.ts; the sweep is split in three files so that they run on separate forks.

import { describe, expect, it } from 'vitest';

import { one } from '~/utils/db.server';
import * as s from '~db/schema';

import {
  app,
  cookie,
  distinct,
  expectClean,
  formsOf,
  fuzzForm,
  leftBehindSuite,
  send,
  sweepHooks,
  urlencoded,
} from '../support/hostile-sweep';
import { createStaffUser } from '../support/staff';

sweepHooks();

// first: the configuration pages recompute open due dates, quicker before the sweep adds records
describe('administration forms', () => {
  it('every administration page and intent (/can-bo/quan-tri/*)', async () => {
    const db = app.db();
    const target = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
    // a webhook with a failed delivery, so that its log shows the "send again" form
    const hook = await one(
      db
        .insert(s.webhooks)
        .values({ url: 'https://he-thong.example.vn/pakn', events: 'received', secret: 'whsec_test' })
        .returning(),
    );
    await db.insert(s.webhookDeliveries).values({
      deliveryId: 'hostile-sweep-delivery',
      webhookId: hook.id,
      eventId: 'hostile-sweep-event',
      eventType: 'pakn.received',
      paknCode: 'KHCN-2026-000001',
      payload: '{}',
      status: 'failed',
      attempts: 10,
      nextAttemptAt: new Date(),
    });
    // the settings page last: its TOTP form could make the admin's own role require a second factor
    const pages = [
      '/can-bo/quan-tri/co-quan',
      '/can-bo/quan-tri/don-vi',
      '/can-bo/quan-tri/linh-vuc',
      '/can-bo/quan-tri/dinh-tuyen',
      '/can-bo/quan-tri/co-quan-chuyen',
      '/can-bo/quan-tri/thoi-han',
      '/can-bo/quan-tri/lich',
      '/can-bo/quan-tri/nguoi-dung/moi',
      `/can-bo/quan-tri/nguoi-dung/${target.id}`,
      '/can-bo/quan-tri/cai-dat',
      '/can-bo/quan-tri/khoa-api',
      // its log before the list, whose fuzzed delete and pause forms act on the same webhook
      `/can-bo/quan-tri/webhook/${hook.id}`,
      '/can-bo/quan-tri/webhook',
    ];
    for (const page of pages) {
      // the page as it opens, plus its first edit view (?sua=…), where the update forms are
      const html = await (await app.fetch(page, { headers: { Cookie: cookie.admin! } })).text();
      const edit = /href="([^"]*\?sua=[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      const forms = distinct([
        ...(await formsOf(page, cookie.admin)),
        ...(edit ? await formsOf(edit, cookie.admin) : []),
      ]).filter((f) => f.action.startsWith('/can-bo/quan-tri'));
      expect(forms.length, page).toBeGreaterThan(0);
      for (const f of forms)
        await fuzzForm(`${page} intent=${f.fields.intent ?? '-'}`, f, { cookie: cookie.admin });
      // the intents a page offers only in some states (edit forms behind ?sua=, delete buttons)
      for (const intent of [
        'create',
        'update',
        'delete',
        'save',
        'policy',
        'totp',
        'send-reset',
        'revoke',
        'unlock',
        'reset-totp',
        'disable',
        'enable',
        'rotate',
        'redeliver',
        'nonsense',
      ])
        await send(`${page} intent=${intent} (hostile id)`, forms[0]!.action, {
          cookie: cookie.admin,
          ...urlencoded({
            intent,
            id: "1' OR 1=1",
            key: '../x',
            date: '2026-13-45',
            code: '<script>alert(1)</script>',
          }),
        });
      // a coordinator is refused, whatever is posted
      await send(`${page} as coordinator`, forms[0]!.action, {
        cookie: cookie.coordinator,
        ...urlencoded(forms[0]!.fields),
      });
    }
    expectClean(/\/can-bo\/quan-tri/);
  }, 300_000);
});

leftBehindSuite();
