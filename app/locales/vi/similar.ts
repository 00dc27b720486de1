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
  group: {
    heading: 'Nhóm trả lời chung',
    intro:
      'Gộp các phản ánh, kiến nghị cùng nội dung, đang xử lý tại cùng một đơn vị, để trả lời một lần: câu trả lời của phản ánh, kiến nghị chủ trì được duyệt một lần và gửi đến từng người gửi kèm mã số của họ.',
    isLead:
      'Phản ánh, kiến nghị này chủ trì nhóm trả lời chung ({{lead}}). Câu trả lời của nó, khi được duyệt, được gửi cho mọi phản ánh, kiến nghị trong nhóm.',
    isMember:
      'Phản ánh, kiến nghị này thuộc nhóm trả lời chung do {{lead}} chủ trì: nó được trả lời bằng câu trả lời của {{lead}}.',
    answered: 'Nhóm do {{lead}} chủ trì đã được trả lời chung ngày {{date}}.',
    lead: 'chủ trì',
    with: 'Gộp {{code}} vào nhóm trả lời chung',
    code: 'Mã số phản ánh, kiến nghị cần gộp',
    codeHint: 'Phản ánh, kiến nghị đang xử lý tại cùng đơn vị, chưa thuộc nhóm nào.',
    add: 'Gộp vào nhóm',
    remove: 'Tách {{code}} khỏi nhóm',
    dissolve: 'Giải tán nhóm (tách tất cả)',
    errors: {
      unknown: 'Không có phản ánh, kiến nghị nào với mã số {{code}}.',
      self: 'Không thể gộp một phản ánh, kiến nghị với chính nó.',
      notAssigned: '{{code}} chưa được giao đơn vị xử lý nên chưa gộp được.',
      awaitingInfo: '{{code}} đang chờ người gửi bổ sung thông tin nên chưa gộp được.',
      notOpen:
        '{{code}} đã được trả lời, bị từ chối hoặc đã đóng: chỉ gộp được phản ánh, kiến nghị đang xử lý.',
      differentUnits: 'Chỉ gộp được các phản ánh, kiến nghị do cùng một đơn vị xử lý.',
      alreadyInGroup: '{{code}} đã ở trong nhóm này.',
      otherGroup: '{{code}} đã thuộc một nhóm trả lời chung khác; hãy tách nó khỏi nhóm đó trước.',
      answered: 'Câu trả lời của nhóm đã được duyệt: không thể gộp thêm hay tách nhóm nữa.',
      notGrouped: 'Phản ánh, kiến nghị này không thuộc nhóm trả lời chung nào.',
      notMember: '{{code}} không thuộc nhóm này.',
      ungroupFirst: 'Phản ánh, kiến nghị này thuộc một nhóm trả lời chung: hãy tách nó khỏi nhóm trước.',
      answeredByLead:
        'Phản ánh, kiến nghị này được trả lời cùng nhóm: câu trả lời được soạn và duyệt trên phản ánh, kiến nghị chủ trì.',
    },
  },
  api: {
    tooMany: 'Quá nhiều yêu cầu, xin thử lại sau.',
  },
} as const;
