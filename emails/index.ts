// E-mail templates. Each renderer returns { subject, html, text } for enqueueMail.
export {
  EmailButton,
  EmailLayout,
  emailStyles,
  renderEmailHtml,
  renderTextLayout,
  safeUrl,
  type EmailAgency,
  type EmailLocale,
  type RenderedEmail,
} from './layout';
export { renderReceiptEmail, type ReceiptEmailData } from './receipt';
export {
  renderStatusEmail,
  renderUnitAssignedEmail,
  type StatusEmailData,
  type StatusStep,
  type UnitAssignedEmailData,
} from './status';
export { renderDigestEmail, type DigestEmailData, type StaffMailItem } from './digest';
export { renderOverdueEmail, type OverdueEmailData } from './overdue';
export { renderCalendarScheduleEmail, type CalendarScheduleEmailData } from './calendar-schedule';
export { renderTransferAgencyEmail, type TransferAgencyEmailData } from './transfer-agency';
