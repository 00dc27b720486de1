import { describe, expect, it } from 'vitest';

import {
  agencyAbbreviation,
  buildDocument,
  type Common,
  DOCUMENT_TYPES,
  type DocumentInput,
  formatDocumentNumber,
  NUMBER_SERIES,
  type OfficialDocument,
  PUBLIC_DOCUMENT_TYPES,
  publicVersion,
  REFUSAL_REASON_TEXT,
  type SubmitterInfo,
  TITLE_HIDDEN_VI,
  typesInSeries,
} from '~/domain/document-templates';
import { REFUSAL_REASONS } from '~/domain/pakn';
import { REDACTION_MARKER_VI } from '~/domain/redaction';

const person: SubmitterInfo = {
  kind: 'individual',
  fullName: 'Nguyễn Thị Hồng Đào',
  address: 'Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa',
  phone: '0905123456',
  email: 'hongdao.nguyen@example.vn',
};

const common = (over: Partial<Common> = {}): Common => ({
  number: '12/TB-KHCN',
  issuedDate: '2026-03-05',
  agency: {
    name: 'Sở Khoa học và Công nghệ tỉnh Phú Yên',
    parentName: 'Ủy ban nhân dân tỉnh Phú Yên',
    province: 'Phú Yên',
    signerTitle: 'GIÁM ĐỐC',
    signerName: 'Dương Bình Phú',
    address: 'Số 08 Trần Phú, Phường 7, thành phố Tuy Hòa, tỉnh Phú Yên',
    hotline: '0257 3842 124',
    email: 'pakn@skhcn.phuyen.gov.vn',
  },
  pakn: {
    code: 'KHCN-2026-000042',
    title: 'Thủ tục cấp giấy chứng nhận còn rườm rà',
    receivedDate: '2026-02-10',
  },
  submitter: person,
  followUrl: 'https://pakn.example.gov.vn/theo-doi',
  ...over,
});

const inputs: Record<(typeof DOCUMENT_TYPES)[number], DocumentInput> = {
  refusal: { type: 'refusal', reason: 'R04', note: 'Nội dung đơn là tố cáo cán bộ tiếp nhận hồ sơ.' },
  info_request: {
    type: 'info_request',
    question: 'Đề nghị cho biết số, ký hiệu của văn bản quy định thủ tục\nvà gửi kèm bản chụp hồ sơ đã nộp',
    waitDays: 15,
    waitUnit: 'calendar',
    waitUntil: '2026-03-20',
  },
  late_apology: {
    type: 'late_apology',
    reason: 'Cần lấy ý kiến của Bộ Khoa học và Công nghệ về nội dung kiến nghị',
    previousDue: '2026-03-02',
    newDue: '2026-03-16',
  },
  transfer: {
    type: 'transfer',
    target: {
      name: 'Sở Xây dựng tỉnh Phú Yên',
      address: '45 Trần Hưng Đạo, Tuy Hòa',
      email: 'sxd@phuyen.gov.vn',
    },
    note: 'Nội dung thuộc lĩnh vực quản lý của Sở Xây dựng.',
  },
  reply_cover: {
    type: 'reply_cover',
    answerBody:
      'Quy định hiện hành đã được sửa đổi tại Quyết định số 15/2025/QĐ-UBND.\n\nThời hạn giải quyết rút ngắn còn 10 ngày.',
    outcome: 'amend',
    publicUrl: 'https://pakn.example.gov.vn/cong-khai',
  },
};

const allText = (d: OfficialDocument) =>
  [
    d.agencyParent,
    d.agencyName,
    d.number,
    d.place,
    d.date,
    d.title,
    d.subtitle,
    d.addressee,
    ...d.paragraphs,
    ...(d.recipients ?? []),
    d.signerTitle,
    d.signerName,
  ].join('\n');

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

