import { describe, expect, it } from 'vitest';

import {
  applyRedactions,
  detectPii,
  type PiiFlag,
  type PiiKind,
  REDACTION_MARKER_EN,
  REDACTION_MARKER_VI,
} from '~/domain/redaction';

const ctx = {
  source: 'summary',
  submitterName: 'Nguyễn Thị Hồng Đào',
  submitterAddress: 'Số 12 ngõ 34 phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội',
  orgName: 'Công ty TNHH Thương mại Minh Phát',
  representative: 'Trần Văn Bình',
};

const texts = (flags: PiiFlag[], kind?: PiiKind) =>
  flags.filter((f) => !kind || f.kind === kind).map((f) => f.text);

function expectFlagged(
  text: string,
  needle: string,
  kind: PiiKind,
  c: Parameters<typeof detectPii>[1] = ctx,
) {
  const flags = detectPii(text, c);
  const hit = flags.find((f) => f.text === needle);
  expect(hit, `${needle} in ${JSON.stringify(texts(flags))}`).toBeDefined();
  expect(hit?.kind).toBe(kind);
  expect(text.slice(hit!.start, hit!.end)).toBe(needle);
  expect(hit?.source).toBe(c.source);
}

describe('detectPii — phones', () => {
  const phones = [
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '+84912345678',
    '+84 912 345 678',
    '84 912345678',
    '(0257) 3 842 123',
    '0257 3842 123',
    '02573842123',
    '028.3829.1234',
    '0387 654 321',
  ];
  for (const p of phones) {
    it(`flags ${p}`, () => {
      expectFlagged(`Xin liên hệ với tôi qua số điện thoại ${p} vào giờ hành chính.`, p, 'phone');
      expectFlagged(`SĐT:${p}`, p, 'phone');
      expectFlagged(`(ĐT: ${p}).`, p, 'phone');
    });
  }

  it('flags several numbers in one sentence separately', () => {
    const text = 'Điện thoại 0912 345 678 0987 654 321 hoặc 0243 825 1234.';
    expect(texts(detectPii(text, ctx), 'phone')).toEqual(['0912 345 678', '0987 654 321', '0243 825 1234']);
  });

  it('does not flag 1900/1800 hotlines', () => {
    const text = 'Tổng đài hỗ trợ 1900 1234 và đường dây nóng 1800 1234, hoặc 19001234.';
    expect(detectPii(text, { source: 'answer' })).toEqual([]);
  });
});

describe('detectPii — IDs, tax codes, e-mails', () => {
  it('flags CCCD plain and spaced', () => {
    expectFlagged('Căn cước công dân số 079203004567 cấp ngày 12/02/2021.', '079203004567', 'national_id');
    expectFlagged('CCCD: 079 203 004 567, nơi cấp Cục Cảnh sát.', '079 203 004 567', 'national_id');
    expectFlagged('Tôi gửi kèm bản sao 001190012345 để đối chiếu.', '001190012345', 'national_id');
  });

  it('flags CMND with keyword and standalone', () => {
    expectFlagged('Số CMND 123456789 do Công an tỉnh cấp.', '123456789', 'national_id');
    expectFlagged('chứng minh nhân dân số: 201.456.789', '201.456.789', 'national_id');
    expectFlagged('Giấy tờ tùy thân 271234567 (bản sao).', '271234567', 'national_id');
  });

  it('flags tax codes, with MST context overriding a phone-like number', () => {
    expectFlagged('Mã số thuế: 0101234567-001 (chi nhánh).', '0101234567-001', 'tax_code');
    expectFlagged('MST 0312345678 của doanh nghiệp.', '0312345678', 'tax_code');
    expectFlagged('Doanh nghiệp có mã số thuế là 0101234567.', '0101234567', 'tax_code');
    expectFlagged('Đơn vị 1101234567 đã nộp hồ sơ.', '1101234567', 'tax_code');
  });

  it('flags e-mails, upper case and Vietnamese domains', () => {
    expectFlagged('Gửi thư tới hongdao.nguyen@gmail.com nhé.', 'hongdao.nguyen@gmail.com', 'email');
    expectFlagged('E-mail: NGUYEN.DAO@SOKHCN.HANOI.GOV.VN.', 'NGUYEN.DAO@SOKHCN.HANOI.GOV.VN', 'email');
    expectFlagged('liên hệ dao_nth+pakn@cong-ty.com.vn', 'dao_nth+pakn@cong-ty.com.vn', 'email');
  });
});

