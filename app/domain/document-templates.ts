/**
 * The accountability documents of plan section VI.3/VI.4, built from templates (pure; no I/O).
 *
 * Each type turns typed inputs into an `OfficialDocument` (the layout of Nghị định 30/2020/NĐ-CP is drawn by
 * app/utils/pdf.server.ts): number, place and date, addressee, the reason, what happens next and the signer.
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
import { formatDateVi, type LocalDate } from './dates';
import type { RefusalReason } from './pakn';
import { applyRedactions, detectPii, REDACTION_MARKER_VI, type PiiContext } from './redaction';
import { salutation } from './salutation';

/** The same shape as app/utils/pdf.server.ts `OfficialDocument` (kept here so the domain imports no server code). */
export type OfficialDocument = {
  agencyParent: string;
  agencyName: string;
  number: string;
  place: string;
  /** dd/mm/yyyy */
  date: string;
  title: string;
  subtitle?: string;
  addressee?: string;
  paragraphs: string[];
  recipients?: string[];
  /** indexes of `paragraphs` written in the safe Markdown subset (the approved answer) */
  markdown?: number[];
  signerTitle: string;
  signerName: string;
};

export const DOCUMENT_TYPES = ['refusal', 'info_request', 'late_apology', 'transfer', 'reply_cover'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(x: unknown): x is DocumentType {
  return (DOCUMENT_TYPES as readonly unknown[]).includes(x);
}

/** Listed, redacted, on the public register (VI.3 refusals and late-handling explanations; VI.4 transfer letters). */
export const PUBLIC_DOCUMENT_TYPES: ReadonlySet<DocumentType> = new Set([
  'refusal',
  'late_apology',
  'transfer',
]);

export type NumberSeries = 'TB' | 'CV';
/** TB: thông báo; CV: công văn. Numbers are allocated per series and year. */
export const NUMBER_SERIES: Record<DocumentType, NumberSeries> = {
  refusal: 'TB',
  info_request: 'TB',
  late_apology: 'TB',
  transfer: 'CV',
  reply_cover: 'CV',
};

export function typesInSeries(series: NumberSeries): DocumentType[] {
  return DOCUMENT_TYPES.filter((t) => NUMBER_SERIES[t] === series);
}

/** 'KHCN' → 'KHCN'; anything but letters and digits is dropped ('Sở KH-CN' → 'SKHCN'), upper case. */
export function agencyAbbreviation(codePrefix: string): string {
  const a = codePrefix
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return a || 'CQ';
}

/** Who issues a document: the agency's abbreviation and the drafting unit's (a công văn carries both). */
export type NumberParts = { agency: string; unit: string };

/**
 * Nghị định 30/2020/NĐ-CP (Phụ lục I, mục II.3): the number has at least two digits ('01'); a notice is
 * `<nn>/TB-<agency>` ('01/TB-SKHCN'); a công văn carries no type: `<nn>/<agency>-<drafting unit>` ('01/SKHCN-TTHC').
 */
export function formatDocumentNumber(seq: number, type: DocumentType, parts: NumberParts): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Invalid document sequence: ${seq}`);
  const n = String(seq).padStart(2, '0');
  const agency = agencyAbbreviation(parts.agency);
  if (NUMBER_SERIES[type] === 'TB') return `${n}/TB-${agency}`;
  const unit = parts.unit.trim() ? agencyAbbreviation(parts.unit) : '';
  return unit ? `${n}/${agency}-${unit}` : `${n}/${agency}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

export type AgencyInfo = {
  /** e.g. 'Sở Khoa học và Công nghệ tỉnh Phú Yên' */
  name: string;
  /** e.g. 'Ủy ban nhân dân tỉnh Phú Yên' */
  parentName: string;
  /** the place in the date line, e.g. 'Phú Yên' */
  province: string;
  signerTitle: string;
  signerName: string;
  address: string;
  hotline: string;
  email: string;
};

export type SubmitterInfo = {
  kind: 'individual' | 'organisation';
  fullName: string;
  orgName?: string | null;
  representative?: string | null;
  address: string;
  phone?: string | null;
  email?: string | null;
};

export type PaknInfo = {
  code: string;
  title: string;
  /** the day of receipt, YYYY-MM-DD */
  receivedDate: LocalDate;
};

export type Common = {
  number: string;
  /** YYYY-MM-DD */
  issuedDate: LocalDate;
  agency: AgencyInfo;
  pakn: PaknInfo;
  submitter: SubmitterInfo;
  /** the submitter's look-up page, e.g. 'https://pakn.example.gov.vn/theo-doi' */
  followUrl: string;
};

export const OUTCOMES = ['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'] as const;
export type AnswerOutcome = (typeof OUTCOMES)[number];

export type TemplateInputs = {
  refusal: { reason: RefusalReason | null; note?: string | null };
  info_request: {
    question: string;
    /** how long the agency waits, and until when (YYYY-MM-DD) */
    waitDays: number;
    waitUnit: 'working' | 'calendar';
    waitUntil: LocalDate;
  };
  late_apology: { reason: string; previousDue: LocalDate; newDue: LocalDate };
  transfer: {
    target: { name: string; address?: string | null; email?: string | null };
    note?: string | null;
  };
  reply_cover: { answerBody: string; outcome: AnswerOutcome | null; publicUrl?: string | null };
};

export type DocumentInput = { [K in DocumentType]: { type: K } & TemplateInputs[K] }[DocumentType];

// ---------------------------------------------------------------------------------------------------------------
// Fixed legal text

export const LEGAL_BASIS =
  'Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính (được sửa đổi, bổ sung bởi Nghị định số 48/2013/NĐ-CP và Nghị định số 92/2017/NĐ-CP)';
const DECREE_SHORT = 'Nghị định số 20/2008/NĐ-CP (được sửa đổi, bổ sung)';

/**
 * Why a PAKN is not received (spec §4), with the provision it fails and where to go instead. `{you}` is the
 * form of address ('Ông/Bà' or 'Quý tổ chức').
 */
export const REFUSAL_REASON_TEXT: Record<
  RefusalReason,
  { label: string; basis: string | null; guidance: string; canResubmit: boolean }
> = {
  R01: {
    label: 'phản ánh, kiến nghị không được thể hiện bằng tiếng Việt hoặc nội dung không đọc được',
    basis: `không đáp ứng yêu cầu tại Điều 7 ${DECREE_SHORT}`,
    guidance:
      'Đề nghị {you} gửi lại phản ánh, kiến nghị bằng tiếng Việt, với nội dung đọc được. Nếu cần hỗ trợ, {you} có thể gọi đường dây nóng hoặc đến trực tiếp cơ quan để được hướng dẫn.',
    canResubmit: true,
  },
  R02: {
    label:
      'phản ánh, kiến nghị không có hoặc không ghi rõ họ và tên, địa chỉ, thông tin liên hệ của cá nhân, tổ chức gửi',
    basis: `không đáp ứng yêu cầu tại Điều 7 ${DECREE_SHORT}`,
    guidance:
      'Đề nghị {you} gửi lại phản ánh, kiến nghị với đầy đủ họ và tên, địa chỉ và số điện thoại hoặc địa chỉ thư điện tử để cơ quan có thể liên hệ và trả lời.',
    canResubmit: true,
  },
  R03: {
    label: 'nội dung phản ánh, kiến nghị không rõ ràng',
    basis: `không đáp ứng yêu cầu tại Điều 7 ${DECREE_SHORT}`,
    guidance:
      'Đề nghị {you} gửi lại phản ánh, kiến nghị, nêu rõ quy định hành chính hoặc hành vi hành chính được phản ánh, vướng mắc cụ thể và đề xuất (nếu có).',
    canResubmit: true,
  },
  R04: {
    label: 'nội dung là khiếu nại hoặc tố cáo, không phải phản ánh, kiến nghị về quy định hành chính',
    basis:
      'khiếu nại được giải quyết theo Luật Khiếu nại năm 2011, tố cáo được giải quyết theo Luật Tố cáo năm 2018',
    guidance:
      'Đề nghị {you} gửi đơn khiếu nại hoặc tố cáo đến cơ quan, người có thẩm quyền giải quyết theo quy định của Luật Khiếu nại, Luật Tố cáo, hoặc đến Ban Tiếp công dân để được hướng dẫn.',
    canResubmit: false,
  },
  R05: {
    label:
      'nội dung là đề nghị tư vấn, giải thích pháp luật, không phải phản ánh, kiến nghị về quy định hành chính',
    basis: `không thuộc phạm vi phản ánh, kiến nghị theo Điều 3 ${DECREE_SHORT}`,
    guidance:
      'Để được tư vấn, giải thích pháp luật, {you} có thể liên hệ Trung tâm Trợ giúp pháp lý nhà nước của tỉnh, Sở Tư pháp, hoặc tổ chức hành nghề luật sư, tư vấn pháp luật.',
    canResubmit: false,
  },
  R06: {
    label: 'nội dung không liên quan đến quy định hành chính hoặc hành vi hành chính',
    basis: `không thuộc phạm vi phản ánh, kiến nghị theo Điều 3 ${DECREE_SHORT}`,
    guidance:
      'Đối với nội dung này, đề nghị {you} liên hệ cơ quan quản lý lĩnh vực liên quan hoặc chính quyền địa phương nơi cư trú để được xem xét theo thẩm quyền.',
    canResubmit: false,
  },
  R07: {
    label:
      'phản ánh, kiến nghị được gửi không đúng kênh tiếp nhận hoặc có tệp đính kèm không đúng định dạng cho phép',
    basis: `không đáp ứng yêu cầu về hình thức theo ${DECREE_SHORT}`,
    guidance:
      'Đề nghị {you} gửi lại qua Cổng phản ánh, kiến nghị, qua đường bưu chính hoặc trực tiếp tại cơ quan, với tệp đính kèm đúng định dạng được chấp nhận (PDF, JPG, PNG, DOC, DOCX, XLS, XLSX).',
    canResubmit: true,
  },
  R08: {
    label:
      'phản ánh, kiến nghị có ngôn từ không phù hợp, chứa thông tin thuộc bí mật nhà nước, hoặc trùng với phản ánh, kiến nghị đang được xử lý',
    basis: null,
    guidance:
      'Nếu nội dung trùng với phản ánh, kiến nghị đang được xử lý, kết quả xử lý sẽ được công khai trên Cổng phản ánh, kiến nghị. {you} có thể gửi phản ánh, kiến nghị với ngôn từ phù hợp và không có thông tin thuộc bí mật nhà nước.',
    canResubmit: true,
  },
};

export const OUTCOME_TEXT: Record<AnswerOutcome, string> = {
  amend: 'sửa đổi, bổ sung, bãi bỏ quy định hành chính theo thẩm quyền',
  propose_higher: 'đề nghị cơ quan có thẩm quyền sửa đổi, bổ sung, bãi bỏ quy định hành chính',
  new_rule: 'ban hành hoặc đề nghị ban hành quy định mới',
  stands: 'giải thích, giữ nguyên quy định hành chính hiện hành',
  keep_studying: 'chưa đủ cơ sở, tiếp tục nghiên cứu',
};

export const DOCUMENT_HEADINGS: Record<DocumentType, { title: string; subtitle: string }> = {
  refusal: { title: 'THÔNG BÁO', subtitle: 'Về việc từ chối tiếp nhận phản ánh, kiến nghị' },
  info_request: { title: 'THÔNG BÁO', subtitle: 'Về việc đề nghị bổ sung thông tin phản ánh, kiến nghị' },
  late_apology: {
    title: 'THÔNG BÁO',
    subtitle: 'Về việc xin lỗi và gia hạn thời hạn trả lời phản ánh, kiến nghị',
  },
  // a công văn has no title: the subtitle follows its number as 'V/v …'
  transfer: { title: '', subtitle: 'chuyển phản ánh, kiến nghị' },
  reply_cover: { title: '', subtitle: 'trả lời phản ánh, kiến nghị' },
};

/** Replaces the submitter's own title in the public version when no reviewed public title exists. */
export const TITLE_HIDDEN_VI = '[nội dung không công khai]';

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** NFC, no control characters except line breaks, trimmed. */
function clean(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
}

/** Markdown source (the answer): NFC, no control characters except line breaks; indentation kept (nested lists). */
function cleanMarkdown(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .replace(/^\s*\n|\s+$/g, '');
}

/** Staff text → paragraphs (one per non-empty line). */
function paragraphsOf(s: string | null | undefined): string[] {
  return clean(s)
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
function sentence(s: string): string {
  return /[.!?…:;]$/.test(s) ? s : `${s}.`;
}

/** 'Ông/Bà' for a person, 'Quý tổ chức' for an organisation (app/domain/salutation.ts, as in the e-mails). */
export function formOfAddress(sub: SubmitterInfo): string {
  return salutation(sub, 'vi').you;
}

/** The addressee line: 'Ông/Bà Nguyễn Văn An (địa chỉ: …)' or 'Công ty … (người đại diện: …; địa chỉ: …)'. */
export function submitterAddressee(sub: SubmitterInfo): string {
  const address = clean(sub.address);
  if (sub.kind === 'organisation') {
    const rep = clean(sub.representative);
    const extra = [rep ? `người đại diện: ${rep}` : '', address ? `địa chỉ: ${address}` : '']
      .filter(Boolean)
      .join('; ');
    const name = clean(sub.orgName) || clean(sub.fullName);
    return extra ? `${name} (${extra})` : name;
  }
  const name = salutation(sub, 'vi').addressee;
  return address ? `${name} (địa chỉ: ${address})` : name;
}

/** The submitter named in the third person (transfer letters): 'ông/bà Nguyễn Văn An, địa chỉ: …'. */
function submitterThirdPerson(sub: SubmitterInfo): string {
  const address = clean(sub.address);
  const at = address ? `, địa chỉ: ${address}` : '';
  if (sub.kind === 'organisation') {
    const rep = clean(sub.representative);
    return `${clean(sub.orgName) || clean(sub.fullName)}${rep ? ` (người đại diện: ${rep})` : ''}${at}`;
  }
  return `ông/bà ${clean(sub.fullName)}${at}`;
}

function submitterShort(sub: SubmitterInfo): string {
  return salutation(sub, 'vi').addressee;
}

const quoted = (title: string) => `“${clean(title).replace(/\s+/g, ' ')}”`;

function received(c: Common, who: string): string {
  return `Ngày ${formatDateVi(c.pakn.receivedDate)}, ${clean(c.agency.name)} nhận được phản ánh, kiến nghị của ${who} về ${quoted(c.pakn.title)} (mã số ${c.pakn.code}).`;
}

function contactLine(c: Common, you: string): string {
  const a = c.agency;
  const parts = [
    clean(a.address) ? `địa chỉ: ${clean(a.address)}` : '',
    clean(a.hotline) ? `điện thoại: ${clean(a.hotline)}` : '',
    clean(a.email) ? `thư điện tử: ${clean(a.email)}` : '',
  ].filter(Boolean);
  return `Mọi thông tin cần trao đổi, ${you} vui lòng liên hệ ${clean(a.name)}${parts.length ? `, ${parts.join('; ')}` : ''}.`;
}

/** The last paragraph of an administrative document ends with './.' */
function closeBody(paragraphs: string[]): string[] {
  const out = [...paragraphs];
  const last = out.length - 1;
  if (last >= 0) out[last] = `${(out[last] as string).replace(/[.\s]+$/u, '')}./.`;
  return out;
}

function frame(
  c: Common,
  type: DocumentType,
  addressee: string,
  paragraphs: string[],
  recipients: string[],
): OfficialDocument {
  const h = DOCUMENT_HEADINGS[type];
  return {
    agencyParent: clean(c.agency.parentName),
    agencyName: clean(c.agency.name),
    number: c.number,
    place: clean(c.agency.province),
    date: formatDateVi(c.issuedDate),
    title: h.title,
    subtitle: h.subtitle,
    addressee,
    paragraphs: closeBody(paragraphs),
    recipients,
    signerTitle: clean(c.agency.signerTitle),
    signerName: clean(c.agency.signerName),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Templates

function refusal(c: Common, i: TemplateInputs['refusal']): OfficialDocument {
  const you = formOfAddress(c.submitter);
  const A = clean(c.agency.name);
  const text = i.reason ? REFUSAL_REASON_TEXT[i.reason] : null;
  const p: string[] = [received(c, you)];
  if (text) {
    p.push(
      `Căn cứ ${LEGAL_BASIS}, ${A} thông báo không tiếp nhận phản ánh, kiến nghị nêu trên với lý do: ${text.label}${text.basis ? ` (${text.basis})` : ''}.`,
    );
  } else {
    p.push(`Căn cứ ${LEGAL_BASIS}, ${A} thông báo không tiếp nhận phản ánh, kiến nghị nêu trên.`);
  }
  const note = paragraphsOf(i.note);
  if (note.length) {
    p.push(`Cụ thể: ${sentence(note[0] as string)}`, ...note.slice(1).map(sentence));
  }
  if (text) p.push(`Hướng dẫn: ${text.guidance.replaceAll('{you}', you)}`);
  if (!text || text.canResubmit) {
    p.push(
      `Việc không tiếp nhận không ảnh hưởng đến quyền của ${you} gửi phản ánh, kiến nghị mới đáp ứng đầy đủ yêu cầu theo quy định, qua Cổng phản ánh, kiến nghị, qua đường bưu chính hoặc trực tiếp tại ${A}.`,
    );
  }
  p.push(contactLine(c, you));
  p.push(`${A} thông báo để ${you} được biết.`);
  return frame(c, 'refusal', submitterAddressee(c.submitter), p, ['Như trên;', 'Lưu: VT.']);
}

function infoRequest(c: Common, i: TemplateInputs['info_request']): OfficialDocument {
  const you = formOfAddress(c.submitter);
  const A = clean(c.agency.name);
  const question = paragraphsOf(i.question);
  const unit = i.waitUnit === 'working' ? 'ngày làm việc' : 'ngày';
  const p: string[] = [
    received(c, you),
    `Để có đủ cơ sở nghiên cứu, xử lý theo quy định, ${A} đề nghị ${you} bổ sung thông tin sau:`,
    ...question.map(sentence),
    `${you} có thể gửi thông tin bổ sung trên Cổng phản ánh, kiến nghị tại địa chỉ ${c.followUrl} (tra cứu bằng mã số ${c.pakn.code}), qua thư điện tử ${clean(c.agency.email)}, qua đường bưu chính hoặc trực tiếp tại ${A}, địa chỉ: ${clean(c.agency.address)}.`,
    `Thời gian chờ ${you} bổ sung thông tin không tính vào thời hạn xử lý phản ánh, kiến nghị. Nếu trong thời hạn ${i.waitDays} ${unit} kể từ ngày thông báo này (đến hết ngày ${formatDateVi(i.waitUntil)}), ${A} không nhận được thông tin bổ sung, phản ánh, kiến nghị sẽ được đóng do nội dung không rõ ràng; ${you} vẫn có thể gửi phản ánh, kiến nghị mới bất cứ lúc nào.`,
    contactLine(c, you),
    `${A} thông báo để ${you} được biết và thực hiện.`,
  ];
  return frame(c, 'info_request', submitterAddressee(c.submitter), p, ['Như trên;', 'Lưu: VT.']);
}

function lateApology(c: Common, i: TemplateInputs['late_apology']): OfficialDocument {
  const you = formOfAddress(c.submitter);
  const A = clean(c.agency.name);
  const reason = paragraphsOf(i.reason);
  const p: string[] = [
    received(c, you),
    `Theo quy định, thời hạn trả lời phản ánh, kiến nghị nêu trên là ngày ${formatDateVi(i.previousDue)}. Tuy nhiên, ${A} chưa thể trả lời đúng thời hạn${reason.length ? ' vì lý do sau:' : '.'}`,
    ...reason.map(sentence),
    `${A} thành thật xin lỗi ${you} vì sự chậm trễ này và hẹn trả lời phản ánh, kiến nghị chậm nhất vào ngày ${formatDateVi(i.newDue)}.`,
    `Trong thời gian này, ${you} có thể tra cứu tiến độ xử lý tại ${c.followUrl} bằng mã số ${c.pakn.code}. ${contactLine(c, you)}`,
    `${A} trân trọng cảm ơn sự thông cảm của ${you}.`,
  ];
  return frame(c, 'late_apology', submitterAddressee(c.submitter), p, ['Như trên;', 'Lưu: VT.']);
}

function transfer(c: Common, i: TemplateInputs['transfer']): OfficialDocument {
  const A = clean(c.agency.name);
  const target = clean(i.target.name);
  const sub = c.submitter;
  const contact = [
    clean(sub.phone) ? `điện thoại: ${clean(sub.phone)}` : '',
    clean(sub.email) ? `thư điện tử: ${clean(sub.email)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const note = paragraphsOf(i.note);
  const p: string[] = [received(c, submitterThirdPerson(sub))];
  if (contact) p.push(`Thông tin liên hệ của cá nhân, tổ chức phản ánh, kiến nghị: ${contact}.`);
  p.push(
    `Căn cứ Điều 9 ${LEGAL_BASIS}, xét thấy nội dung phản ánh, kiến nghị nêu trên không thuộc thẩm quyền xử lý của ${A}, ${A} chuyển phản ánh, kiến nghị (kèm theo nội dung phản ánh, kiến nghị và tài liệu liên quan) đến ${target} để xem xét, xử lý theo thẩm quyền.`,
  );
  if (note.length) p.push(`Lý do chuyển: ${sentence(note[0] as string)}`, ...note.slice(1).map(sentence));
  const ours = [
    clean(c.agency.address) ? `địa chỉ: ${clean(c.agency.address)}` : '',
    clean(c.agency.email) ? `thư điện tử: ${clean(c.agency.email)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  p.push(
    `Đề nghị ${target} xem xét, xử lý và trả lời cho cá nhân, tổ chức phản ánh, kiến nghị theo quy định, đồng thời thông báo kết quả cho ${A}${ours ? ` (${ours})` : ''} để theo dõi, tổng hợp.`,
  );
  return frame(c, 'transfer', target, p, ['Như trên;', `${submitterShort(sub)} (để biết);`, 'Lưu: VT.']);
}

function replyCover(c: Common, i: TemplateInputs['reply_cover']): OfficialDocument {
  const you = formOfAddress(c.submitter);
  const A = clean(c.agency.name);
  // the answer is written in the Markdown the answer form allows: one paragraph, drawn by the renderers
  const body = cleanMarkdown(i.answerBody);
  const p: string[] = [received(c, you), `Sau khi nghiên cứu, ${A} trả lời như sau:`];
  const markdown = body ? [p.push(body) - 1] : [];
  if (i.outcome) p.push(`Kết quả xử lý: ${OUTCOME_TEXT[i.outcome]}.`);
  p.push(
    `Kết quả trả lời được công khai trên Cổng phản ánh, kiến nghị${clean(i.publicUrl) ? ` (${clean(i.publicUrl)})` : ''} theo quy định; thông tin cá nhân của ${you} chỉ được công khai khi ${you} đồng ý.`,
  );
  p.push(`${A} trân trọng cảm ơn ${you} đã quan tâm, đóng góp ý kiến đối với quy định hành chính.`);
  const doc = frame(c, 'reply_cover', submitterAddressee(c.submitter), p, ['Như trên;', 'Lưu: VT.']);
  return markdown.length ? { ...doc, markdown } : doc;
}

/** Builds the document of `input.type` from the common facts and its own inputs. */
export function buildDocument(common: Common, input: DocumentInput): OfficialDocument {
  switch (input.type) {
    case 'refusal':
      return refusal(common, input);
    case 'info_request':
      return infoRequest(common, input);
    case 'late_apology':
      return lateApology(common, input);
    case 'transfer':
      return transfer(common, input);
    case 'reply_cover':
      return replyCover(common, input);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public version

export type PublicContext = {
  submitter: SubmitterInfo;
  /** the submitter's own title, hidden in the public version */
  title?: string | null;
  /** the reviewed title of a published PAKN, shown instead when there is one */
  publicTitle?: string | null;
  /** false for letters addressed to another agency (transfer): their addressee is not personal data */
  addresseeIsSubmitter: boolean;
  /**
   * Text that is not personal data although it looks like it: the agency's own address, phone, hotline and
   * e-mail (detectPii flags any phone number or e-mail). A flag lying inside one of these is dropped, unless it
   * is the submitter's own.
   */
  allow?: readonly (string | null | undefined)[];
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive whole-word occurrences of `needle` (NFC), for the exact pass after detectPii. */
function exactFlags(text: string, needle: string | null | undefined): { start: number; end: number }[] {
  const n = clean(needle).replace(/\s+/g, ' ');
  if (n.length < 3) return [];
  const pattern = escapeRe(n).replace(/ /g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Digits of a phone number in any grouping: '0905 123 456', '0905.123.456', '+84 905 123 456'. */
function phoneFlags(text: string, phone: string | null | undefined): { start: number; end: number }[] {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^84/, '0');
  if (digits.length < 6) return [];
  const national = digits.startsWith('0') ? digits.slice(1) : digits;
  const sep = '[\\s.\\-()]{0,2}';
  const body = national.split('').join(sep);
  const re = new RegExp(`(?<![\\p{N}])(?:(?:\\+?84|0)${sep})?${body}(?![\\p{N}])`, 'gu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Every personal-data range of `text` for this submitter. */
export function redactText(text: string, ctx: PublicContext, source = 'document'): string {
  const s = ctx.submitter;
  const input = text.normalize('NFC');
  const pii: PiiContext = {
    source,
    submitterName: s.fullName,
    submitterAddress: s.address,
    orgName: s.orgName ?? null,
    representative: s.representative ?? null,
  };
  const allowed = (ctx.allow ?? []).flatMap((a) => exactFlags(input, a));
  // only contact-shaped flags can be the agency's own; names and addresses from the submitter's context always go
  const inAllowed = (f: { kind: string; start: number; end: number }) =>
    f.kind !== 'name' && f.kind !== 'address' && allowed.some((a) => a.start <= f.start && f.end <= a.end);
  const flags = [
    ...detectPii(input, pii).filter((f) => !inAllowed(f)),
    ...exactFlags(input, s.fullName),
    ...exactFlags(input, s.orgName),
    ...exactFlags(input, s.representative),
    ...exactFlags(input, s.address),
    ...exactFlags(input, s.email),
    ...phoneFlags(input, s.phone),
  ];
  return applyRedactions(input, flags, REDACTION_MARKER_VI);
}

/** The redacted document for the public register (see the module comment). */
export function publicVersion(doc: OfficialDocument, ctx: PublicContext): OfficialDocument {
  const title = clean(ctx.title);
  const publicTitle = clean(ctx.publicTitle);
  const hideTitle = (s: string): string => {
    if (!title) return s;
    const replacement = publicTitle ? quoted(publicTitle) : TITLE_HIDDEN_VI;
    return s.normalize('NFC').split(quoted(title)).join(replacement);
  };
  const r = (s: string, source: string) => redactText(hideTitle(s), ctx, source);
  return {
    ...doc,
    subtitle: doc.subtitle === undefined ? undefined : r(doc.subtitle, 'subtitle'),
    addressee:
      doc.addressee === undefined
        ? undefined
        : ctx.addresseeIsSubmitter
          ? REDACTION_MARKER_VI
          : r(doc.addressee, 'addressee'),
    paragraphs: doc.paragraphs.map((p, i) => r(p, `paragraph:${i + 1}`)),
    recipients: doc.recipients?.map((x, i) => r(x, `recipient:${i + 1}`)),
  };
}