describe('numbers', () => {
  const ours = { agency: 'SKHCN', unit: 'TTHC' };
  it('NĐ 30: two digits at least; a notice <nn>/TB-<agency>, a công văn <nn>/<agency>-<drafting unit>', () => {
    expect(formatDocumentNumber(1, 'refusal', ours)).toBe('01/TB-SKHCN');
    expect(formatDocumentNumber(3, 'info_request', ours)).toBe('03/TB-SKHCN');
    expect(formatDocumentNumber(12, 'late_apology', ours)).toBe('12/TB-SKHCN');
    expect(formatDocumentNumber(1, 'transfer', ours)).toBe('01/SKHCN-TTHC');
    expect(formatDocumentNumber(15, 'reply_cover', { agency: 'SKHCN', unit: 'QLKHCN' })).toBe(
      '15/SKHCN-QLKHCN',
    );
    expect(formatDocumentNumber(123, 'reply_cover', ours)).toBe('123/SKHCN-TTHC');
  });
  it('cleans the abbreviations and refuses a bad sequence', () => {
    expect(agencyAbbreviation(' sở kh-cn ')).toBe('SOKHCN');
    expect(agencyAbbreviation('Đ')).toBe('D');
    expect(agencyAbbreviation('--')).toBe('CQ');
    expect(formatDocumentNumber(2, 'transfer', { agency: 'skhcn', unit: 'tt-hc' })).toBe('02/SKHCN-TTHC');
    // without a drafting unit a công văn carries the agency's abbreviation only
    expect(formatDocumentNumber(2, 'transfer', { agency: 'SKHCN', unit: '' })).toBe('02/SKHCN');
    expect(() => formatDocumentNumber(0, 'refusal', ours)).toThrow(RangeError);
    expect(() => formatDocumentNumber(1.5, 'refusal', ours)).toThrow(RangeError);
  });
  it('groups the notices and the letters into two series; three types are public', () => {
    expect(typesInSeries('TB').sort()).toEqual(['info_request', 'late_apology', 'refusal']);
    expect(typesInSeries('CV').sort()).toEqual(['reply_cover', 'transfer']);
    expect(Object.keys(NUMBER_SERIES).sort()).toEqual([...DOCUMENT_TYPES].sort());
    expect([...PUBLIC_DOCUMENT_TYPES].sort()).toEqual(['late_apology', 'refusal', 'transfer']);
  });
});

describe('every template', () => {
  for (const type of DOCUMENT_TYPES) {
    it(`${type}: header, date, addressee, body closing './.', signer`, () => {
      const d = buildDocument(
        common({ number: type === 'transfer' || type === 'reply_cover' ? '15/CV-KHCN' : '12/TB-KHCN' }),
        inputs[type],
      );
      expect(d.agencyParent).toBe('Ủy ban nhân dân tỉnh Phú Yên');
      expect(d.agencyName).toBe('Sở Khoa học và Công nghệ tỉnh Phú Yên');
      expect(d.place).toBe('Phú Yên');
      expect(d.date).toBe('05/03/2026');
      expect(d.signerTitle).toBe('GIÁM ĐỐC');
      expect(d.signerName).toBe('Dương Bình Phú');
      expect(d.paragraphs[0]).toBe(
        `Ngày 10/02/2026, Sở Khoa học và Công nghệ tỉnh Phú Yên nhận được phản ánh, kiến nghị của ${
          type === 'transfer'
            ? 'ông/bà Nguyễn Thị Hồng Đào, địa chỉ: Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa'
            : 'Ông/Bà'
        } về “Thủ tục cấp giấy chứng nhận còn rườm rà” (mã số KHCN-2026-000042).`,
      );
      expect(d.paragraphs.at(-1)).toMatch(/[^.]\.\/\.$/);
      expect(d.paragraphs.slice(0, -1).every((p) => !p.endsWith('./.'))).toBe(true);
      expect(d.recipients?.[0]).toBe('Như trên;');
      expect(d.recipients?.at(-1)).toBe('Lưu: VT.');
      for (const p of d.paragraphs) expect(p).toBe(p.normalize('NFC'));
    });
  }

  it('notices have a title; letters have none and put the subject after V/v', () => {
    for (const type of ['refusal', 'info_request', 'late_apology'] as const) {
      expect(buildDocument(common(), inputs[type]).title).toBe('THÔNG BÁO');
    }
    const t = buildDocument(common(), inputs.transfer);
    expect(t.title).toBe('');
    expect(t.subtitle).toBe('chuyển phản ánh, kiến nghị');
    expect(buildDocument(common(), inputs.reply_cover).subtitle).toBe('trả lời phản ánh, kiến nghị');
  });

  it('addresses the submitter by name and address; an organisation by its name and representative', () => {
    expect(buildDocument(common(), inputs.refusal).addressee).toBe(
      'Ông/Bà Nguyễn Thị Hồng Đào (địa chỉ: Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa)',
    );
    const org: SubmitterInfo = {
      kind: 'organisation',
      fullName: 'Trần Văn Bình',
      orgName: 'Công ty TNHH Minh Phát',
      representative: 'Trần Văn Bình',
      address: '5 Lê Lợi, Tuy Hòa',
    };
    const d = buildDocument(common({ submitter: org }), inputs.late_apology);
    expect(d.addressee).toBe(
      'Công ty TNHH Minh Phát (người đại diện: Trần Văn Bình; địa chỉ: 5 Lê Lợi, Tuy Hòa)',
    );
    expect(d.paragraphs.join(' ')).toContain('thành thật xin lỗi Quý tổ chức');
  });

  it('normalises NFD input to NFC', () => {
    const nfd = buildDocument(
      common({
        pakn: {
          code: 'KHCN-2026-000042',
          title: 'Thủ tục rườm rà'.normalize('NFD'),
          receivedDate: '2026-02-10',
        },
      }),
      { ...inputs.late_apology, reason: 'Cần lấy ý kiến Bộ'.normalize('NFD') } as DocumentInput,
    );
    expect(allText(nfd)).toBe(allText(nfd).normalize('NFC'));
    expect(nfd.paragraphs.join(' ')).toContain('“Thủ tục rườm rà”');
    expect(nfd.paragraphs.join(' ')).toContain('Cần lấy ý kiến Bộ.');
  });
});

