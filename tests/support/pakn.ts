// PAKN fixtures for route and model tests: the fields of a citizen's submission, and a row created as
// intake creates it (createPakn) then put in the state a test needs by setting its columns directly.
import { eq } from 'drizzle-orm';

import type { Status } from '~/domain/workflow';
import { createPakn, type NewPakn } from '~/models/pakn.server';
import { type Db, first, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

/** A feedback about a regulation from an individual, sent online in Vietnamese; `over` changes any field. */
export function paknFixture(over: Partial<NewPakn> = {}): NewPakn {
  return {
    type: 'phan_anh',
    subject: 'regulation',
    category: 2,
    submitterKind: 'individual',
    orgName: null,
    representative: null,
    fullName: 'Trần Văn Bình',
    address: '5 Nguyễn Huệ, Tuy Hòa',
    phone: '0912345678',
    email: 'binh@example.vn',
    title: 'Thủ tục cấp phép bức xạ còn rườm rà',
    content: 'Hồ sơ đề nghị cấp giấy phép yêu cầu quá nhiều bản sao có chứng thực.',
    regulationRef: null,
    fieldId: null,
    channel: 'online',
    lang: 'vi',
    receivedAt: new Date(),
    consent: true,
    showIdentity: false,
    ...over,
  };
}

export type PaknRow = typeof s.pakn.$inferSelect;

/** Creates the PAKN, then sets `set` on its row; returns the row as stored and the submitter's access token. */
export async function seedPakn(
  db: Db,
  data: NewPakn = paknFixture(),
  set: Partial<typeof s.pakn.$inferInsert> = {},
): Promise<PaknRow & { accessToken: string }> {
  const { pakn, accessToken } = await transaction(db, async (tx) => createPakn(tx, data));
  if (Object.keys(set).length) await db.update(s.pakn).set(set).where(eq(s.pakn.id, pakn.id));
  return { ...(await first(db.select().from(s.pakn).where(eq(s.pakn.id, pakn.id))))!, accessToken };
}

/**
 * Puts a PAKN straight into the answered state, in a unit, with an approved answer (no workflow): for tests of
 * what comes after the answer (publication, what leaks to the public).
 */
export async function answerDirectly(
  db: Db,
  paknId: number,
  {
    body,
    outcome = 'amend',
    status = 'answered',
  }: { body: string; outcome?: NonNullable<(typeof s.answers.$inferInsert)['outcome']>; status?: Status },
): Promise<void> {
  const unit = await first(db.select({ id: s.units.id }).from(s.units).where(eq(s.units.code, 'QLKHCN')));
  await db
    .update(s.pakn)
    .set({ status, unitId: unit!.id, answeredAt: new Date() })
    .where(eq(s.pakn.id, paknId));
  await db.insert(s.answers).values({ paknId, outcome, body, approvedAt: new Date() });
}
