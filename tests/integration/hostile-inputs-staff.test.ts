// The hostile-input sweep (issue #6, see hostile-inputs.test.ts) of the staff forms: every workflow intent
// on a record in a state where it is legal, bulk assign, staff intake, the own account, publication and
// the report page's publish form.
// The shared parts (bookkeeping, fuzzer, records per intent, what is left behind) are in
// tests/support/hostile-sweep.ts; the sweep is split in three files so that they run on separate forks.

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import * as s from '~db/schema';

import { PAYLOADS, scrapeForms } from '../support/hostile-corpus';
import {
  app,
  cookie,
  distinct,
  enc,
  expectClean,
  formsOf,
  fuzzForm,
  INTENTS,
  intentSetting,
  leftBehindSuite,
  nextIp,
  PDF,
  seed,
  send,
  sweepHooks,
  today,
  unitA,
  urlencoded,
} from '../support/hostile-sweep';
import { intentFields } from '../support/intent-fields';
import { createStaffUser, signIn } from '../support/staff';

sweepHooks();

describe('staff forms', () => {
  it('every workflow intent on /can-bo/pakn/$id, each on a record in a state where it is legal', async () => {
    for (const [intent, setup, who] of INTENTS) {
      const fresh = async () => {
        const p = await seed(setup);
        const fields = {
          intent,
          version: String(p.version),
          ...(await intentFields(intent, p, intentSetting())),
        };
        return {
          cookie: cookie[who],
          form: {
            action: `/can-bo/pakn/${p.id}`,
            multipart: false,
            fields,
            names: Object.keys(fields),
            files: [],
          },
        };
      };
      const first = await fresh();
      // the baseline itself succeeds, so every refusal below is the payload's doing
      const ok = await send(`/can-bo/pakn/$id ${intent} baseline`, first.form.action, {
        cookie: first.cookie,
        ...urlencoded(first.form.fields),
      });
      expect(ok.res.status, `${intent} baseline`).toBe(302);
      await fuzzForm(`/can-bo/pakn/$id intent=${intent}`, first.form, { fresh });
    }
    // the record page as each role, with a hostile ?xong=
    const p = await seed({ status: 'in_progress', unit: 'A' });
    for (const pl of PAYLOADS.slice(0, 8)) {
      await send(`record ?xong= [${pl.name}]`, `/can-bo/pakn/${p.id}?xong=${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.handler,
      });
      await send(`record <id> [${pl.name}]`, `/can-bo/pakn/${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.coordinator,
      });
      await send(`file <id> [${pl.name}]`, `/can-bo/pakn/${p.id}/tep/${enc(pl.value)}`, {
        method: 'GET',
        cookie: cookie.coordinator,
      });
    }
    expectClean(/\/can-bo\/pakn\/\d+(?!\/cong-khai)|record|file </);
  }, 300_000);

  it('bulk assign (/can-bo?index), staff intake (/can-bo/tiep-nhan) and the own account (/can-bo/tai-khoan)', async () => {
    const db = app.db();
    const bulkFresh = async () => {
      const p = await seed({ status: 'received', unit: null });
      const fields = {
        intent: 'bulk_assign',
        returnTo: '/can-bo?tab=classify',
        unitId: String(unitA),
        ids: `${p.id}.${p.version}`,
      };
      return {
        cookie: cookie.coordinator,
        form: { action: '/can-bo?index', multipart: false, fields, names: Object.keys(fields), files: [] },
      };
    };
    await fuzzForm('/can-bo (bulk assign)', (await bulkFresh()).form, { fresh: bulkFresh });

    const intake = (await formsOf('/can-bo/tiep-nhan', cookie.coordinator)).find((f) =>
      f.action.startsWith('/can-bo/tiep-nhan'),
    )!;
    const intakeFields = {
      ...intake.fields,
      channel: 'phone',
      receivedDate: today,
      type: 'phan_anh',
      subject: 'regulation',
      category: '2',
      submitterKind: 'individual',
      fullName: 'Người gọi điện',
      phone: '0912 111 333',
      title: 'Phản ánh qua điện thoại',
      content: 'Nội dung ghi lại từ cuộc gọi.',
      field: 'unknown',
    };
    await fuzzForm(
      '/can-bo/tiep-nhan',
      {
        ...intake,
        fields: intakeFields,
        names: [...new Set([...intake.names, ...Object.keys(intakeFields)])],
      },
      { cookie: cookie.coordinator },
    );

    // a throwaway account, so a password change or revocation here ends no session the suite needs
    const me = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
    const meCookie = await signIn(app, me.email, me.password, { ip: nextIp() });
    const accountForms = distinct(await formsOf('/can-bo/tai-khoan', meCookie)).filter((f) =>
      f.action.startsWith('/can-bo/tai-khoan'),
    );
    expect(accountForms.length).toBeGreaterThan(1);
    for (const f of accountForms) {
      const fields = f.fields.intent === 'password' ? { ...f.fields, current: me.password } : f.fields;
      await fuzzForm(`/can-bo/tai-khoan intent=${f.fields.intent}`, { ...f, fields }, { cookie: meCookie });
    }
    for (const intent of ['totp-confirm', 'totp-disable', 'totp-cancel', 'nonsense'])
      await fuzzForm(
        `/can-bo/tai-khoan intent=${intent}`,
        {
          action: '/can-bo/tai-khoan',
          multipart: false,
          fields: { intent, code: '000000', disablePassword: 'x' },
          names: ['code', 'disablePassword', 'intent'],
          files: [],
        },
        { cookie: meCookie, extras: false },
      );
    expectClean(/\/can-bo\?index|\/can-bo \(bulk|\/can-bo\/tiep-nhan|\/can-bo\/tai-khoan/);
  }, 180_000);

  it('publication (/can-bo/pakn/$id/cong-khai): check, publish, withdraw and the file uploads', async () => {
    const publishedSeed = async () => {
      const p = await seed({ status: 'answered', unit: 'A', answer: true });
      await app
        .db()
        .update(s.pakn)
        .set({
          publication: 'published',
          publishedAt: new Date(),
          publicTitle: 'Tiêu đề công khai',
          publicSummary: 'Tóm tắt công khai.',
          publicAnswer: 'Trả lời công khai.',
        })
        .where(eq(s.pakn.id, p.id));
      return p;
    };
    // the forms as the page offers them, once; then the same form on a fresh record for every post
    const answered = await seed({ status: 'answered', unit: 'A', answer: true });
    const published = await publishedSeed();
    const templates = [
      ...(await formsOf(`/can-bo/pakn/${answered.id}/cong-khai`, cookie.coordinator)).map((f) => ({
        f,
        from: answered.id,
        make: () => seed({ status: 'answered', unit: 'A', answer: true }),
      })),
      ...(await formsOf(`/can-bo/pakn/${published.id}/cong-khai`, cookie.coordinator))
        .filter((f) => f.fields.intent === 'withdraw')
        .map((f) => ({ f, from: published.id, make: publishedSeed })),
    ].filter(({ f }) => f.action.includes('/cong-khai'));
    const intents = [...new Set(templates.map(({ f }) => f.fields.intent))];
    expect(intents).toEqual(expect.arrayContaining(['check', 'publish', 'withdraw', 'upload']));
    for (const intent of intents) {
      const { f, from, make } = templates.find((t) => t.f.fields.intent === intent)!;
      const fresh = async () => {
        const p = await make();
        return {
          cookie: cookie.coordinator,
          form: { ...f, action: f.action.replace(`/pakn/${from}/`, `/pakn/${p.id}/`) },
        };
      };
      await fuzzForm(`/can-bo/pakn/$id/cong-khai intent=${intent}`, f, {
        fresh,
        files:
          intent === 'upload'
            ? () => [{ field: 'upload', name: '../../<script>.pdf', data: PDF, type: 'application/pdf' }]
            : undefined,
      });
    }
    expectClean(/cong-khai/);
  }, 240_000);

  it('the report page publish form (/can-bo/bao-cao), when the page offers it', async () => {
    const res = await app.fetch('/can-bo/bao-cao', { headers: { Cookie: cookie.coordinator! } });
    const html = await res.text();
    const found = scrapeForms(html, '/can-bo/bao-cao').filter((f) => f.fields.intent === 'publish');
    const form = found[0] ?? {
      action: '/can-bo/bao-cao',
      multipart: false,
      fields: { intent: 'publish', period: 'year', year: String(new Date().getFullYear()) },
      names: ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit'],
      files: [],
    };
    const names = [
      ...new Set([...form.names, 'period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit']),
    ];
    await fuzzForm('/can-bo/bao-cao intent=publish', { ...form, names }, { cookie: cookie.coordinator });
    expectClean(/\/can-bo\/bao-cao/);
  }, 120_000);
});

leftBehindSuite();