describe('refusal', () => {
  it('states the reason, its basis, the staff note and where to go instead', () => {
    const d = buildDocument(common(), inputs.refusal);
    const text = d.paragraphs.join('\n');
    expect(d.subtitle).toBe('Về việc từ chối tiếp nhận phản ánh, kiến nghị');
    expect(text).toContain(
      'thông báo không tiếp nhận phản ánh, kiến nghị nêu trên với lý do: nội dung là khiếu nại hoặc tố cáo, không phải phản ánh, kiến nghị về quy định hành chính (khiếu nại được giải quyết theo Luật Khiếu nại năm 2011, tố cáo được giải quyết theo Luật Tố cáo năm 2018).',
    );
    expect(text).toContain('Căn cứ Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ');
    expect(text).toContain('Cụ thể: Nội dung đơn là tố cáo cán bộ tiếp nhận hồ sơ.');
    expect(text).toContain(
      'Hướng dẫn: Đề nghị Ông/Bà gửi đơn khiếu nại hoặc tố cáo đến cơ quan, người có thẩm quyền',
    );
    // a complaint cannot be fixed by resubmitting it as a PAKN
    expect(text).not.toContain('quyền của Ông/Bà gửi phản ánh, kiến nghị mới');
    expect(text).toContain('điện thoại: 0257 3842 124; thư điện tử: pakn@skhcn.phuyen.gov.vn');
    expect(d.paragraphs.at(-1)).toBe(
      'Sở Khoa học và Công nghệ tỉnh Phú Yên thông báo để Ông/Bà được biết./.',
    );
  });

  it('has a label, guidance and no leftover placeholder for every reason code', () => {
    for (const reason of REFUSAL_REASONS) {
      const t = REFUSAL_REASON_TEXT[reason];
      expect(t.label.length).toBeGreaterThan(10);
      const d = buildDocument(common(), { type: 'refusal', reason, note: null });
      const text = d.paragraphs.join('\n');
      expect(text).toContain(t.label);
      expect(text).not.toContain('{you}');
      expect(text).not.toContain('Cụ thể:');
      expect(text.includes('gửi phản ánh, kiến nghị mới')).toBe(t.canResubmit);
    }
  });

  it('works without a reason code', () => {
    const d = buildDocument(common(), { type: 'refusal', reason: null, note: 'Lý do khác.' });
    expect(d.paragraphs.join('\n')).toContain('thông báo không tiếp nhận phản ánh, kiến nghị nêu trên.');
    expect(d.paragraphs.join('\n')).not.toContain('Hướng dẫn:');
  });
});