describe('detectPii — names and addresses', () => {
  it('flags the full name in every writing', () => {
    for (const n of [
      'Nguyễn Thị Hồng Đào',
      'NGUYỄN THỊ HỒNG ĐÀO',
      'nguyen thi hong dao',
      'Nguyen Thi Hong Dao',
      'Nguyễn  Thị\nHồng Đào',
    ]) {
      expectFlagged(`Tôi là ${n}, cư trú tại quận Hoàn Kiếm.`, n, 'name');
    }
  });

  it('flags the last two syllables and honorific + given name', () => {
    expectFlagged('Đề nghị chị Hồng Đào bổ sung hồ sơ.', 'Hồng Đào', 'name');
    expectFlagged('Kính gửi bà Đào, cơ quan đã nhận được phản ánh.', 'Đào', 'name');
    // 'đào tạo' alone is not the name
    expect(detectPii('Chương trình đào tạo nghề năm 2026.', ctx)).toEqual([]);
  });

  it('matches NFD input and maps offsets onto the NFD string', () => {
    const text = 'Người gửi: Nguyễn Thị Hồng Đào, địa chỉ Số 12 ngõ 34 phố Trần Hưng Đạo.'.normalize('NFD');
    const flags = detectPii(text, ctx);
    const name = flags.find((f) => f.kind === 'name');
    expect(name?.text.normalize('NFC')).toBe('Nguyễn Thị Hồng Đào');
    const addr = flags.find((f) => f.kind === 'address');
    expect(addr?.text.normalize('NFC')).toBe('Số 12 ngõ 34 phố Trần Hưng Đạo');
    const out = applyRedactions(text, flags);
    expect(out.normalize('NFC')).toBe(`Người gửi: ${REDACTION_MARKER_VI}, địa chỉ ${REDACTION_MARKER_VI}.`);
    // and an NFD name in the context against NFC text
    expectFlagged('Tôi là Nguyễn Thị Hồng Đào.', 'Nguyễn Thị Hồng Đào', 'name', {
      ...ctx,
      submitterName: ctx.submitterName.normalize('NFD'),
    });
  });

  it('sees through zero-width characters inside a name', () => {
    expectFlagged('Tôi là Nguy\u200Bễn Thị Hồng Đ\u00ADào.', 'Nguy\u200Bễn Thị Hồng Đ\u00ADào', 'name');
  });

  it('flags the representative and the organisation', () => {
    expectFlagged('Người đại diện: ông TRAN VAN BINH.', 'TRAN VAN BINH', 'name');
    expectFlagged('Đề nghị ông Bình liên hệ.', 'Bình', 'name');
    expectFlagged(
      'Công ty TNHH Thương mại Minh Phát phản ánh về thủ tục.',
      'Công ty TNHH Thương mại Minh Phát',
      'name',
    );
    expectFlagged('Doanh nghiệp Thương mại Minh Phát cho biết.', 'Thương mại Minh Phát', 'name');
  });

  it('flags the address and its first component', () => {
    expectFlagged(
      'Địa chỉ: số 12, ngõ 34 phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội.',
      'số 12, ngõ 34 phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội',
      'address',
    );
    expectFlagged(
      'Nhà tôi ở so 12 ngo 34 pho Tran Hung Dao bị ảnh hưởng.',
      'so 12 ngo 34 pho Tran Hung Dao',
      'address',
    );
  });

  it('skips one-syllable names and missing context', () => {
    expect(detectPii('Việt Nam', { source: 's', submitterName: 'Nam', submitterAddress: null })).toEqual([]);
  });
});

describe('detectPii — no false positives on ordinary administrative text', () => {
  it('leaves dates, amounts, document numbers and PAKN codes alone', () => {
    const text = [
      'Ngày 12/02/2026, Sở Khoa học và Công nghệ nhận được phản ánh mã KHCN-2026-000042.',
      'Theo Thông tư số 08/2010/TT-BKHCN và Nghị định 20/2008/NĐ-CP, lệ phí là 1.500.000 đồng;',
      'tổng kinh phí 150.000.000 đồng, 2.500.000.000 VNĐ, 84.500.000.000 đ, tăng 12,5% so với năm 2025.',
      'Quyết định 1234/QĐ-UBND ngày 05.03.2025; hotline 1900 1234; điều 14, khoản 2; lúc 10:30.',
    ].join('\n');
    expect(detectPii(text, ctx)).toEqual([]);
  });
});

describe('a full submission', () => {
  it('has no false negatives and redacts cleanly', () => {
    const text =
      'Tôi là NGUYỄN THỊ HỒNG ĐÀO, CCCD 079 203 004 567, địa chỉ Số 12 ngõ 34 phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội, ' +
      'điện thoại 0912 345 678 hoặc +84912345678, cơ quan (0257) 3 842 123, e-mail dao.nth@gmail.com. ' +
      'Ngày 12/02/2026 tôi nộp 1.500.000 đồng theo Thông tư 08/2010/TT-BKHCN (mã KHCN-2026-000042).';
    const flags = detectPii(text, ctx);
    expect(flags.map((f) => [f.kind, f.text])).toEqual([
      ['name', 'NGUYỄN THỊ HỒNG ĐÀO'],
      ['national_id', '079 203 004 567'],
      ['address', 'Số 12 ngõ 34 phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội'],
      ['phone', '0912 345 678'],
      ['phone', '+84912345678'],
      ['phone', '(0257) 3 842 123'],
      ['email', 'dao.nth@gmail.com'],
    ]);
    const M = REDACTION_MARKER_VI;
    expect(applyRedactions(text, flags)).toBe(
      `Tôi là ${M}, CCCD ${M}, địa chỉ ${M}, điện thoại ${M} hoặc ${M}, cơ quan ${M}, e-mail ${M}. ` +
        'Ngày 12/02/2026 tôi nộp 1.500.000 đồng theo Thông tư 08/2010/TT-BKHCN (mã KHCN-2026-000042).',
    );
  });
});

