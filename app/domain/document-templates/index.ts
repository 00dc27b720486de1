/**
 * The accountability documents of plan section VI.3/VI.4, built from templates (pure; no I/O).
 *
 * Each type turns typed inputs into an `OfficialDocument` (the layout of Nghị định 30/2020/NĐ-CP is drawn by
 * app/exports/pdf/official-pdf.server.ts, the HTML page and the Word file): number, place and date, addressee, the reason, what happens next and the signer.
 * - refusal       THÔNG BÁO  — the PAKN is not received: reason R01–R08 with its legal basis, where to go instead;
 * - info_request  THÔNG BÁO  — the question, how to answer, the clock stops, the PAKN closes without an answer;
 * - late_apology  THÔNG BÁO  — why the answer is late, the apology, the new date;
 * - transfer      công văn   — to the competent agency (submitter copied): why it is not ours, what we ask of them;
 * - reply_cover   công văn   — the answer, its outcome and its publication.
 *
 * Official documents are written in Vietnamese whatever the submitter's interface language (Luật Ban hành văn bản
 * and NĐ 30/2020: the language of official documents is Vietnamese), so the text lives here, not in app/locales.
 *
 * Numbers (NĐ 30/2020): `01/TB-SKHCN` for a notice, `01/SKHCN-TTHC` (agency – drafting unit) for a công văn;
 * the abbreviations are settings (`documents.agencyAbbreviation`, `documents.draftingUnit` when the PAKN has no
 * unit yet). The sequence counts per number series and year (NUMBER_SERIES): the three notices share TB, the two
 * letters share CV, so no two documents of a year ever carry the same number.
 *
 * `publicVersion` makes the text shown on the public register: the addressee (when it is the submitter) becomes
 * the redaction marker; every other line goes through detectPii with the submitter's context plus an exact search
 * for their name, organisation, representative, address, phone and e-mail; the submitter's own title (unreviewed,
 * possibly offensive or identifying) is replaced by the reviewed public title or a neutral marker.
 */
export type { OfficialDocument } from '~/domain/official-document';
export {
  DOCUMENT_HEADINGS,
  LEGAL_BASIS,
  OUTCOME_TEXT,
  REFUSAL_REASON_TEXT,
  TITLE_HIDDEN_VI,
} from './legal-text';
export { publicVersion, redactText, type PublicContext } from './public-version';
export { buildDocument } from './templates';
export { formOfAddress, submitterAddressee } from './text';
export {
  agencyAbbreviation,
  DOCUMENT_TYPES,
  formatDocumentNumber,
  isDocumentType,
  NUMBER_SERIES,
  OUTCOMES,
  PUBLIC_DOCUMENT_TYPES,
  typesInSeries,
  type AgencyInfo,
  type AnswerOutcome,
  type Common,
  type DocumentInput,
  type DocumentType,
  type NumberParts,
  type NumberSeries,
  type PaknInfo,
  type SubmitterInfo,
  type TemplateInputs,
} from './types';
