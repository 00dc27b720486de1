// Follow-up look-ups are limited per (address, code) pair and per address, never per code alone: wrong
// guesses at a code from many addresses must not lock its real owner out.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { postForm } from '../support/staff';

let app: TestApp;
let code: string;
const OWNER = 'chu.so.huu@example.vn';
const LIMIT = 10; // the seeded followup.attemptsPer15Min

beforeAll(async () => {
  app = await startTestApp();
  const { createPakn } = await import('../../app/models/pakn.server');
  code = await transaction(
    app.db(),
    async (tx) =>
      (
        await createPakn(tx, {
          type: 'phan_anh',
          subject: 'regulation',
          category: 1,
          submitterKind: 'individual',
          orgName: null,
          representative: null,
          fullName: 'Trần Thị Bình',
          address: '5 Hùng Vương, Tuy Hòa',
          phone: '0905000111',
          email: OWNER,
          title: 'Thủ tục đăng ký còn phức tạp',
          content: 'Đề nghị rút gọn hồ sơ.',
          regulationRef: null,
          fieldId: null,
          channel: 'online',
          lang: 'vi',
          receivedAt: new Date(),
          consent: true,
          showIdentity: false,
        })
      ).pakn.code,
  );
});
afterAll(async () => {
  await app?.stop();
});

const lookup = (ip: string, c: string, contact: string) =>
  postForm(app, '/theo-doi', null, { code: c, contact }, { ip });

it('wrong guesses at a code from other addresses do not lock its owner out', async () => {
  for (let i = 0; i < LIMIT + 5; i++) {
    expect((await lookup(`10.20.0.${i + 1}`, code, `doan-${i}@example.vn`)).status).toBe(400);
  }
  const owner = await lookup('10.20.1.1', code, OWNER);
  expect(owner.status).toBe(302);
  expect(owner.headers.get('Location')).toBe(`/theo-doi/${code}`);
});

it('one address is stopped on a code after the limit, even with the right contact; other codes and addresses are not', async () => {
  const ip = '10.20.2.1';
  for (let i = 0; i < LIMIT; i++) expect((await lookup(ip, code, `sai-${i}@example.vn`)).status).toBe(400);
  expect((await lookup(ip, code, OWNER)).status).toBe(429);
  // another code from the same address is a new pair, until the address's own limit
  const other = code.replace(/\d{6}$/, '999999');
  expect((await lookup(ip, other, 'sai@example.vn')).status).toBe(400);
  // the owner, from their own address, is not affected
  expect((await lookup('10.20.2.2', code, OWNER)).status).toBe(302);
});

it('one address cannot walk through the codes: a global per-address limit', async () => {
  const ip = '10.20.3.1';
  let refused = 0;
  for (let n = 1; n <= 3 * LIMIT + 1; n++) {
    const guess = code.replace(/\d{6}$/, String(500000 + n));
    const res = await lookup(ip, guess, 'doan@example.vn');
    if (res.status === 429) refused++;
  }
  expect(refused).toBe(1);
  expect((await lookup(ip, code, OWNER)).status).toBe(429);
});
