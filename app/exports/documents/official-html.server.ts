// The printable HTML of an official document, laid out as the PDF (app/exports/pdf/official-pdf.server.ts) and
// Nghị định 30/2020/NĐ-CP ask, as a self-contained A4 page with its print CSS inline. The portal serves it through
// documentPage (app/exports/documents/page.server.ts), which moves the CSS to a stylesheet the CSP allows.
import { agencyHeaderName, headerSegments } from '~/domain/document-layout';
import { formatPlaceDate, MOTTO, MOTTO_NATION, type OfficialDocument } from '~/domain/official-document';
import { renderSafeMarkdown } from '~/utils/markdown.server';

const escapeHtml = (s: string): string =>
  s
    .normalize('NFC')
    // control characters; bidi embeddings, overrides and isolates (the <bdi> wrapper isolates each field anyway)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** escaped, and isolated so right-to-left text in a field cannot reorder the text around it */
const t = (s: string | undefined): string => `<bdi>${escapeHtml(s ?? '')}</bdi>`;

/** a header text in pieces that wrap as wholes ('ỦY BAN NHÂN DÂN' / 'TỈNH PHÚ YÊN'): never 'TỈNH PHÚ / YÊN' */
const segments = (s: string): string =>
  headerSegments(s)
    .map((x) => `<bdi class="seg">${escapeHtml(x)}</bdi>`)
    .join(' ');

const PRINT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 165mm; font-family: "Times New Roman", Tinos, "Noto Serif", serif; font-size: 13pt; line-height: 1.35; }
.head, .foot { display: flex; justify-content: space-between; gap: 4mm; }
.head > div { text-align: center; font-size: 12pt; }
.agency { width: 40%; } .nation { width: 60%; } .nation .b { white-space: nowrap; }
.upper { text-transform: uppercase; } .seg { display: inline-block; text-wrap: balance; } .b { font-weight: bold; } .i { font-style: italic; }
.rule { display: block; margin: 1mm auto 2mm; border: 0; border-top: 0.6pt solid #000; }
.agency .rule { width: 25mm; } .nation .rule { width: 58mm; }
.small { font-size: 11pt; }
.title { text-align: center; margin: 8mm 0 5mm; }
.title h1 { font-size: 14pt; margin: 0; } .title p { margin: 0; font-weight: bold; }
.addressee { text-align: center; margin: 0 0 4mm; }
.body p { text-align: justify; text-indent: 10mm; margin: 0 0 6pt; }
.body ul, .body ol { margin: 0 0 6pt 10mm; padding-left: 6mm; } .body li { margin: 0 0 3pt; text-align: justify; }
.body li p { text-indent: 0; margin: 0; } .body h3, .body h4 { font-size: 13pt; margin: 6pt 0; }
.body ul { list-style-type: "- "; }
.foot { margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.recipients { width: 45%; font-size: 11pt; } .recipients ul { list-style: none; margin: 0; padding: 0; }
.recipients strong { font-size: 12pt; font-style: italic; }
.signer { width: 55%; text-align: center; } .signer .name { margin-top: 25mm; }
p, li, h1, div { overflow-wrap: anywhere; }
`;

export function renderOfficialHtml(doc: OfficialDocument): string {
  const hasTitle = doc.title.trim().length > 0;
  const recipients = doc.recipients ?? [];
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml([doc.title, doc.number].filter((x) => x.trim()).join(' ') || 'Văn bản')}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header class="head">
<div class="agency">
<div class="upper">${segments(doc.agencyParent)}</div>
<div class="upper b">${segments(agencyHeaderName(doc.agencyName, doc.agencyParent))}</div>
<hr class="rule">
<div>Số: ${t(doc.number)}</div>
${!hasTitle && doc.subtitle ? `<div class="small">V/v ${t(doc.subtitle)}</div>` : ''}
</div>
<div class="nation">
<div class="b">${MOTTO_NATION}</div>
<div class="b">${MOTTO}</div>
<hr class="rule">
<div class="i">${t(formatPlaceDate(doc.place, doc.date))}</div>
</div>
</header>
${hasTitle ? `<div class="title"><h1 class="upper">${t(doc.title)}</h1>${doc.subtitle ? `<p>${t(doc.subtitle)}</p>` : ''}</div>` : ''}
${doc.addressee ? `<p class="addressee">Kính gửi: ${t(doc.addressee)}</p>` : ''}
<main class="body">
${doc.paragraphs
  .map((p, i) =>
    doc.markdown?.includes(i) ? `<div class="md">${renderSafeMarkdown(p)}</div>` : `<p>${t(p)}</p>`,
  )
  .join('\n')}
</main>
<footer class="foot">
<div class="recipients">${
    recipients.length
      ? `<strong>Nơi nhận:</strong><ul>${recipients.map((r) => `<li>- ${t(r)}</li>`).join('')}</ul>`
      : ''
  }</div>
<div class="signer">${doc.signerTitle
    .split(/\r?\n/)
    .map((l) => `<div class="upper b">${t(l)}</div>`)
    .join('')}<div class="name b">${t(doc.signerName)}</div></div>
</footer>
</body>
</html>
`;
}
