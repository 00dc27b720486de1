import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';

import {
  buildDocument,
  type Common,
  DOCUMENT_TYPES,
  type DocumentInput,
  formatDocumentNumber,
} from '~/domain/document-templates';
import { formatPlaceDate, type OfficialDocument } from '~/domain/official-document';
import { renderOfficialHtml } from '~/exports/documents/official-html.server';
import { renderOfficialPdf } from '~/exports/pdf/official-pdf.server';
import { DEMO_AGENCY } from '~db/seed-data';

/** text of each page, items joined as laid out (line ends → space), whitespace collapsed, NFC */
async function extractPages(pdf: Buffer): Promise<string[]> {
  const task = getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let s = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      s += item.str + (item.hasEOL ? ' ' : '');
    }
    pages.push(s.normalize('NFC').replace(/\s+/g, ' ').trim());
  }
  await task.destroy();
  return pages;
}

// every tone mark on every vowel, and đ/Đ
const SENTENCES = [
  'Ạ Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ẹ Ẻ Ẽ Ế Ề Ể Ễ Ệ Ỉ Ị Ọ Ỏ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ụ Ủ Ứ Ừ Ử Ữ Ự Ỳ Ỵ Ỷ Ỹ Đ.',
  'ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ đ.',
  'à á â ã è é ê ì í ò ó ô õ ù ú ý ă ơ ư À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý Ă Ơ Ư.',
  'Sở Khoa học và Công nghệ đã tiếp nhận phản ánh, kiến nghị của ông Đặng Hữu Nghĩa về thủ tục cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ.',
  'Qua nghiên cứu, nội dung phản ánh không thuộc phạm vi quy định hành chính theo Điều 3 Nghị định số 20/2008/NĐ-CP được sửa đổi, bổ sung.',
  'Cơ quan hướng dẫn ông gửi đơn đến Ủy ban nhân dân quận Hoàn Kiếm để được xem xét, giải quyết theo thẩm quyền; mọi thắc mắc xin liên hệ Văn phòng Sở.',
  'Những quyển sách ấy giữ gìn tiếng Việt trong sáng: khuỷu tay, thuở ấy, ngoẩy đầu, nguyễn, ghềnh thác, chữ nghĩa, hỏi ngã, dấu nặng.',
];

const base: OfficialDocument = {
  agencyParent: 'Ủy ban nhân dân thành phố Hà Nội',
  agencyName: 'Sở Khoa học và Công nghệ',
  number: '12/TB-SKHCN',
  place: 'Hà Nội',
  date: '05/03/2026',
  title: 'THÔNG BÁO',
  subtitle: 'Về việc từ chối tiếp nhận phản ánh, kiến nghị',
  addressee: 'Ông Đặng Hữu Nghĩa',
  paragraphs: SENTENCES,
  recipients: ['Như trên', 'Giám đốc Sở (để báo cáo)', 'Lưu: VT, VP.'],
  signerTitle: 'KT. Giám đốc\nPhó Giám đốc',
  signerName: 'Lê Thị Thu Hằng',
};