describe('applyRedactions', () => {
  it('replaces right to left, merges overlaps, clamps and accepts another marker', () => {
    const text = 'abc 0912345678 def';
    expect(applyRedactions(text, [{ start: 4, end: 14 }], REDACTION_MARKER_EN)).toBe(
      'abc [personal data removed] def',
    );
    expect(
      applyRedactions(
        '0123456789',
        [
          { start: 6, end: 8 },
          { start: 0, end: 2 },
          { start: 1, end: 3 },
        ],
        '#',
      ),
    ).toBe('#345#89');
    expect(
      applyRedactions(
        'abc',
        [
          { start: 2, end: 99 },
          { start: 1, end: 1 },
        ],
        '#',
      ),
    ).toBe('ab#');
    expect(applyRedactions('abc', [])).toBe('abc');
  });
});

describe('detectPii — normalisation (issue 10)', () => {
  const variants = [
    '0987–654–321',
    '0987—654—321',
    '0987/654/321',
    '0987_654_321',
    '０９８７６５４３２１',
    '０９８７ ６５４ ３２１',
    '0987   654   321',
    '0987 \u3000 654 321',
  ];
  for (const p of variants) {
    it(`flags ${p} and redacts exactly it`, () => {
      const text = `Số của tôi là ${p}, gọi giờ hành chính.`;
      expectFlagged(text, p, 'phone');
      expect(applyRedactions(text, detectPii(text, ctx))).toBe(
        `Số của tôi là ${REDACTION_MARKER_VI}, gọi giờ hành chính.`,
      );
    });
  }

  it('flags an e-mail written with a full-width @ or full-width letters', () => {
    expectFlagged('Thư gửi a＠b.vn nhé.', 'a＠b.vn', 'email');
    expectFlagged('Thư gửi ｄａｏ@ｇｍａｉｌ.ｃｏｍ nhé.', 'ｄａｏ@ｇｍａｉｌ.ｃｏｍ', 'email');
  });

  it('flags a CCCD in full-width digits and with runs of spaces', () => {
    expectFlagged('CCCD ０７９２０３００４５６７.', '０７９２０３００４５６７', 'national_id');
    expectFlagged('CCCD 079  203  004  567.', '079  203  004  567', 'national_id');
  });

  it('still leaves dates, document numbers and codes written with slashes or dashes alone', () => {
    const text = [
      'Ngày 03/05/2024 12 giờ, văn bản 0912/2024/QĐ-UBND; mã KHCN–2026–000042.',
      'Thông tư 08/2010/TT-BKHCN; từ 01/01/2025 đến 31/12/2025 — 2 đợt; hồ sơ 03/2024/0912345.',
    ].join('\n');
    expect(detectPii(text, ctx)).toEqual([]);
  });
});

describe('applyRedactions — brackets (issue 13.17)', () => {
  it('keeps an opening bracket that is not part of the number', () => {
    const text = 'Đề nghị liên hệ anh Trần Văn Bình (0912345678).';
    const flags = detectPii(text, ctx);
    expect(texts(flags)).toEqual(['Trần Văn Bình', '0912345678']);
    const M = REDACTION_MARKER_VI;
    expect(applyRedactions(text, flags)).toBe(`Đề nghị liên hệ anh ${M} (${M}).`);
  });

  it('keeps the bracketed area code whole, and the bracket before a number with its own area code', () => {
    expectFlagged('Cơ quan (0257) 3 842 123.', '(0257) 3 842 123', 'phone');
    expectFlagged('Gọi ((0257) 3842 123).', '(0257) 3842 123', 'phone');
    expectFlagged('Gọi (số 0912 345 678).', '0912 345 678', 'phone');
    expectFlagged('Gọi (+84 912 345 678)', '+84 912 345 678', 'phone');
  });
});

describe("detectPii — the agency's own contacts (issue 13.27)", () => {
  const own = { ...ctx, allowedContacts: ['0257 3842 123', 'PAKN@skhcn.phuyen.gov.vn', null, ''] };
  it('does not report them however they are written, and still reports the others', () => {
    const text =
      'Gọi 0257.3842.123, (0257) 3842 123 hoặc +84 257 3842 123; thư pakn@SKHCN.phuyen.gov.vn; ' +
      'số của tôi 0912 345 678, thư dao@gmail.com.';
    expect(texts(detectPii(text, own))).toEqual(['0912 345 678', 'dao@gmail.com']);
    expect(texts(detectPii(text, ctx))).toHaveLength(6);
  });
});
