import { it } from 'vitest';

import { getStaffRecord } from '~/models/record.server';

import { startTestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser } from '../support/staff';

it('debug', async () => {
  const app = await startTestApp();
  const db = app.db();
  const p = await seedPakn(db, paknFixture());
  const u = await createStaffUser(db, { role: 'coordinator' });
  try {
    const r = await getStaffRecord({ actor: { id: u.id, role: 'coordinator', unitId: null }, id: p.id, ip: 'x', sessionId: 1 }, db);
    console.log('OK', Object.keys(r));
  } catch (e) {
    console.log('ERR', e);
  }
  await app.stop();
});
