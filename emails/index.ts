// E-mail templates. Each renderer returns { subject, html, text } for enqueueMail.
export { type CalendarScheduleEmailData, renderCalendarScheduleEmail } from './calendar-schedule';
export { type DigestEmailData, renderDigestEmail, type StaffMailItem } from './digest';
export {
  type EmailAgency,
  EmailButton,
  EmailLayout,
  type EmailLocale,
  emailStyles,
  type RenderedEmail,
  renderEmailHtml,
  renderTextLayout,
  safeUrl,
} from './layout';
export { type OverdueEmailData, renderOverdueEmail } from './overdue';
export { type ReceiptEmailData, renderReceiptEmail } from './receipt';
export {
  renderStatusEmail,
  renderUnitAssignedEmail,
  type StatusEmailData,
  type StatusStep,
  type UnitAssignedEmailData,
} from './status';
export { renderTransferAgencyEmail, type TransferAgencyEmailData } from './transfer-agency';
