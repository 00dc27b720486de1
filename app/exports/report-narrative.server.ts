// The narrative report (Báo cáo tình hình, kết quả tiếp nhận, xử lý PAKN) with the figures filled in: the
// document behind the PDF, the Word file and the published report (app/exports/pdf/official-pdf.server.ts lays it out).
import { formatDateVi } from '~/domain/dates';
import type { OfficialDocument } from '~/domain/official-document';
import { PUBLIC_MIN_RATINGS, type ReportContext, satisfactionWithheld } from '~/domain/reports/definitions';
import { periodLabel, periodName } from '~/domain/reports/periods';
import { fmtDays, fmtInt, fmtPct, labelledBreakdowns, share, t } from '~/exports/report-labels.server';

export const TO_COMPLETE = '[Cán bộ bổ sung: …]';

const WITHHELD = {
  perUnit: 'không công bố theo từng đơn vị',
  tooFew: `không công bố do dưới ${PUBLIC_MIN_RATINGS} lượt đánh giá`,
} as const;

function listOf(rows: ReadonlyArray<{ label: string; n: number }>, total: number): string {
  const nonZero = rows.filter((r) => r.n > 0);
  if (nonZero.length === 0) return 'không có';
  return nonZero.map((r) => `${r.label}: ${fmtInt(r.n)} (${fmtPct(share(r.n, total))})`).join('; ');
}

/**
 * The narrative with the figures filled in. `number` is left blank for staff to fill unless the report is being
 * published; `forPublic` drops the sections staff complete (the published version shows the figures only).
 */