describe('renderOfficialPdf', () => {
  it('renders Vietnamese that extracts back exactly', async () => {
    const pdf = await renderOfficialPdf(base);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = (await extractPages(pdf)).join(' ');
    for (const s of SENTENCES) expect(text).toContain(s.normalize('NFC'));
    for (const s of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'Số: 12/TB-SKHCN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 05 tháng 3 năm 2026',
      'THÔNG BÁO',
      'Về việc từ chối tiếp nhận phản ánh, kiến nghị',
      'Kính gửi: Ông Đặng Hữu Nghĩa',
      'Nơi nhận: - Như trên - Giám đốc Sở (để báo cáo) - Lưu: VT, VP.',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC',
      'Lê Thị Thu Hằng',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('accepts NFD input and still extracts NFC text', async () => {
    const pdf = await renderOfficialPdf({ ...base, paragraphs: SENTENCES.map((s) => s.normalize('NFD')) });
    const text = (await extractPages(pdf)).join(' ');
    for (const s of SENTENCES) expect(text).toContain(s);
  });

  it('renders hostile text without throwing and legibly, over several pages', async () => {
    const longWord = 'Đ' + 'ặ'.repeat(149) + 'x'.repeat(150);
    const hostile: OfficialDocument = {
      ...base,
      number: '<script>alert(1)</script>',
      addressee: 'Bà \u202Eàođ gnồH\u202C Nguyễn\u200B Thị\u200F',
      paragraphs: [
        '<script>alert("x")</script> <img src=x onerror=alert(1)>',
        `Từ dài: ${longWord} hết.`,
        ...Array.from({ length: 40 }, (_, i) => `Đoạn ${i + 1}: ${SENTENCES[i % SENTENCES.length]}`),
        '',
        '\u0000\u0007',
      ],
      recipients: Array.from({ length: 12 }, (_, i) => `Đơn vị nhận thứ ${i + 1}`),
    };
    const pdf = await renderOfficialPdf(hostile);
    const pages = await extractPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join(' ');
    expect(text).toContain('Số: <script>alert(1)</script>');
    expect(text).toContain('<script>alert("x")</script> <img src=x onerror=alert(1)>');
    // bidi and zero-width characters are dropped; the letters stay in typed order
    expect(text).toContain('Kính gửi: Bà àođ gnồH Nguyễn Thị');
    // the long word is broken across lines but every character is there
    expect(text.replace(/\s/g, '')).toContain(longWord);
    expect(text).toContain(`Đoạn 40: ${SENTENCES[39 % SENTENCES.length]}`);
    expect(text).toContain('Đơn vị nhận thứ 12');
    // page numbers from page 2
    expect(pages[0]).not.toMatch(/ 1$/);
    expect(pages[1]).toMatch(/ 2$/);
  });

  it('lays out a công văn without a title (V/v under the number)', async () => {
    const pdf = await renderOfficialPdf({ ...base, title: '', number: '345/SKHCN-VP', recipients: [] });
    const text = (await extractPages(pdf)).join(' ');
    expect(text).toContain('Số: 345/SKHCN-VP');
    expect(text).toContain('V/v Về việc từ chối tiếp nhận');
    expect(text).not.toContain('Nơi nhận');
  });
});

describe('Markdown paragraphs (the approved answer)', () => {
  const answer =
    'Sở đã xem xét **kỹ lưỡng** và *ghi nhận* ý kiến.\n\n- Hồ sơ giảm còn **4** loại giấy tờ;\n- Nộp tại [Cổng Dịch vụ công](https://dichvucong.gov.vn).\n\n1. Bước một\n2. Bước hai';
  const doc: OfficialDocument = {
    ...base,
    title: '',
    paragraphs: ['Sau khi nghiên cứu, Sở trả lời như sau:', answer, 'Trân trọng./.'],
    markdown: [1],
  };

  it('draws bold, italic and lists in the PDF, without the Markdown syntax', async () => {
    const pdf = await renderOfficialPdf(doc);
    const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
    const d = await task.promise;
    const items: { str: string; fontName: string }[] = [];
    for (let i = 1; i <= d.numPages; i++) {
      for (const it of (await (await d.getPage(i)).getTextContent()).items) {
        if ('str' in it && it.str.trim()) items.push({ str: it.str, fontName: it.fontName });
      }
    }
    await task.destroy();
    const text = items
      .map((i) => i.str)
      .join(' ')
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/\*ghi nhận\*/);
    expect(text).not.toContain('](');
    expect(text).toContain('Sở đã xem xét kỹ lưỡng và ghi nhận ý kiến.');
    expect(text).toMatch(/- Hồ sơ giảm còn 4 loại giấy tờ;/);
    expect(text).toContain('Cổng Dịch vụ công (https://dichvucong.gov.vn)');
    expect(text).toMatch(/1\. Bước một 2\. Bước hai/);
    const fontOf = (s: string) => items.find((i) => i.str.normalize('NFC').includes(s))?.fontName;
    // bold and italic runs are drawn in other faces than the body text around them
    expect(fontOf('kỹ lưỡng')).toBeDefined();
    expect(fontOf('kỹ lưỡng')).not.toBe(fontOf('Sở đã xem xét'));
    expect(fontOf('ghi nhận')).not.toBe(fontOf('kỹ lưỡng'));
    expect(fontOf('ghi nhận')).not.toBe(fontOf('Sở đã xem xét'));
  });

  it('renders the Markdown as HTML in the printable page, still escaping the rest', () => {
    const html = renderOfficialHtml({ ...doc, paragraphs: [...doc.paragraphs, '**không** phải Markdown'] });
    expect(html).toContain('<strong>kỹ lưỡng</strong>');
    expect(html).toContain('<em>ghi nhận</em>');
    expect(html).toMatch(/<ul>\s*<li>Hồ sơ giảm còn <strong>4<\/strong> loại giấy tờ;<\/li>/);
    expect(html).toMatch(/<ol>\s*<li>Bước một<\/li>/);
    expect(html).toContain(
      '<a href="https://dichvucong.gov.vn" rel="nofollow noopener">Cổng Dịch vụ công</a>',
    );
    // only the flagged paragraph is Markdown
    expect(html).toContain('**không** phải Markdown');
    expect(renderOfficialHtml({ ...doc, paragraphs: ['<b>x</b> **y**'], markdown: [0] })).toContain(
      '&lt;b&gt;x&lt;/b&gt; <strong>y</strong>',
    );
  });
});

/** lines of each page (pdf.js items joined up to each end of line), NFC */
async function extractLines(pdf: Buffer): Promise<string[][]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const lines: string[] = [];
    let line = '';
    for (const item of (await (await doc.getPage(i)).getTextContent()).items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        if (line.trim()) lines.push(line.normalize('NFC').replace(/\s+/g, ' ').trim());
        line = '';
      }
    }
    if (line.trim()) lines.push(line.normalize('NFC').replace(/\s+/g, ' ').trim());
    pages.push(lines);
  }
  await task.destroy();
  return pages;
}

