export default {
  title: 'Quyền riêng tư và dữ liệu cá nhân',
  intro:
    '{{agency}} xử lý dữ liệu cá nhân của người gửi phản ánh, kiến nghị theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.',
  controllerTitle: 'Ai xử lý dữ liệu của bạn',
  controller: '{{agency}}, địa chỉ {{address}}, thư điện tử {{email}}.',
  purposeTitle: 'Mục đích',
  purpose:
    'Tiếp nhận, phân loại, xử lý và trả lời phản ánh, kiến nghị của bạn; liên hệ với bạn khi cần thêm thông tin; gửi cho bạn thông báo và kết quả; lập báo cáo thống kê (không có thông tin cá nhân). Dữ liệu không được dùng cho mục đích khác.',
  dataTitle: 'Dữ liệu được thu thập',
  data: 'Họ và tên; tên tổ chức và người đại diện (nếu gửi thay mặt tổ chức); địa chỉ, số điện thoại, thư điện tử; nội dung và tệp đính kèm bạn gửi.',
  sharingTitle: 'Ai được xem',
  sharing:
    'Cán bộ được giao xử lý. Nếu phản ánh, kiến nghị thuộc thẩm quyền cơ quan khác, hồ sơ được chuyển đến cơ quan đó. Kết quả trả lời được công khai không kèm thông tin về bạn, trừ khi bạn đồng ý công khai họ tên.',
  retentionTitle: 'Thời gian lưu trữ',
  retention:
    'Hồ sơ phản ánh, kiến nghị được lưu trữ trong thời hạn pháp luật về lưu trữ quy định cho loại hồ sơ này; hết thời hạn, dữ liệu cá nhân được xóa hoặc ẩn danh.',
  rightsTitle: 'Quyền của bạn',
  rights:
    'Bạn có quyền được biết, xem và nhận bản sao dữ liệu của mình; yêu cầu sửa dữ liệu sai; yêu cầu xóa dữ liệu; rút lại sự đồng ý; phản đối hoặc yêu cầu hạn chế xử lý; khiếu nại đến cơ quan chuyên trách bảo vệ dữ liệu cá nhân (Bộ Công an).',
  howTitle: 'Cách rút lại sự đồng ý hoặc yêu cầu xóa',
  how: 'Gửi yêu cầu bằng biểu mẫu dưới đây, hoặc qua thư điện tử, bưu chính, trực tiếp tại trụ sở. Chúng tôi xác nhận đã nhận trong 2 ngày làm việc và xử lý việc rút lại sự đồng ý trong 15 ngày. Khi rút lại sự đồng ý hoặc xóa dữ liệu, những phần pháp luật bắt buộc phải lưu giữ (ví dụ văn bản trả lời đã ban hành) được giữ lại và chúng tôi cho bạn biết lý do. Việc rút lại sự đồng ý không ảnh hưởng đến việc xử lý đã thực hiện trước đó.',
  contactTitle: 'Liên hệ',
  contact: 'Thư điện tử {{email}}, điện thoại {{phone}}.',
  formTitle: 'Gửi yêu cầu về dữ liệu cá nhân',
  form: {
    kind: 'Bạn yêu cầu',
    code: 'Mã số phản ánh, kiến nghị liên quan',
    codeHint: 'Nếu có, ví dụ {{example}}.',
    fullName: 'Họ và tên',
    email: 'Thư điện tử',
    emailHint: 'Chúng tôi trả lời yêu cầu đến địa chỉ này.',
    phone: 'Số điện thoại',
    details: 'Nội dung yêu cầu',
    detailsHint: 'Ví dụ: dữ liệu nào cần sửa hoặc xóa.',
    submit: 'Gửi yêu cầu',
  },
  kind: {
    access: 'Xem, nhận bản sao dữ liệu',
    correct: 'Sửa dữ liệu',
    delete: 'Xóa dữ liệu',
    withdraw: 'Rút lại sự đồng ý',
  },
  errors: {
    kind: 'Chọn loại yêu cầu',
    fullName: 'Nhập họ và tên',
    email: 'Nhập địa chỉ thư điện tử',
    emailInvalid: 'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.com',
    tooLong: 'Nội dung quá dài',
  },
  sent: 'Đã nhận yêu cầu của bạn. Chúng tôi sẽ trả lời qua thư điện tử trong 2 ngày làm việc.',
  rateLimited: 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {{minutes}} phút.',
  email: {
    subject: 'Yêu cầu về dữ liệu cá nhân: {{kind}}',
    due: 'Cần xác nhận đã nhận với người yêu cầu trước ngày {{date}} (2 ngày làm việc).',
    button: 'Xem các yêu cầu',
  },
  staff: {
    title: 'Yêu cầu về dữ liệu cá nhân',
    intro:
      'Yêu cầu của người gửi phản ánh, kiến nghị theo Luật Bảo vệ dữ liệu cá nhân. Xác nhận đã nhận trong 2 ngày làm việc; xử lý việc rút lại sự đồng ý trong 15 ngày.',
    received: 'Ngày nhận',
    acknowledgeBy: 'Hạn xác nhận',
    empty: 'Chưa có yêu cầu nào.',
    nav: 'Dữ liệu cá nhân',
  },
};
