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