describe('the five documents of the seed agency (NĐ 30 layout)', () => {
  const agency = {
    name: DEMO_AGENCY.name,
    parentName: DEMO_AGENCY.parentName,
    province: DEMO_AGENCY.province,
    signerTitle: DEMO_AGENCY.signerTitle,
    signerName: DEMO_AGENCY.signerName,
    address: DEMO_AGENCY.address,
    hotline: DEMO_AGENCY.hotline,
    email: DEMO_AGENCY.email,
  };
  const submitters = {
    individual: {
      kind: 'individual',
      fullName: 'Nguyễn Thị Hồng Đào',
      address: 'Số 12 ngõ 34 đường Trần Hưng Đạo, phường 7, thành phố Tuy Hòa',
      phone: '0905123456',
      email: 'hongdao@example.vn',
    },
    organisation: {
      kind: 'organisation',
      fullName: 'Trần Văn Bình',
      orgName: 'Công ty TNHH Công nghệ Xanh Phú Yên',
      representative: 'Trần Văn Bình',
      address: '45 Lê Lợi, thành phố Tuy Hòa',
      phone: '0905123456',
      email: 'xanh@example.vn',
    },
  } as const;
  const inputs: Record<(typeof DOCUMENT_TYPES)[number], DocumentInput> = {
    refusal: { type: 'refusal', reason: 'R05', note: 'Nội dung hỏi về cách tính thuế thu nhập cá nhân.' },
    info_request: {
      type: 'info_request',
      question: 'Đề nghị cho biết số, ký hiệu của văn bản quy định thủ tục.',
      waitDays: 15,
      waitUnit: 'calendar',
      waitUntil: '2026-03-17',
    },
    late_apology: {
      type: 'late_apology',
      reason: 'Cần lấy ý kiến của Bộ Khoa học và Công nghệ.',
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
        'Sở đã xem xét **kỹ lưỡng** nội dung kiến nghị.\n\n- Thành phần hồ sơ giảm từ 7 xuống 4 loại giấy tờ;\n- Thời hạn giải quyết còn **10 ngày làm việc**.',
      outcome: 'amend',
      publicUrl: 'https://pakn.example.gov.vn/cong-khai',
    },
  };

  for (const kind of ['individual', 'organisation'] as const) {
    for (const type of DOCUMENT_TYPES) {
      it(`${type} (${kind}): whole place names in the header, the signature with the last paragraph`, async () => {
        const common: Common = {
          number: formatDocumentNumber(1, type, { agency: 'SKHCN', unit: 'TTHC' }),
          issuedDate: '2026-03-02',
          agency,
          pakn: {
            code: 'KHCN-2026-000042',
            title: 'Thủ tục cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ còn rườm rà',
            receivedDate: '2026-02-10',
          },
          submitter: submitters[kind],
          followUrl: 'https://pakn.example.gov.vn/theo-doi',
        };
        const pages = await extractLines(await renderOfficialPdf(buildDocument(common, inputs[type])));
        const lines = pages.flat();
        // the parent agency on whole words: 'ỦY BAN NHÂN DÂN' / 'TỈNH PHÚ YÊN', never 'TỈNH PHÚ' / 'YÊN'
        expect(lines).not.toContain('YÊN');
        expect(lines.filter((l) => /PHÚ$/.test(l))).toEqual([]);
        expect(lines.some((l) => /(^|ỦY BAN NHÂN DÂN )TỈNH PHÚ YÊN$/.test(l))).toBe(true);
        expect(lines).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
        expect(lines.some((l) => /^NGHỆ/.test(l))).toBe(false);
        // the signer's page also carries the end of the last paragraph
        const signerPage = pages.find((p) => p.includes('Dương Bình Phú'))!;
        expect(signerPage.some((l) => l.endsWith('./.'))).toBe(true);
        expect(pages.length).toBeLessThanOrEqual(2);
      });
    }
  }
});

