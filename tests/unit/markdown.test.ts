import { describe, expect, it } from 'vitest';

import { markdownBlocks, markdownToPlainText, renderSafeMarkdown } from '~/utils/markdown.server';

/** every tag in the output must be one of the subset's, and carry only the attributes we set */
function expectOnlySubsetTags(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h3', 'h4', 'a']).toContain(m[1]);
    const attrs = m[2] ?? '';
    if (m[1] === 'a' && attrs) {
      expect(attrs).toMatch(/^ href="(?:https?:\/\/|mailto:)[^"<>]*" rel="nofollow noopener"$/);
    } else if (m[1] === 'ol' && attrs) {
      expect(attrs).toMatch(/^ start="\d+"$/);
    } else {
      expect(attrs).toBe('');
    }
  }
}

describe('renderSafeMarkdown — the subset', () => {
  it('renders paragraphs, breaks, emphasis, lists and headings', () => {
    const html = renderSafeMarkdown(
      'Kính gửi bà Đào,\nSở đã **tiếp nhận** phản ánh *số KHCN-2026-000042*.\n\n' +
        '# Căn cứ\n### Nội dung\n#### Chi tiết\n\n- Điều 14\n- Điều 15\n\n3. bước ba\n4. bước bốn',
    );
    expect(html).toBe(
      '<p>Kính gửi bà Đào,<br>\nSở đã <strong>tiếp nhận</strong> phản ánh <em>số KHCN-2026-000042</em>.</p>\n' +
        '<h3>Căn cứ</h3>\n<h3>Nội dung</h3>\n<h4>Chi tiết</h4>\n' +
        '<ul>\n<li>Điều 14</li>\n<li>Điều 15</li>\n</ul>\n<ol start="3">\n<li>bước ba</li>\n<li>bước bốn</li>\n</ol>\n',
    );
    expectOnlySubsetTags(html);
  });

  it('links http(s) and mailto with rel nofollow noopener, and bare URLs', () => {
    const html = renderSafeMarkdown(
      'Xem [Thông tư 08/2010](https://vbpl.vn/bokhcn?ItemID=1&x=2), thư [hộp thư](mailto:pakn@sokhcn.gov.vn), ' +
        'hoặc https://dichvucong.gov.vn/p/home.',
    );
    expect(html).toContain(
      '<a href="https://vbpl.vn/bokhcn?ItemID=1&amp;x=2" rel="nofollow noopener">Thông tư 08/2010</a>',
    );
    expect(html).toContain('<a href="mailto:pakn@sokhcn.gov.vn" rel="nofollow noopener">hộp thư</a>');
    expect(html).toContain('<a href="https://dichvucong.gov.vn/p/home" rel="nofollow noopener">');
    expectOnlySubsetTags(html);
  });
});

