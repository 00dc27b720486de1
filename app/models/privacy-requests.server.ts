// Data-subject requests: stored, and e-mailed to every active coordinator in the same transaction.
import { and, desc, eq } from 'drizzle-orm';

import { formatDateVi, toLocalDate } from '~/domain/dates';
import { computeDueDate } from '~/domain/deadlines';
import { ACKNOWLEDGE_WORKING_DAYS, type PrivacyRequestInput } from '~/domain/privacy-request';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb, one, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';
import * as s from '~db/schema';
import { renderPrivacyRequestEmail } from '~emails/privacy-request';

import { getAgency, getCalendar } from './config.server';

export async function createPrivacyRequest(
  { input, now = new Date() }: { input: PrivacyRequestInput; now?: Date },
  db: DbOrTx = getDb(),
): Promise<{ id: number }> {
  const acknowledgeBy = computeDueDate({
    start: toLocalDate(now),
    days: ACKNOWLEDGE_WORKING_DAYS,
    unit: 'working',
    calendar: await getCalendar(db),
  }).due;
  const agency = await getAgency(db);
  const t = getT('vi');
  const rendered = renderPrivacyRequestEmail({
    ...input,
    kindLabel: t(`privacy.kind.${input.kind}`),
    acknowledgeBy: formatDateVi(acknowledgeBy),
    listUrl: `${getEnv().BASE_URL}/can-bo/quyen-rieng-tu`,
    agency: {
      name: agency.name,
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: agency.officeHours,
    },
  });
  return await transaction(db, async (tx) => {
    const row = await one(
      tx
        .insert(s.privacyRequests)
        .values({ ...input, acknowledgeBy })
        .returning({ id: s.privacyRequests.id }),
    );
    const coordinators = await tx
      .select({ email: s.users.email })
      .from(s.users)
      .where(and(eq(s.users.role, 'coordinator'), eq(s.users.active, true)));
    // with no coordinator yet, the agency's own mailbox receives it
    const to = coordinators.length ? coordinators.map((c) => c.email) : [agency.email].filter(Boolean);
    for (const address of to)
      await enqueueMail(tx, { to: address, ...rendered, template: 'privacy-request' });
    return row;
  });
}

export async function listPrivacyRequests(db: DbOrTx = getDb()) {
  return await db.select().from(s.privacyRequests).orderBy(desc(s.privacyRequests.id)).limit(500);
}
