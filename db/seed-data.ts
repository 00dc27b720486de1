// Demo configuration: the Department of Science and Technology of the seed plan. Every value is data
// that an administrator edits in the admin area; nothing here is read by code except the seeder.
export const DEMO_AGENCY = {
  id: 1,
  name: 'Sở Khoa học và Công nghệ tỉnh Phú Yên',
  nameEn: 'Phu Yen Department of Science and Technology',
  parentName: 'Ủy ban nhân dân tỉnh Phú Yên',
  address: 'Số 08 Trần Phú, Phường 7, thành phố Tuy Hòa, tỉnh Phú Yên',
  phone: '0257 3842 123',
  hotline: '0257 3842 124',
  email: 'pakn@skhcn.phuyen.gov.vn',
  website: 'https://skhcn.phuyen.gov.vn',
  officeHours:
    'Sáng 7 giờ 00 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00, từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)',
  officeHoursEn: '7:00–11:30 and 13:30–17:00, Monday to Friday (except public holidays)',
  codePrefix: 'KHCN',
  province: 'Phú Yên',
  signerTitle: 'GIÁM ĐỐC',
  signerName: 'Dương Bình Phú',
};

export const DEMO_UNITS = [
  {
    code: 'TTHC',
    name: 'Phòng Thanh tra – Hành chính tổng hợp',
    nameEn: 'Inspection and General Administration Division',
    email: 'thanhtra@skhcn.phuyen.gov.vn',
    sortOrder: 1,
  },
  {
    code: 'QLKHCN',
    name: 'Phòng Quản lý Khoa học và Công nghệ',
    nameEn: 'Science and Technology Management Division',
    email: 'qlkhcn@skhcn.phuyen.gov.vn',
    sortOrder: 2,
  },
  {
    code: 'TDC',
    name: 'Chi cục Tiêu chuẩn, Đo lường, Chất lượng',
    nameEn: 'Sub-Department of Standards, Metrology and Quality',
    email: 'tdc@skhcn.phuyen.gov.vn',
    sortOrder: 3,
  },
] as const;

export const DEMO_FIELDS = [
  {
    code: 'HDKHCN',
    name: 'Hoạt động khoa học và công nghệ',
    nameEn: 'Science and technology activities',
    unit: 'QLKHCN',
  },
  { code: 'CGCN', name: 'Chuyển giao công nghệ', nameEn: 'Technology transfer', unit: 'QLKHCN' },
  { code: 'SHTT', name: 'Sở hữu trí tuệ', nameEn: 'Intellectual property', unit: 'QLKHCN' },
  {
    code: 'TDC',
    name: 'Tiêu chuẩn, đo lường, chất lượng',
    nameEn: 'Standards, metrology and quality',
    unit: 'TDC',
  },
  {
    code: 'NLNT',
    name: 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân',
    nameEn: 'Atomic energy, radiation and nuclear safety',
    unit: 'QLKHCN',
  },
  {
    code: 'DNKHCN',
    name: 'Doanh nghiệp khoa học và công nghệ',
    nameEn: 'Science and technology enterprises',
    unit: 'QLKHCN',
  },
  {
    code: 'TTTK',
    name: 'Thông tin, thống kê khoa học và công nghệ',
    nameEn: 'Science and technology information and statistics',
    unit: 'QLKHCN',
  },
  {
    code: 'KHAC',
    name: 'Thủ tục hành chính khác của Sở',
    nameEn: 'Other administrative procedures of the Department',
    unit: 'TTHC',
  },
].map((f, i) => ({ ...f, sortOrder: i + 1 }));

export const DEMO_KEYWORDS: Array<{ keyword: string; unit: string }> = [
  { keyword: 'đo lường', unit: 'TDC' },
  { keyword: 'mã số mã vạch', unit: 'TDC' },
  { keyword: 'hợp chuẩn', unit: 'TDC' },
  { keyword: 'hợp quy', unit: 'TDC' },
  { keyword: 'bức xạ', unit: 'QLKHCN' },
  { keyword: 'X-quang', unit: 'QLKHCN' },
  { keyword: 'sáng chế', unit: 'QLKHCN' },
  { keyword: 'nhãn hiệu', unit: 'QLKHCN' },
  { keyword: 'một cửa', unit: 'TTHC' },
];

export const DEMO_EXTERNAL_AGENCIES = [
  { name: 'Văn phòng Ủy ban nhân dân tỉnh Phú Yên', address: 'Số 08 Trần Hưng Đạo, TP. Tuy Hòa', email: '' },
  { name: 'Bộ Khoa học và Công nghệ', address: '113 Trần Duy Hưng, Cầu Giấy, Hà Nội', email: '' },
  { name: 'Sở Công Thương tỉnh Phú Yên', address: '', email: '' },
  { name: 'Sở Tư pháp tỉnh Phú Yên', address: '', email: '' },
];

// [policy] settings and their defaults: app/domain/settings.ts (seeded by db/seed.ts).