describe('renderSafeMarkdown — hostile input renders inert and legible', () => {
  const cases: [string, string, string][] = [
    ['script tag', '<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ['img onerror', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['javascript link', '[bấm](javascript:alert(1))', '[bấm](javascript:alert(1))'],
    ['JaVaScRiPt link with spaces', '[x]( JaVaScRiPt:alert(1) )', '[x]( JaVaScRiPt:alert(1) )'],
    [
      'data link',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;)',
    ],
    ['vbscript link', '[x](vbscript:msgbox)', '[x](vbscript:msgbox)'],
    ['relative link', '[x](/admin)', '[x](/admin)'],
    ['autolink to javascript', '<javascript:alert(1)>', '&lt;javascript:alert(1)&gt;'],
    ['entity-encoded scheme', '[x](&#106;avascript:alert(1))', '[x](javascript:alert(1))'],
    [
      'empty link',
      '[nhãn]() [](https://a.vn)',
      '<p>nhãn <a href="https://a.vn" rel="nofollow noopener">https://a.vn</a></p>',
    ],
    ['html comment', '<!-- x --> ok', '&lt;!-- x --&gt; ok'],
    [
      'iframe',
      '<iframe src="ftp://evil"></iframe>',
      '&lt;iframe src=&quot;ftp://evil&quot;&gt;&lt;/iframe&gt;',
    ],
  ];
  for (const [name, src, visible] of cases) {
    it(name, () => {
      const html = renderSafeMarkdown(src);
      expect(html).toContain(visible);
      expect(html).not.toMatch(/<(?:script|img|iframe)|href="(?!https?:|mailto:)/i);
      expectOnlySubsetTags(html);
    });
  }

  it('images are not images', () => {
    const html = renderSafeMarkdown('![ảnh](https://example.com/a.png) ![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expectOnlySubsetTags(html);
  });

  it('tables, code, block quotes and setext headings are plain text', () => {
    const html = renderSafeMarkdown(
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\n> trích dẫn\n\nTiêu đề\n===',
    );
    expect(html).not.toMatch(/<(?:table|pre|code|blockquote|h1|h2)/);
    expect(html).toContain('&gt; trích dẫn');
    expectOnlySubsetTags(html);
  });

  it('broken markdown stays readable', () => {
    const src = '**đậm chưa đóng *nghiêng [liên kết](https://a.vn\n\n- \n1.\n#####\n***\n[]()';
    const html = renderSafeMarkdown(src);
    expect(html).toContain('**đậm chưa đóng *nghiêng [liên kết](<a href="https://a.vn"');
    expect(html).toContain('<p>***<br>\n</p>'); // '[]()' leaves nothing, and no href=""
    expectOnlySubsetTags(html);
    expect(markdownToPlainText(src)).toContain('**đậm chưa đóng *nghiêng');
  });

  it('deep nesting does not blow up', () => {
    const html = renderSafeMarkdown('- '.repeat(200) + 'x\n' + '*'.repeat(5000) + '['.repeat(5000));
    expectOnlySubsetTags(html);
  });

  it('keeps very long words intact', () => {
    const word = 'Đ' + 'ạ'.repeat(299);
    const html = renderSafeMarkdown(`Từ dài: ${word} hết.`);
    expect(html).toBe(`<p>Từ dài: ${word} hết.</p>\n`);
  });

  it('removes bidi overrides, keeps zero-width characters, escapes the rest', () => {
    const html = renderSafeMarkdown('Tên\u202E gnàđ\u202C và\u2067x\u2069 chữ\u200Bcó\u200Dnối \u200F<b>');
    expect(html).toBe('<p>Tên gnàđ vàx chữ\u200Bcó\u200Dnối \u200F&lt;b&gt;</p>\n');
  });

  it('normalises NFD to NFC and drops control characters', () => {
    expect(renderSafeMarkdown('Nguyễn\u0000 Đào'.normalize('NFD'))).toBe('<p>Nguyễn Đào</p>\n');
  });
});

describe('markdownToPlainText', () => {
  it('flattens the subset for e-mails and feeds', () => {
    const src =
      '### Kết quả\n\nSở **đã xử lý** phản ánh.\nXem [văn bản](https://vbpl.vn/x) hoặc https://a.gov.vn, ' +
      'thư [pakn@sokhcn.gov.vn](mailto:pakn@sokhcn.gov.vn).\n\n- một\n- hai\n  - hai.một\n\n2. hai\n3. ba\n\nHết <b>.';
    expect(markdownToPlainText(src)).toBe(
      'Kết quả\n\nSở đã xử lý phản ánh.\nXem văn bản (https://vbpl.vn/x) hoặc https://a.gov.vn, thư pakn@sokhcn.gov.vn.' +
        '\n\n- một\n- hai\n  - hai.một\n\n2. hai\n3. ba\n\nHết <b>.',
    );
  });

  it('leaves invalid links as typed and strips bidi overrides', () => {
    expect(markdownToPlainText('[x](javascript:alert(1)) \u202Eabc')).toBe('[x](javascript:alert(1)) abc');
    expect(markdownToPlainText('')).toBe('');
  });
});

describe('markdownBlocks (the PDF documents draw these)', () => {
  it('gives paragraphs, headings and list items with their emphasis, depth and marker', () => {
    const blocks = markdownBlocks(
      '## Kết quả\n\nĐã xem xét **kỹ** và *ghi nhận*.\n\n- Một\n  - Một a\n- Hai [Cổng](https://dichvucong.gov.vn)\n\n3. Ba\n4. Bốn\n\n<b>x</b> [y](javascript:alert(1))',
    );
    expect(blocks).toEqual([
      { kind: 'heading', runs: [{ text: 'Kết quả', bold: false, italic: false }] },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Đã xem xét ', bold: false, italic: false },
          { text: 'kỹ', bold: true, italic: false },
          { text: ' và ', bold: false, italic: false },
          { text: 'ghi nhận', bold: false, italic: true },
          { text: '.', bold: false, italic: false },
        ],
      },
      { kind: 'item', marker: '-', depth: 0, runs: [{ text: 'Một', bold: false, italic: false }] },
      { kind: 'item', marker: '-', depth: 1, runs: [{ text: 'Một a', bold: false, italic: false }] },
      {
        kind: 'item',
        marker: '-',
        depth: 0,
        runs: [{ text: 'Hai Cổng (https://dichvucong.gov.vn)', bold: false, italic: false }],
      },
      { kind: 'item', marker: '3.', depth: 0, runs: [{ text: 'Ba', bold: false, italic: false }] },
      { kind: 'item', marker: '4.', depth: 0, runs: [{ text: 'Bốn', bold: false, italic: false }] },
      // raw HTML and unsafe links stay literal text
      {
        kind: 'paragraph',
        runs: [{ text: '<b>x</b> [y](javascript:alert(1))', bold: false, italic: false }],
      },
    ]);
  });
});
