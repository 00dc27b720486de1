// The fixed legal text of the documents: the legal basis, why a PAKN is refused and where to go instead, the
// outcomes of an answer and the headings. Vietnamese only (official documents are written in Vietnamese).
import type { RefusalReason } from '~/domain/pakn';
import type { AnswerOutcome, DocumentType } from './types';

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
