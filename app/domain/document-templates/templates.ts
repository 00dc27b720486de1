// The five templates: each turns the common facts and its own inputs into an OfficialDocument (see index.ts).
import { formatDateVi } from '~/domain/dates';
import type { OfficialDocument } from '~/domain/official-document';

import { LEGAL_BASIS, OUTCOME_TEXT, REFUSAL_REASON_TEXT } from './legal-text';
import {
  clean,
  cleanMarkdown,
  contactLine,
  formOfAddress,
  frame,
  paragraphsOf,
  received,
  sentence,
  submitterAddressee,
  submitterShort,
  submitterThirdPerson,
} from './text';
import type { Common, DocumentInput, TemplateInputs } from './types';

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
  if (i.repeatOf) {
    p.push(
      `Nội dung phản ánh, kiến nghị trùng với phản ánh, kiến nghị số ${clean(i.repeatOf.code)} đã được ${A} trả lời; ${you} có thể xem nội dung trả lời tại ${clean(i.repeatOf.url)}.`,
    );
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
