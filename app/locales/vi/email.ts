// E-mail strings (t('email.…')). Plain text only: the templates escape and lay them out.
export default {
  layout: {
    contactHeading: 'Thông tin liên hệ',
    address: 'Địa chỉ',
    hotline: 'Đường dây nóng',
    email: 'Thư điện tử',
    officeHours: 'Giờ làm việc',
    automated:
      'Thư này được gửi tự động từ Cổng tiếp nhận phản ánh, kiến nghị. Vui lòng không trả lời thư này; khi cần, xin liên hệ theo thông tin ở trên.',
    copyHint: 'Nếu không mở được đường liên kết, xin sao chép địa chỉ sau vào trình duyệt:',
  },
  receipt: {
    subject: '[{{code}}] Đã tiếp nhận phản ánh, kiến nghị của {{you}}',
    preheader: 'Mã số phản ánh, kiến nghị của {{you}}: {{code}}. Thời hạn trả lời: {{dueDate}}.',
    heading: 'Đã tiếp nhận phản ánh, kiến nghị',
    greeting: 'Kính gửi {{name}},',
    intro:
      '{{agency}} đã tiếp nhận phản ánh, kiến nghị của {{you}}. Xin cảm ơn {{you}} đã gửi phản ánh, kiến nghị.',
    codeLabel: 'Mã số phản ánh, kiến nghị',
    codeHint: 'Xin {{you}} ghi lại mã số này để tra cứu và sử dụng khi liên hệ với cơ quan.',
    titleLabel: 'Tiêu đề',
    receivedLabel: 'Ngày tiếp nhận',
    dueLabel: 'Thời hạn trả lời',
    followHeading: 'Theo dõi tình trạng xử lý',
    followIntro: '{{you}} có thể xem tình trạng xử lý bất cứ lúc nào qua đường liên kết riêng sau:',
    followLinkText: 'Xem tình trạng xử lý phản ánh, kiến nghị {{code}}',
    followPrivate:
      'Đây là đường liên kết riêng của {{you}}: ai có đường liên kết này đều xem được thông tin {{you}} đã gửi. Xin vui lòng không chuyển tiếp thư này và không chia sẻ đường liên kết cho người khác.',
    lookupHeading: 'Tra cứu bằng mã số',
    lookupText:
      '{{you}} cũng có thể tra cứu tại trang dưới đây bằng mã số {{code}} cùng địa chỉ thư điện tử hoặc số điện thoại đã khai báo khi gửi phản ánh, kiến nghị.',
    lookupLinkText: 'Tra cứu phản ánh, kiến nghị',
    contact: 'Nếu cần hỗ trợ, xin {{you}} liên hệ {{agency}} theo thông tin ở cuối thư.',
    closing: 'Trân trọng,',
  },

  // Status e-mails to the submitter (notifyStep), one group per workflow step.
  status: {
    greeting: 'Kính gửi {{name}},',
    codeLabel: 'Mã số',
    titleLabel: 'Tiêu đề',
    noteLabel: 'Ghi chú của cơ quan',
    followHeading: 'Theo dõi tình trạng xử lý',
    followText:
      '{{you}} có thể xem tình trạng xử lý tại trang tra cứu bằng mã số {{code}} cùng địa chỉ thư điện tử hoặc số điện thoại đã khai báo. Đường liên kết riêng trong thư xác nhận tiếp nhận vẫn dùng được.',
    followLinkText: 'Tra cứu phản ánh, kiến nghị {{code}}',
    contact: 'Nếu cần hỗ trợ, xin {{you}} liên hệ {{agency}} theo thông tin ở cuối thư.',
    closing: 'Trân trọng,',
    refused: {
      subject: '[{{code}}] Phản ánh, kiến nghị không được tiếp nhận',
      heading: 'Phản ánh, kiến nghị không được tiếp nhận',
      intro:
        'Sau khi nghiên cứu, {{agency}} rất tiếc không thể tiếp nhận, xử lý phản ánh, kiến nghị {{code}} của {{you}} theo quy định về tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính.',
      reasonLabel: 'Lý do',
      guidanceHeading: '{{you}} có thể làm gì',
    },
    transferred: {
      subject: '[{{code}}] Phản ánh, kiến nghị đã được chuyển cơ quan có thẩm quyền',
      heading: 'Đã chuyển cơ quan có thẩm quyền',
      intro:
        'Nội dung phản ánh, kiến nghị {{code}} của {{you}} không thuộc thẩm quyền của {{agency}}. Theo Điều 9 Nghị định số 20/2008/NĐ-CP, chúng tôi đã chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền dưới đây để xem xét, xử lý.',
      agencyLabel: 'Cơ quan tiếp nhận',
      addressLabel: 'Địa chỉ',
      emailLabel: 'Thư điện tử',
      reasonLabel: 'Lý do chuyển',
      next: 'Cơ quan có thẩm quyền sẽ trả lời {{you}}. Khi cần, {{you}} có thể liên hệ trực tiếp cơ quan này.',
    },
    forwarded: {
      subject: '[{{code}}] Phản ánh về hành vi hành chính đã được chuyển xử lý',
      heading: 'Đã chuyển xử lý theo quy định',
      intro:
        'Phản ánh, kiến nghị {{code}} của {{you}} liên quan đến hành vi hành chính của cơ quan, cán bộ, công chức. Nội dung này đã được chuyển đến cơ quan, người có thẩm quyền để xử lý theo quy định của pháp luật có liên quan.',
      agencyLabel: 'Chuyển đến',
      next: 'Kết quả xử lý sẽ do cơ quan, người có thẩm quyền thông báo theo quy định.',
    },
    duplicate: {
      subject: '[{{code}}] Phản ánh, kiến nghị trùng với nội dung đang được xử lý',
      heading: 'Nội dung trùng với phản ánh, kiến nghị đang được xử lý',
      intro:
        'Phản ánh, kiến nghị {{code}} của {{you}} có nội dung trùng với một phản ánh, kiến nghị đang được xử lý, nên sẽ không được xử lý riêng.',
      originalLabel: 'Phản ánh, kiến nghị đang được xử lý',
      next: 'Kết quả xử lý nội dung này sẽ được công khai trên Cổng khi có trả lời.',
    },
    assigned: {
      subject: '[{{code}}] Phản ánh, kiến nghị đã được giao đơn vị xử lý',
      heading: 'Phản ánh, kiến nghị đang được xử lý',
      intro:
        'Phản ánh, kiến nghị {{code}} của {{you}} thuộc thẩm quyền của {{agency}} và đã được giao cho đơn vị dưới đây nghiên cứu, xử lý.',
      unitLabel: 'Đơn vị xử lý',
      dueLabel: 'Thời hạn trả lời',
    },
    reassigned: {
      subject: '[{{code}}] Thay đổi đơn vị xử lý phản ánh, kiến nghị',
      heading: 'Đơn vị xử lý đã thay đổi',
      intro: 'Phản ánh, kiến nghị {{code}} của {{you}} nay do đơn vị dưới đây nghiên cứu, xử lý.',
      unitLabel: 'Đơn vị xử lý',
      dueLabel: 'Thời hạn trả lời',
    },
    info_requested: {
      subject: '[{{code}}] Đề nghị {{you}} bổ sung thông tin',
      heading: 'Đề nghị bổ sung thông tin',
      intro: 'Để xử lý phản ánh, kiến nghị {{code}}, đơn vị xử lý đề nghị {{you}} bổ sung thông tin sau:',
      questionLabel: 'Thông tin cần bổ sung',
      howTo:
        'Xin {{you}} mở trang tra cứu, nhập mã số {{code}} cùng địa chỉ thư điện tử hoặc số điện thoại đã khai báo, rồi gửi thông tin bổ sung tại trang phản ánh, kiến nghị của mình. Đường liên kết riêng trong thư xác nhận tiếp nhận vẫn dùng được.',
      linkText: 'Gửi thông tin bổ sung cho {{code}}',
      pause:
        'Trong thời gian chờ {{you}} bổ sung thông tin, thời hạn trả lời tạm dừng. Nếu sau {{days}} ngày không nhận được thông tin bổ sung, phản ánh, kiến nghị sẽ được đóng vì nội dung không rõ ràng.',
    },
    extended: {
      subject: '[{{code}}] Thư xin lỗi và gia hạn thời hạn trả lời',
      heading: 'Xin lỗi và gia hạn thời hạn trả lời',
      apology:
        '{{agency}} thành thật xin lỗi {{you}} vì chưa thể trả lời phản ánh, kiến nghị {{code}} đúng thời hạn đã hẹn.',
      reasonLabel: 'Lý do gia hạn',
      newDateLabel: 'Thời hạn trả lời mới',
      promise: 'Chúng tôi sẽ trả lời {{you}} chậm nhất vào ngày {{date}}. Mong {{you}} thông cảm.',
    },
    answered: {
      subject: '[{{code}}] Trả lời phản ánh, kiến nghị của {{you}}',
      heading: 'Trả lời phản ánh, kiến nghị',
      intro: '{{agency}} trả lời phản ánh, kiến nghị {{code}} của {{you}} như sau.',
      outcomeLabel: 'Kết quả xử lý',
      answerHeading: 'Nội dung trả lời',
      next: 'Kết quả trả lời sẽ được công khai (sau khi ẩn thông tin cá nhân) tại {{url}}. Xin cảm ơn {{you}} đã đóng góp ý kiến.',
      rateIntro:
        '{{you}} có hài lòng với kết quả trả lời không? Xin dành một phút cho chúng tôi biết. Nếu chưa hài lòng, {{you}} có thể đề nghị xem xét lại.',
      rateLink: 'Đánh giá kết quả trả lời',
    },
    closed_no_info: {
      subject: '[{{code}}] Đóng phản ánh, kiến nghị do chưa nhận được thông tin bổ sung',
      heading: 'Đóng phản ánh, kiến nghị',
      intro:
        'Đến nay {{agency}} chưa nhận được thông tin bổ sung {{you}} được đề nghị cung cấp cho phản ánh, kiến nghị {{code}}. Do nội dung chưa rõ ràng, phản ánh, kiến nghị này được đóng.',
      next: '{{you}} có thể gửi phản ánh, kiến nghị mới với đầy đủ thông tin bất cứ lúc nào.',
    },
    progress: {
      subject: '[{{code}}] Thông báo tiến độ xử lý phản ánh, kiến nghị',
      heading: 'Thông báo tiến độ xử lý',
      intro:
        'Phản ánh, kiến nghị {{code}} của {{you}} đã quá thời hạn trả lời ({{due}}). {{agency}} thành thật xin lỗi {{you}} vì sự chậm trễ này.',
      statusLabel: 'Tình trạng hiện nay',
      unitLabel: 'Đơn vị xử lý',
      next: 'Chúng tôi sẽ tiếp tục thông báo tiến độ cho {{you}} {{days}} ngày một lần cho đến khi có trả lời.',
    },
  },
  refusalReason: {
    R01: 'Không viết bằng tiếng Việt hoặc không đọc được nội dung',
    R02: 'Không có hoặc không rõ họ tên, địa chỉ, thông tin liên hệ của người gửi',
    R03: 'Nội dung không rõ ràng',
    R04: 'Nội dung là khiếu nại hoặc tố cáo',
    R05: 'Nội dung là đề nghị tư vấn, giải thích pháp luật, không phải phản ánh, kiến nghị về quy định hành chính',
    R06: 'Không liên quan đến quy định hành chính hoặc hành vi hành chính',
    R07: 'Gửi không đúng kênh hoặc tệp đính kèm không đúng định dạng cho phép',
    R08: 'Có ngôn từ xúc phạm, thông tin bí mật nhà nước, hoặc trùng với phản ánh, kiến nghị đang được xử lý',
  },
  refusalGuidance: {
    R01: 'Xin {{you}} gửi lại phản ánh, kiến nghị bằng tiếng Việt, với nội dung đọc được. Nếu cần hỗ trợ, {{you}} có thể gọi đường dây nóng hoặc đến trực tiếp cơ quan.',
    R02: 'Xin {{you}} gửi lại phản ánh, kiến nghị với đầy đủ họ tên, địa chỉ và số điện thoại hoặc thư điện tử để cơ quan có thể liên hệ và trả lời.',
    R03: 'Xin {{you}} gửi lại phản ánh, kiến nghị, nêu rõ quy định hoặc hành vi hành chính được phản ánh, vướng mắc cụ thể và đề xuất (nếu có).',
    R04: 'Khiếu nại được giải quyết theo Luật Khiếu nại 2011, tố cáo theo Luật Tố cáo 2018. Xin {{you}} gửi đơn khiếu nại hoặc tố cáo đến cơ quan, người có thẩm quyền giải quyết, hoặc đến Ban Tiếp công dân của cơ quan để được hướng dẫn.',
    R05: 'Để được tư vấn, giải thích pháp luật, {{you}} có thể liên hệ Trung tâm trợ giúp pháp lý nhà nước của tỉnh, Sở Tư pháp, hoặc tổ chức hành nghề luật sư, tư vấn pháp luật.',
    R06: 'Cổng này chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính và hành vi hành chính. Với các nội dung khác, xin {{you}} liên hệ cơ quan quản lý lĩnh vực liên quan hoặc chính quyền địa phương nơi cư trú.',
    R07: 'Xin {{you}} gửi lại qua Cổng này, qua bưu điện hoặc trực tiếp tại cơ quan, với tệp đính kèm đúng định dạng được chấp nhận (PDF, JPEG, PNG, Word hoặc Excel).',
    R08: 'Nếu nội dung trùng với phản ánh, kiến nghị đang được xử lý, kết quả sẽ được công khai trên Cổng. {{you}} có thể gửi lại phản ánh, kiến nghị với ngôn từ phù hợp và không có thông tin thuộc bí mật nhà nước.',
  },
  // To a unit when a PAKN is assigned to it.
  unitAssigned: {
    subject: '[{{code}}] Giao {{unit}} xử lý phản ánh, kiến nghị',
    heading: 'Phản ánh, kiến nghị mới được giao',
    intro: 'Phản ánh, kiến nghị {{code}} đã được giao cho {{unit}} xử lý.',
    reassignedIntro: 'Phản ánh, kiến nghị {{code}} đã được chuyển giao cho {{unit}} xử lý.',
    titleLabel: 'Tiêu đề',
    receivedLabel: 'Ngày tiếp nhận',
    dueLabel: 'Thời hạn trả lời',
    noteLabel: 'Ghi chú của người giao',
    linkText: 'Mở phản ánh, kiến nghị {{code}}',
  },
  // Internal mail to staff about one PAKN.
  staffUpdate: {
    titleLabel: 'Tiêu đề',
    dueLabel: 'Thời hạn trả lời',
    noteLabel: 'Lý do trả lại',
    linkText: 'Mở phản ánh, kiến nghị {{code}}',
    infoSupplied: {
      subject: '[{{code}}] Người gửi đã bổ sung thông tin',
      heading: 'Người gửi đã bổ sung thông tin',
      intro:
        'Người gửi phản ánh, kiến nghị {{code}} đã bổ sung thông tin theo yêu cầu; thời hạn xử lý tiếp tục được tính. Nội dung bổ sung và tệp kèm theo có trong hồ sơ.',
    },
    draftSubmitted: {
      subject: '[{{code}}] Dự thảo trả lời chờ phê duyệt',
      heading: 'Dự thảo trả lời chờ phê duyệt',
      intro: 'Dự thảo văn bản trả lời phản ánh, kiến nghị {{code}} đã được trình và đang chờ phê duyệt.',
    },
    draftReturned: {
      subject: '[{{code}}] Dự thảo trả lời bị trả lại',
      heading: 'Dự thảo trả lời bị trả lại',
      intro: 'Dự thảo văn bản trả lời phản ánh, kiến nghị {{code}} đã bị trả lại để chỉnh sửa.',
    },
    extensionRequested: {
      subject: '[{{code}}] Đề nghị gia hạn chờ phê duyệt',
      heading: 'Đề nghị gia hạn chờ phê duyệt',
      intro:
        'Cán bộ xử lý phản ánh, kiến nghị {{code}} đề nghị gia hạn thời hạn trả lời; đề nghị đang chờ lãnh đạo duyệt.',
      noteLabel: 'Lý do gia hạn',
    },
    extensionApproved: {
      subject: '[{{code}}] Đề nghị gia hạn đã được chấp thuận',
      heading: 'Đề nghị gia hạn đã được chấp thuận',
      intro: 'Lãnh đạo đã chấp thuận đề nghị gia hạn trả lời phản ánh, kiến nghị {{code}}.',
    },
    extensionDeclined: {
      subject: '[{{code}}] Đề nghị gia hạn không được chấp thuận',
      heading: 'Đề nghị gia hạn không được chấp thuận',
      intro:
        'Lãnh đạo không chấp thuận đề nghị gia hạn trả lời phản ánh, kiến nghị {{code}}; thời hạn trả lời giữ nguyên.',
      noteLabel: 'Lý do không chấp thuận',
    },
  },
  // The units' daily digest.
  digest: {
    subject: '[PAKN] {{unit}}: {{overdue}} quá hạn, {{soon}} sắp đến hạn – {{date}}',
    heading: 'Phản ánh, kiến nghị cần chú ý ngày {{date}}',
    intro:
      'Danh sách phản ánh, kiến nghị đang xử lý của {{unit}} đã quá hạn hoặc đến hạn trả lời trong {{days}} ngày làm việc tới.',
    overdueHeading: 'Quá hạn ({{count}})',
    dueSoonHeading: 'Sắp đến hạn ({{count}})',
    dueLabel: 'Hạn',
    lateBy: 'quá hạn {{count}} ngày làm việc',
    statusLabel: 'Tình trạng',
    openQueue: 'Mở danh sách phản ánh, kiến nghị',
  },
  // The coordinators' alert when items become overdue.
  overdue: {
    subject: '[PAKN] {{count}} phản ánh, kiến nghị vừa quá hạn',
    heading: 'Phản ánh, kiến nghị vừa quá hạn',
    intro:
      'Các phản ánh, kiến nghị sau có một bước đã quá thời hạn (phân loại, trả lời, chờ bổ sung thông tin hoặc công khai kết quả):',
    stepLabel: 'Bước quá hạn',
    unitLabel: 'Đơn vị',
    noUnit: 'Chưa giao đơn vị',
    dueLabel: 'Hạn',
    statusLabel: 'Tình trạng',
    openQueue: 'Mở danh sách phản ánh, kiến nghị',
  },
  // The administrators' reminder from 1 October while next year's official schedule is missing.
  calendarSchedule: {
    subject: '[PAKN] Chưa nhập lịch nghỉ lễ, Tết chính thức năm {{year}}',
    heading: 'Chưa nhập lịch nghỉ lễ, Tết chính thức năm {{year}}',
    intro:
      'Lịch làm việc năm {{year}} đang chỉ theo quy định của Bộ luật Lao động (Điều 111, 112), chưa theo thông báo chính thức hằng năm. Các ngày làm việc được nghỉ theo quy định là:',
    open: 'Mở lịch làm việc để nhập lịch chính thức',
  },
  // The competent agency's copy of a transferred PAKN, with the transfer letter and the files attached.
  transferAgency: {
    subject: 'Chuyển phản ánh, kiến nghị {{code}} (kèm Công văn số {{number}})',
    heading: 'Chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền',
    intro:
      'Kính gửi {{target}}. Thực hiện Điều 9 Nghị định số 20/2008/NĐ-CP, {{agency}} chuyển đến Quý cơ quan phản ánh, kiến nghị {{code}} kèm Công văn số {{number}} (tệp PDF đính kèm thư này) để xem xét, xử lý theo thẩm quyền.',
    codeLabel: 'Mã phản ánh, kiến nghị',
    receivedLabel: 'Ngày tiếp nhận',
    reasonLabel: 'Lý do chuyển',
    titleLabel: 'Tiêu đề',
    contentHeading: 'Nội dung phản ánh, kiến nghị',
    submitterHeading: 'Thông tin liên hệ của người gửi',
    nameLabel: 'Họ và tên',
    addressLabel: 'Địa chỉ',
    phoneLabel: 'Điện thoại',
    emailLabel: 'Thư điện tử',
    contactPurpose:
      'Thông tin liên hệ của người gửi được chuyển kèm để Quý cơ quan trả lời trực tiếp cho người gửi. Đề nghị chỉ sử dụng cho mục đích xử lý, trả lời phản ánh, kiến nghị này và bảo vệ theo quy định về bảo vệ dữ liệu cá nhân.',
    filesHeading: 'Tệp đính kèm của phản ánh, kiến nghị',
    noFiles: 'Không có tệp đính kèm.',
    closing: 'Xin trân trọng cảm ơn sự phối hợp của Quý cơ quan.',
  },
};
