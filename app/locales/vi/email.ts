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
    subject: '[{{code}}] Đã tiếp nhận phản ánh, kiến nghị của Ông/Bà',
    preheader: 'Mã số phản ánh, kiến nghị của Ông/Bà: {{code}}. Thời hạn trả lời: {{dueDate}}.',
    heading: 'Đã tiếp nhận phản ánh, kiến nghị',
    greeting: 'Kính gửi Ông/Bà {{name}},',
    intro:
      '{{agency}} đã tiếp nhận phản ánh, kiến nghị của Ông/Bà. Xin cảm ơn Ông/Bà đã gửi phản ánh, kiến nghị.',
    codeLabel: 'Mã số phản ánh, kiến nghị',
    codeHint: 'Xin Ông/Bà ghi lại mã số này để tra cứu và sử dụng khi liên hệ với cơ quan.',
    titleLabel: 'Tiêu đề',
    receivedLabel: 'Ngày tiếp nhận',
    dueLabel: 'Thời hạn trả lời',
    followHeading: 'Theo dõi tình trạng xử lý',
    followIntro: 'Ông/Bà có thể xem tình trạng xử lý bất cứ lúc nào qua đường liên kết riêng sau:',
    followLinkText: 'Xem tình trạng xử lý phản ánh, kiến nghị {{code}}',
    followPrivate:
      'Đây là đường liên kết riêng của Ông/Bà: ai có đường liên kết này đều xem được thông tin Ông/Bà đã gửi. Xin vui lòng không chuyển tiếp thư này và không chia sẻ đường liên kết cho người khác.',
    lookupHeading: 'Tra cứu bằng mã số',
    lookupText:
      'Ông/Bà cũng có thể tra cứu tại trang dưới đây bằng mã số {{code}} cùng địa chỉ thư điện tử hoặc số điện thoại đã khai báo khi gửi phản ánh, kiến nghị.',
    lookupLinkText: 'Tra cứu phản ánh, kiến nghị',
    contact: 'Nếu cần hỗ trợ, xin Ông/Bà liên hệ {{agency}} theo thông tin ở cuối thư.',
    closing: 'Trân trọng,',
  },
};
