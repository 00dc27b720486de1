import { writeFileSync } from 'node:fs';
import { buildDocument, type Common } from '../app/domain/document-templates';
import { renderOfficialPdf, renderOfficialHtml } from '../app/utils/pdf.server';
import { DEMO_AGENCY } from '../db/seed-data';
const common = (kind: 'individual' | 'organisation'): Common => ({
  number: '01/TB-SKHCN', issuedDate: '2026-03-02',
  agency: { name: DEMO_AGENCY.name, parentName: DEMO_AGENCY.parentName, province: DEMO_AGENCY.province, signerTitle: DEMO_AGENCY.signerTitle, signerName: DEMO_AGENCY.signerName, address: DEMO_AGENCY.address, hotline: DEMO_AGENCY.hotline, email: DEMO_AGENCY.email },
  pakn: { code: 'KHCN-2026-000042', title: 'Thủ tục cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ còn rườm rà', receivedDate: '2026-02-10' },
  submitter: kind === 'individual' ? { kind, fullName: 'Nguyễn Thị Hồng Đào', address: 'Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa', phone: '0905123456', email: 'a@b.vn' } : { kind, fullName: 'Trần Văn Bình', orgName: 'Công ty TNHH Công nghệ Xanh Phú Yên', representative: 'Trần Văn Bình', address: '45 Lê Lợi, Tuy Hòa', phone: '0905123456', email: 'a@b.vn' },
  followUrl: 'http://localhost:3000/theo-doi',
});
const inputs = {
  refusal: { type: 'refusal', reason: 'R05', note: 'Nội dung hỏi về cách tính thuế thu nhập cá nhân.' },
  info_request: { type: 'info_request', question: 'Đề nghị cho biết số, ký hiệu của văn bản quy định thủ tục.', waitDays: 15, waitUnit: 'calendar', waitUntil: '2026-03-17' },
  late_apology: { type: 'late_apology', reason: 'Cần lấy ý kiến của Bộ Khoa học và Công nghệ.', previousDue: '2026-03-02', newDue: '2026-03-16' },
  transfer: { type: 'transfer', target: { name: 'Sở Xây dựng tỉnh Phú Yên', address: '45 Trần Hưng Đạo, Tuy Hòa', email: 'sxd@phuyen.gov.vn' }, note: 'Nội dung thuộc lĩnh vực quản lý của Sở Xây dựng.' },
  reply_cover: { type: 'reply_cover', answerBody: 'Sở Khoa học và Công nghệ đã xem xét **kỹ lưỡng** nội dung, và *ghi nhận* ý kiến.\n\nKết quả như sau:\n\n- Thành phần hồ sơ giảm từ 7 xuống 4 loại giấy tờ;\n- Thời hạn giải quyết còn **10 ngày làm việc**;\n- Nộp hồ sơ trực tuyến tại [Cổng dịch vụ công](https://dichvucong.gov.vn).\n\n1. Bước một\n2. Bước hai', outcome: 'amend', publicUrl: 'http://localhost:3000/cong-khai' },
} as const;
const kind = (process.argv[2] ?? 'individual') as 'individual' | 'organisation';
for (const [t, i] of Object.entries(inputs)) {
  const doc = buildDocument(common(kind), i as never);
  writeFileSync(`/tmp/hdocs/${t}.pdf`, await renderOfficialPdf(doc));
  writeFileSync(`/tmp/hdocs/${t}.html`, renderOfficialHtml(doc));
}