describe('formatPlaceDate', () => {
  it('follows NĐ 30 zero-padding', () => {
    expect(formatPlaceDate('Hà Nội', '05/03/2026')).toBe('Hà Nội, ngày 05 tháng 3 năm 2026');
    expect(formatPlaceDate('Hà Nội', '5/2/2026')).toBe('Hà Nội, ngày 05 tháng 02 năm 2026');
    expect(formatPlaceDate('Huế', '25/12/2026')).toBe('Huế, ngày 25 tháng 12 năm 2026');
    expect(formatPlaceDate('Huế', 'không rõ')).toBe('Huế, không rõ');
  });
});

describe('renderOfficialHtml', () => {
  it('has the layout and A4 print CSS', () => {
    const html = renderOfficialHtml(base);
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html).toContain('<bdi>Hà Nội, ngày 05 tháng 3 năm 2026</bdi>');
    expect(html).toContain('Số: <bdi>12/TB-SKHCN</bdi>');
    expect(html).toContain('<strong>Nơi nhận:</strong>');
  });

  it('keeps place names whole in the agency block and does not repeat the parent’s place', () => {
    const html = renderOfficialHtml({
      ...base,
      agencyParent: 'Ủy ban nhân dân tỉnh Phú Yên',
      agencyName: 'Sở Khoa học và Công nghệ tỉnh Phú Yên',
    });
    expect(html).toContain(
      '<div class="upper"><bdi class="seg">Ủy ban nhân dân</bdi> <bdi class="seg">tỉnh Phú Yên</bdi></div>',
    );
    expect(html).toContain('<div class="upper b"><bdi class="seg">Sở Khoa học và Công nghệ</bdi></div>');
    expect(html).toContain('.seg { display: inline-block; text-wrap: balance; }');
  });

  it('escapes every field', () => {
    const evil = `<script>alert(1)</script><img src=x onerror="a()">'&`;
    const doc: OfficialDocument = {
      agencyParent: evil,
      agencyName: evil,
      number: evil,
      place: evil,
      date: evil,
      title: evil,
      subtitle: evil,
      addressee: evil,
      paragraphs: [evil, `\u202E${evil}`],
      recipients: [evil],
      signerTitle: evil,
      signerName: evil,
    };
    const html = renderOfficialHtml(doc);
    expect(html).not.toMatch(/<script|<img|onerror="/i);
    expect(html).not.toContain('\u202E');
    const escaped =
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;a()&quot;&gt;&#39;&amp;';
    // <title> (title + number) 2, agency 2, number 1, place + date 2, heading 1, subtitle 1, addressee 1,
    // paragraphs 2, recipient 1, signer 2
    expect(html.split(escaped).length - 1).toBe(15);
    // only the template's own tags remain
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        'bdi',
        'body',
        'div',
        'footer',
        'h1',
        'head',
        'header',
        'hr',
        'html',
        'li',
        'main',
        'meta',
        'p',
        'strong',
        'style',
        'title',
        'ul',
      ].sort(),
    );
  });
});