describe('info_request, late_apology, transfer, reply_cover', () => {
  it('info_request: the question line by line, how to answer, the clock stops, the closing date', () => {
    const text = buildDocument(common(), inputs.info_request).paragraphs.join('\n');
    expect(text).toContain(
      'đề nghị Ông/Bà bổ sung thông tin sau:\nĐề nghị cho biết số, ký hiệu của văn bản quy định thủ tục.\nvà gửi kèm bản chụp hồ sơ đã nộp.',
    );
    expect(text).toContain('https://pakn.example.gov.vn/theo-doi (tra cứu bằng mã số KHCN-2026-000042)');
    expect(text).toContain('không tính vào thời hạn xử lý');
    expect(text).toContain('Nếu trong thời hạn 15 ngày kể từ ngày thông báo này (đến hết ngày 20/03/2026)');
    const working = buildDocument(common(), {
      ...inputs.info_request,
      waitUnit: 'working',
      waitDays: 5,
    } as DocumentInput);
    expect(working.paragraphs.join('\n')).toContain('trong thời hạn 5 ngày làm việc');
  });

  it('late_apology: the old date, the reason, the apology and the new date', () => {
    const d = buildDocument(common(), inputs.late_apology);
    const text = d.paragraphs.join('\n');
    expect(d.subtitle).toBe('Về việc xin lỗi và gia hạn thời hạn trả lời phản ánh, kiến nghị');
    expect(text).toContain(
      'thời hạn trả lời phản ánh, kiến nghị nêu trên là ngày 02/03/2026. Tuy nhiên, Sở Khoa học và Công nghệ tỉnh Phú Yên chưa thể trả lời đúng thời hạn vì lý do sau:',
    );
    expect(text).toContain('Cần lấy ý kiến của Bộ Khoa học và Công nghệ về nội dung kiến nghị.');
    expect(text).toContain(
      'thành thật xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả lời phản ánh, kiến nghị chậm nhất vào ngày 16/03/2026.',
    );
  });

  it('transfer: to the competent agency, the submitter copied and reachable', () => {
    const d = buildDocument(common({ number: '15/CV-KHCN' }), inputs.transfer);
    const text = d.paragraphs.join('\n');
    expect(d.number).toBe('15/CV-KHCN');
    expect(d.addressee).toBe('Sở Xây dựng tỉnh Phú Yên');
    expect(text).toContain(
      'Thông tin liên hệ của cá nhân, tổ chức phản ánh, kiến nghị: điện thoại: 0905123456; thư điện tử: hongdao.nguyen@example.vn.',
    );
    expect(text).toContain('Căn cứ Điều 9 Nghị định số 20/2008/NĐ-CP');
    expect(text).toContain(
      'chuyển phản ánh, kiến nghị (kèm theo nội dung phản ánh, kiến nghị và tài liệu liên quan) đến Sở Xây dựng tỉnh Phú Yên để xem xét, xử lý theo thẩm quyền.',
    );
    expect(text).toContain('Lý do chuyển: Nội dung thuộc lĩnh vực quản lý của Sở Xây dựng.');
    expect(text).toContain(
      'Đề nghị Sở Xây dựng tỉnh Phú Yên xem xét, xử lý và trả lời cho cá nhân, tổ chức phản ánh, kiến nghị',
    );
    expect(d.recipients).toEqual(['Như trên;', 'Ông/Bà Nguyễn Thị Hồng Đào (để biết);', 'Lưu: VT.']);
  });

  it('reply_cover: the answer paragraphs and the outcome', () => {
    const d = buildDocument(common({ number: '1/CV-KHCN' }), inputs.reply_cover);
    // the answer stays one Markdown paragraph (the answer form allows Markdown), flagged for the renderers
    expect(d.paragraphs.slice(1, 3)).toEqual([
      'Sau khi nghiên cứu, Sở Khoa học và Công nghệ tỉnh Phú Yên trả lời như sau:',
      'Quy định hiện hành đã được sửa đổi tại Quyết định số 15/2025/QĐ-UBND.\n\nThời hạn giải quyết rút ngắn còn 10 ngày.',
    ]);
    expect(d.markdown).toEqual([2]);
    expect(buildDocument(common(), inputs.refusal).markdown).toBeUndefined();
    expect(d.paragraphs.join('\n')).toContain(
      'Kết quả xử lý: sửa đổi, bổ sung, bãi bỏ quy định hành chính theo thẩm quyền.',
    );
    const none = buildDocument(common(), { ...inputs.reply_cover, outcome: null } as DocumentInput);
    expect(none.paragraphs.join('\n')).not.toContain('Kết quả xử lý:');
  });
});