export function reportNarrative(
  ctx: ReportContext,
  { number, forPublic = false }: { number?: string; forPublic?: boolean } = {},
): OfficialDocument {
  const { report, agency } = ctx;
  const c = report.total.counts;
  const tables = Object.fromEntries(labelledBreakdowns(report).map((x) => [x.key, x.rows]));
  const label = periodLabel(report.period, 'vi');
  const toHandle = c.carriedOver + c.received;
  const ratings = report.total.ratings;
  // the published version follows the public statistics' rule for ratings (satisfactionWithheld)
  const withheld = forPublic ? satisfactionWithheld(report) : null;
  const withWork = report.units.filter((u) => u.counts.carriedOver + u.counts.received > 0);
  const p: string[] = [
    `Thực hiện Kế hoạch hoạt động kiểm soát thủ tục hành chính và chế độ thông tin, báo cáo định kỳ, ${agency.name} báo cáo tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) của cá nhân, tổ chức về quy định hành chính ${label.charAt(0).toLowerCase()}${label.slice(1)}${ctx.unitName ? `, phạm vi ${ctx.unitName}` : ''} như sau:`,
    'I. TÌNH HÌNH TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ',
    `1. Tổng số PAKN phải xử lý trong kỳ: ${fmtInt(toHandle)}, trong đó kỳ trước chuyển sang ${fmtInt(c.carriedOver)}, tiếp nhận mới trong kỳ ${fmtInt(c.received)}.`,
    `2. Theo kênh tiếp nhận: ${listOf(tables.byChannel!, c.received)}.`,
    `3. Theo loại: ${listOf(tables.byType!, c.received)}.`,
    `4. Theo nội dung: ${listOf(tables.byCategory!, c.received)}.`,
    `5. Theo lĩnh vực: ${listOf(tables.byField!, c.received)}.`,
    `6. Theo đơn vị được giao xử lý: ${listOf(tables.byUnit!, c.received)}.`,
    'II. KẾT QUẢ XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ',
    `1. Đã xử lý xong ${fmtInt(c.closed)}/${fmtInt(toHandle)} PAKN (${fmtPct(share(c.closed, toHandle))}), trong đó: trả lời ${fmtInt(c.answered)} (đúng hạn ${fmtInt(c.answeredOnTime)}, đạt ${fmtPct(share(c.answeredOnTime, c.answered))}; quá hạn ${fmtInt(c.answeredLate)}); từ chối tiếp nhận ${fmtInt(c.refused)}; chuyển cơ quan có thẩm quyền ${fmtInt(c.transferred)}; chuyển xử lý hành vi hành chính ${fmtInt(c.forwarded)}; trùng lặp ${fmtInt(c.duplicate)}; đóng do không bổ sung thông tin ${fmtInt(c.closedNoInfo)}.`,
    `2. Từ chối tiếp nhận theo lý do: ${listOf(tables.refusedByReason!, c.refused)}.`,
    `3. Đang xử lý chuyển kỳ sau: ${fmtInt(c.carriedForward)}, trong đó trong hạn ${fmtInt(c.inProgressWithinTime)}, quá hạn ${fmtInt(c.inProgressOverdue)}.`,
    `4. Công khai kết quả xử lý: ${fmtInt(c.published)}/${fmtInt(c.answered)} PAKN đã trả lời trong kỳ (${fmtPct(share(c.published, c.answered))}).`,
    `5. Thời gian xử lý (từ ngày tiếp nhận đến ngày trả lời, tính theo ngày làm việc): bình quân ${fmtDays(report.total.handling.mean)} ngày, trung vị ${fmtDays(report.total.handling.median)} ngày, trên ${fmtInt(report.total.handling.count)} PAKN đã trả lời.`,
    `6. Mức độ hài lòng của người gửi: ${withheld ? WITHHELD[withheld] : `${fmtInt(ratings.total)} lượt đánh giá, hài lòng ${fmtInt(ratings.satisfied)} (${fmtPct(ratings.rate)}), bình thường ${fmtInt(ratings.neutral)}, không hài lòng ${fmtInt(ratings.unsatisfied)}`}.`,
    `7. Kết quả theo đơn vị:${withWork.length ? '' : ' không có.'}`,
    ...withWork.map(
      (u) =>
        `- ${u.name}: phải xử lý ${fmtInt(u.counts.carriedOver + u.counts.received)} (kỳ trước chuyển sang ${fmtInt(u.counts.carriedOver)}, tiếp nhận ${fmtInt(u.counts.received)}); đã xử lý xong ${fmtInt(u.counts.closed)} (trả lời đúng hạn ${fmtInt(u.counts.answeredOnTime)}, quá hạn ${fmtInt(u.counts.answeredLate)}); chuyển kỳ sau ${fmtInt(u.counts.carriedForward)} (quá hạn ${fmtInt(u.counts.inProgressOverdue)}).`,
    ),
    `8. PAKN lặp lại và trả lời chung: từ chối do lặp lại PAKN đã được trả lời (lý do R08) ${fmtInt(c.refusedRepeat ?? 0)}; trả lời chung ${fmtInt(c.groupsAnswered ?? 0)} nhóm, gồm ${fmtInt(c.answeredInGroup ?? 0)} PAKN.`,
    'III. KẾT QUẢ THỰC HIỆN CHỈ TIÊU CỦA KẾ HOẠCH (MỤC II.1)',
    ...report.targets.map(
      (x, i) =>
        `${i + 1}. ${t(`reports.target.${x.key}`)}: mục tiêu ${x.key === 'online' ? 'tối thiểu ' : ''}${Math.round(x.target * 100)}%, thực hiện ${fmtPct(x.actual)} (${fmtInt(x.numerator)}/${fmtInt(x.denominator)}) — ${x.met === null ? 'chưa có số liệu' : x.met ? 'đạt' : 'chưa đạt'}.`,
    ),
    ...(forPublic
      ? []
      : [
          'IV. ĐÁNH GIÁ CHUNG',
          `1. Ưu điểm: ${TO_COMPLETE}`,
          `2. Tồn tại, hạn chế và nguyên nhân: ${TO_COMPLETE}`,
          'V. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
          TO_COMPLETE,
          'VI. KIẾN NGHỊ, ĐỀ XUẤT',
          TO_COMPLETE,
        ]),
    `${agency.name} báo cáo để ${agency.parentName ? `Văn phòng ${agency.parentName}` : 'cơ quan cấp trên'} tổng hợp, theo dõi./.`,
  ];
  return {
    agencyParent: agency.parentName,
    agencyName: agency.name,
    number: number ?? '      /BC-…',
    place: agency.province || '…',
    date: formatDateVi(ctx.today),
    title: 'BÁO CÁO',
    subtitle: `Tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính ${periodName(report.period, 'vi').replace(/^T/, 't').replace(/^Q/, 'q').replace(/^N/, 'n')}`,
    addressee: agency.parentName ? `Văn phòng ${agency.parentName}` : undefined,
    paragraphs: p,
    recipients: [
      agency.parentName ? `Văn phòng ${agency.parentName} (b/c)` : 'Cơ quan cấp trên (b/c)',
      'Lãnh đạo cơ quan (để chỉ đạo)',
      'Các phòng, đơn vị trực thuộc',
      'Lưu: VT.',
    ],
    signerTitle: agency.signerTitle || 'THỦ TRƯỞNG CƠ QUAN',
    signerName: agency.signerName,
  };
}

/** The two versions stored when a report is published (see publishReport). */
export function publishedReportDocuments(ctx: ReportContext, number: string) {
  return {
    full: reportNarrative(ctx, { number }),
    public: reportNarrative(ctx, { number, forPublic: true }),
  };
}
