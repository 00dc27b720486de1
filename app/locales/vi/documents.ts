// The accountability documents (plan VI.3/VI.4): their names, the toolbar above the printable page, lists
// and errors. The documents themselves are official Vietnamese text (app/domain/document-templates.ts).
export default {
  type: {
    refusal: 'Thông báo từ chối tiếp nhận',
    info_request: 'Thông báo đề nghị bổ sung thông tin',
    late_apology: 'Thông báo xin lỗi và gia hạn trả lời',
    transfer: 'Công văn chuyển phản ánh, kiến nghị',
    reply_cover: 'Công văn trả lời',
  },
  toolbar: {
    label: 'Thao tác với văn bản',
    backStaff: 'Quay lại hồ sơ {{code}}',
    backFollow: 'Quay lại trang theo dõi {{code}}',
    register: 'Sổ công khai văn bản',
    published: 'Kết quả đã công khai {{code}}',
    pdf: 'Tải bản PDF',
    publicVersion: 'Xem bản công khai',
    printHint: 'Để in, dùng lệnh In của trình duyệt (Ctrl+P).',
    publicNotice: 'Bản công khai: thông tin cá nhân đã được ẩn theo quy định về bảo vệ dữ liệu cá nhân.',
    redactedNotice:
      'Tài khoản của bạn không được xem thông tin liên hệ của người gửi: thông tin cá nhân đã được ẩn.',
  },
  list: {
    heading: 'Văn bản đã ban hành',
    number: 'Số văn bản',
    date: 'Ngày ban hành',
    kind: 'Loại văn bản',
    view: 'Xem',
    pdf: 'PDF',
    public: 'Công khai',
    empty: 'Chưa có văn bản nào.',
  },
  email: {
    documentLabel: 'Văn bản số {{number}}',
    documentLink: 'Xem và tải văn bản {{number}}',
    documentHint:
      'Văn bản mở được sau khi Ông/Bà tra cứu phản ánh, kiến nghị bằng mã số và thư điện tử hoặc số điện thoại đã khai báo.',
  },
  hint: {
    refuse:
      'Ý kiến này được đưa vào thông báo từ chối gửi người phản ánh và được công khai trên Sổ công khai văn bản (đã ẩn thông tin cá nhân).',
    extend:
      'Lý do này được đưa vào văn bản xin lỗi gửi người phản ánh và được công khai trên Sổ công khai văn bản (đã ẩn thông tin cá nhân).',
    transfer:
      'Lý do này được đưa vào công văn chuyển và được công khai trên Sổ công khai văn bản (đã ẩn thông tin cá nhân).',
    requestInfo: 'Nội dung này được đưa vào thông báo đề nghị bổ sung thông tin gửi người phản ánh.',
  },
  errors: {
    notFoundTitle: 'Không tìm thấy văn bản',
    notFound: 'Văn bản không tồn tại hoặc bạn không có quyền xem.',
    home: 'Về trang chủ',
  },
};