describe('publicVersion', () => {
  const secrets = [
    person.fullName,
    'Hồng Đào',
    person.address,
    'Số 12 ngõ 34',
    person.phone!,
    person.email!,
    'Thủ tục cấp giấy chứng nhận còn rườm rà',
  ];

  for (const type of DOCUMENT_TYPES) {
    it(`${type}: none of the submitter's data nor their title remains`, () => {
      const full = buildDocument(common(), inputs[type]);
      const pub = publicVersion(full, {
        submitter: person,
        title: common().pakn.title,
        addresseeIsSubmitter: type !== 'transfer',
      });
      const text = fold(allText(pub));
      for (const s of secrets) expect(text, s).not.toContain(fold(s));
      expect(allText(pub)).toContain(REDACTION_MARKER_VI);
      expect(allText(pub)).toContain(TITLE_HIDDEN_VI);
      // what is not personal stays
      expect(pub.number).toBe(full.number);
      expect(pub.date).toBe(full.date);
      expect(allText(pub)).toContain('KHCN-2026-000042');
      expect(pub.signerName).toBe('Dương Bình Phú');
    });
  }

  it('replaces the addressee when it is the submitter, keeps an agency addressee', () => {
    const a = common().agency;
    const allow = [a.address, a.hotline, a.email];
    const refusal = publicVersion(buildDocument(common(), inputs.refusal), {
      submitter: person,
      addresseeIsSubmitter: true,
      allow,
    });
    // without the allow-list the agency's own contact looks like personal data
    const strict = publicVersion(buildDocument(common(), inputs.refusal), {
      submitter: person,
      addresseeIsSubmitter: true,
    });
    expect(strict.paragraphs.join('\n')).not.toContain('pakn@skhcn.phuyen.gov.vn');
    expect(refusal.addressee).toBe(REDACTION_MARKER_VI);
    const transfer = publicVersion(buildDocument(common(), inputs.transfer), {
      submitter: person,
      addresseeIsSubmitter: false,
    });
    expect(transfer.addressee).toBe('Sở Xây dựng tỉnh Phú Yên');
    expect(transfer.recipients).toEqual([
      'Như trên;',
      `Ông/Bà ${REDACTION_MARKER_VI} (để biết);`,
      'Lưu: VT.',
    ]);
    expect(transfer.paragraphs.join('\n')).toContain(
      `Thông tin liên hệ của cá nhân, tổ chức phản ánh, kiến nghị: điện thoại: ${REDACTION_MARKER_VI}; thư điện tử: ${REDACTION_MARKER_VI}.`,
    );
    // the reason and the agency's own contact stay
    expect(transfer.paragraphs.join('\n')).toContain(
      'Lý do chuyển: Nội dung thuộc lĩnh vực quản lý của Sở Xây dựng.',
    );
    expect(refusal.paragraphs.join('\n')).toContain('pakn@skhcn.phuyen.gov.vn');
    expect(refusal.paragraphs.join('\n')).toContain('0257 3842 124');
  });

  it("redacts the submitter's data written by staff in any form, and other people's contacts", () => {
    const note =
      'Ông/bà NGUYỄN THỊ HỒNG ĐÀO (ĐT 0905 123 456, +84 905.123.456, HONGDAO.NGUYEN@EXAMPLE.VN) ở số 12 ngõ 34 đường Trần Hưng Đạo; liên hệ thêm bà Lan 0914 222 333, lan@example.com, CCCD 079203004567.';
    const d = buildDocument(common(), { type: 'refusal', reason: 'R03', note });
    // the allow-list never protects the submitter's own data
    const pub = publicVersion(d, {
      submitter: person,
      addresseeIsSubmitter: true,
      allow: [person.email, person.phone, '0905 123 456', common().agency.email],
    });
    const text = allText(pub);
    for (const s of [
      'NGUYỄN THỊ HỒNG ĐÀO',
      '0905 123 456',
      '905.123.456',
      'HONGDAO',
      'số 12 ngõ 34',
      '0914 222 333',
      'lan@example.com',
      '079203004567',
    ]) {
      expect(text, s).not.toContain(s);
    }
  });

  it('shows the reviewed public title instead of the hidden one when there is one', () => {
    const d = buildDocument(common(), inputs.late_apology);
    const pub = publicVersion(d, {
      submitter: person,
      title: common().pakn.title,
      publicTitle: 'Kiến nghị đơn giản hóa thủ tục cấp giấy chứng nhận',
      addresseeIsSubmitter: true,
    });
    expect(pub.paragraphs[0]).toContain('“Kiến nghị đơn giản hóa thủ tục cấp giấy chứng nhận”');
    expect(allText(pub)).not.toContain(TITLE_HIDDEN_VI);
  });

  it('an organisation: its name, representative and address', () => {
    const org: SubmitterInfo = {
      kind: 'organisation',
      fullName: 'Trần Văn Bình',
      orgName: 'Công ty TNHH Thương mại Minh Phát',
      representative: 'Trần Văn Bình',
      address: '5 Lê Lợi, phường 4, Tuy Hòa',
      phone: '02573842555',
      email: 'info@minhphat.vn',
    };
    const d = buildDocument(common({ submitter: org }), inputs.transfer);
    const pub = publicVersion(d, { submitter: org, addresseeIsSubmitter: false });
    const text = fold(allText(pub));
    for (const s of ['Minh Phát', 'Trần Văn Bình', '5 Lê Lợi', '02573842555', 'info@minhphat.vn'])
      expect(text, s).not.toContain(fold(s));
  });
});
