// What a page shows instead of the answer due date once the PAKN is closed without an answer.
import type { TFunction } from 'i18next';

import { formatDateVi } from './dates';
import { answerClockApplies, isStatus } from './workflow';

/** 'Đã chuyển cơ quan có thẩm quyền ngày 04/03/2026', or null while the answer clock applies. */
export function closureText(t: TFunction, status: string, closedAt: Date | number | null): string | null {
  if (!isStatus(status) || answerClockApplies(status)) return null;
  // closed_at is set by every closing transition; a row without it (hand-edited data) still hides the date
  if (closedAt === null) return t('answerClock.notApplicable');
  return t(`answerClock.${status}`, { date: formatDateVi(closedAt) });
}
