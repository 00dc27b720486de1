// The receipt book: codes are sequential per year, never reused, and restart at 1 each January (local time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPakn, type NewPakn } from '~/models/pakn.server';
import { type Db, transaction } from '~/utils/db.server';

import { openTestDb } from '../support/db';
import { sqlAll } from '../support/sql';

let t: { db: Db; url: string; cleanup(): Promise<void> };
beforeAll(async () => {
  t = await openTestDb();
  process.env.DATABASE_URL = t.url;
});
process.env.BASE_URL = 'http://localhost:3999'; // vitest sets BASE_URL='/' for Vite
afterAll(async () => {
  await t.cleanup();
});

const base: Omit<NewPakn, 'receivedAt'> = {
  type: 'phan_anh',
  subject: 'regulation',
  category: 2,
  submitterKind: 'individual',
  orgName: null,
  representative: null,
  fullName: 'Phạm Văn Bình',
  address: 'Tuy Hòa',
  phone: '0905123456',
  email: 'binh@example.vn',
  title: 'Thủ tục đo lường',
  content: 'Nội dung',
  regulationRef: null,
  fieldId: null,
  channel: 'online',
  lang: 'vi',
  consent: true,
  showIdentity: false,
};

const create = async (iso: string) =>
  (await transaction(t.db, async (tx) => createPakn(tx, { ...base, receivedAt: new Date(iso) }))).pakn;

describe('code sequence', () => {
  it('numbers per local year, across the new year in Asia/Ho_Chi_Minh', async () => {
    expect((await create('2025-12-31T16:59:00Z')).code).toBe('KHCN-2025-000001'); // 23:59 on 31/12 local
    expect((await create('2025-12-31T17:00:00Z')).code).toBe('KHCN-2026-000001'); // 00:00 on 1/1 local
    expect((await create('2026-03-02T03:00:00Z')).code).toBe('KHCN-2026-000002');
    expect((await create('2025-06-01T03:00:00Z')).code).toBe('KHCN-2025-000002');
  });

  it('never reuses a number after a rolled-back transaction', async () => {
    await expect(
      (async () =>
        await transaction(t.db, async (tx) => {
          await createPakn(tx, { ...base, receivedAt: new Date('2026-04-01T03:00:00Z') });
          throw new Error('abort');
        }))(),
    ).rejects.toThrow('abort');
    expect((await create('2026-04-01T03:00:00Z')).code).toBe('KHCN-2026-000003');
  });

  it('stores the deadlines and the first public event', async () => {
    const p = await create('2026-02-12T03:00:00Z');
    expect(p.receivedDate).toBe('2026-02-12');
    expect(p.classifyDue).toBe('2026-02-23'); // 13/02 is day 1, Tết 14–22/02 skipped, 23/02 day 2
    expect(p.answerDue).toBe('2026-03-04'); // 20 calendar days
    const events = await sqlAll(t.db, 'SELECT type, is_public FROM events WHERE pakn_id = ?', p.id);
    expect(events).toEqual([{ type: 'received', is_public: 1 }]);
  });
});
