// Similar PAKN (issue #15): suggestions for staff, refusal of a repeat (R08), suggestions for citizens.
export default {
  heading: 'Phản ánh, kiến nghị tương tự',
  intro: 'Các phản ánh, kiến nghị đã gửi trước có nội dung gần giống, kèm lý do và mức độ giống nhau.',
  none: 'Không thấy phản ánh, kiến nghị nào tương tự.',
  score: 'điểm {{score}}',
  strength: {
    strong: 'Rất giống',
    medium: 'Khá giống',
    weak: 'Có liên quan',
  },
  reason: {
    citation: 'Cùng trích dẫn văn bản {{detail}}',
    text: 'Cách diễn đạt gần giống',
    textDetail: 'Cách diễn đạt gần giống (“{{detail}}”)',
    submitter: 'Cùng người gửi',
    procedure: 'Cùng thủ tục hành chính',
  },
  repeat: {
    summary: 'Từ chối vì trùng với {{code}} đã được trả lời (R08)',
    hint: 'Thông báo từ chối và thư gửi người gửi sẽ kèm đường liên kết đến nội dung trả lời của {{code}}.',
    note: 'Nội dung thông báo (lý do cụ thể)',
    submit: 'Từ chối (R08) và gửi đường liên kết',
  },
  forms: {
    repeatOf: 'Trùng với phản ánh, kiến nghị đã được trả lời (mã số, chỉ dùng với R08)',
    repeatOfHint: 'Để trống nếu không phải trường hợp trùng lặp.',
  },
  errors: {
    notAnswered:
      'Phản ánh, kiến nghị này chưa được trả lời (hoặc kết quả đã bị gỡ công khai): chỉ từ chối vì trùng lặp khi đã có câu trả lời để dẫn chiếu.',
    repeatNeedsR08: 'Chỉ ghi mã phản ánh, kiến nghị trùng khi lý do từ chối là R08.',
  },
  email: {
    repeatLabel: 'Đã được trả lời trước đây',
    repeatText: 'Phản ánh, kiến nghị {{code}} có cùng nội dung đã được trả lời; xem tại {{url}}',
  },
  public: {
    heading: 'Câu hỏi tương tự đã được trả lời',
    intro: 'Các câu trả lời đã công khai dưới đây có thể trùng với nội dung bạn định gửi:',
    link: 'Xem câu trả lời {{code}}',
    stillSend:
      'Nếu các câu trả lời này chưa đúng với trường hợp của mình, bạn vẫn có thể gửi phản ánh, kiến nghị như bình thường.',
    checking: 'Đang tìm các câu trả lời tương tự…',
  },
  api: {
    tooMany: 'Quá nhiều yêu cầu, xin thử lại sau.',
  },
} as const;
