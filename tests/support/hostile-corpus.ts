// Hostile inputs for the security suite: payloads posted into every field of every form, malformed
// bodies, and the checks that a response neither failed (5xx) nor reflected a payload as live markup.

/** One payload per request; the suite rotates them across the fields of each form. */
export const PAYLOADS: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'xss-script', value: '<script>alert(1)</script>' },
  { name: 'xss-img-attr-break', value: '"><img src=x onerror=alert(1)>' },
  { name: 'xss-svg-single-quote', value: "'><svg/onload=alert(1)>" },
  { name: 'xss-close-textarea', value: '</textarea><script>alert(1)</script>' },
  { name: 'xss-close-title', value: '</title><script>alert(1)</script>' },
  { name: 'js-url', value: 'javascript:alert(1)' },
  { name: 'js-url-obfuscated', value: ' JaVaScRiPt:alert(1)//' },
  { name: 'entities', value: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;' },
  {
    name: 'markdown-links',
    value: '[x](javascript:alert(1)) ![y](x" onerror="alert(1)) <a href="javascript:alert(1)">z</a>',
  },
  { name: 'template', value: "{{constructor.constructor('alert(1)')()}} ${alert(1)} #{7*7}" },
  { name: 'sql-quote', value: "' OR '1'='1' --" },
  { name: 'sql-drop', value: '1; DROP TABLE pakn; --' },
  { name: 'sql-union', value: '" UNION SELECT password_hash FROM users --' },
  { name: 'fts-syntax', value: '"a" NEAR( b * ) OR ^c AND NOT -d : {e} "' },
  { name: 'like-wildcards', value: '%_\\%' },
  { name: 'path-unix', value: '../../../../etc/passwd' },
  { name: 'path-windows', value: '..\\..\\windows\\win.ini' },
  { name: 'path-encoded', value: '%2e%2e%2f%2e%2e%2fetc%2fpasswd%00.pdf' },
  { name: 'vi-nfc', value: 'Nguyễn Thị Hồng Đào – Phường 4, Tuy Hòa, Phú Yên' },
  { name: 'vi-nfd', value: 'Nguyễn Thị Hồng Đào – Phường 4, Tuy Hòa, Phú Yên'.normalize('NFD') },
  { name: 'zero-width', value: 'Ng\u200buy\u200cễ\u200dn\ufeff Th\u2060ị' },
  { name: 'rtl-override', value: '\u202eexe.fdp\u202c \u2067abc\u2069 \u200fđơn' },
  { name: 'emoji', value: '😀👨‍👩‍👧‍👦🇻🇳🏳️‍🌈 góp ý' },
  { name: 'control-chars', value: 'a\u0000b\u0007c\u001b[31md\u007f\u0085e' },
  { name: 'crlf', value: 'x\r\nSet-Cookie: pwned=1\r\n\r\n<h1 id=pwn>' },
  { name: 'crlf-path', value: '/can-bo\r\nSet-Cookie: pwned=1' },
  { name: 'control-path', value: '/can-bo/\u0001\u007f' },
  { name: 'open-redirect-tab', value: '/\t/evil.example' },
  { name: 'open-redirect-slashes', value: '//evil.example/%2f..' },
  { name: 'open-redirect-absolute', value: 'https://evil.example/' },
  { name: 'number-negative', value: '-1' },
  { name: 'number-huge', value: '99999999999999999999999999999' },
  { name: 'number-overflow', value: '1e309' },
  { name: 'number-nan', value: 'NaN' },
  { name: 'number-hex', value: '0x1F' },
  { name: 'date-impossible', value: '2026-02-30' },
  { name: 'date-far', value: '+275760-09-13' },
  { name: 'proto', value: '__proto__' },
  { name: 'lone-surrogate', value: 'a\ud83db' },
  { name: 'long-70k', value: 'Đ'.repeat(35_000) },
  { name: 'empty', value: '' },
  { name: 'spaces', value: '   \t  ' },
];

/** A 1 MB field (ASCII plus Vietnamese), posted once per form. */
export const ONE_MB = ('Phản ánh <b>x</b> ' as string)
  .repeat(Math.ceil((1024 * 1024) / 20))
  .slice(0, 1024 * 1024);

/**
 * Markup a payload would leave in the page if it were reflected without escaping: what the browser would
 * run, not the visible text. The page is read tag by tag with quoted attribute values kept whole, so an
 * escaped payload inside a value (value="&quot;&gt;&lt;img src=x onerror=…") is inert and matches nothing.
 */
const RAW: ReadonlyArray<[string, RegExp]> = [
  ['<script>alert(', /<script>alert\(/i],
  ['<img src=x onerror=', /<img src=x onerror=/i],
  ['<svg/onload=', /<svg\/onload=/i],
  ['<h1 id=pwn>', /<h1 id=pwn>/i],
];
const TAG = /<([a-zA-Z][\w:-]*)((?:\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/** The live-markup problems found in an HTML (or XML) body; `nonce` also flags every <script> without it. */
export function liveMarkup(body: string, nonce?: string): string[] {
  const found = RAW.filter(([, re]) => re.test(body)).map(([what]) => what);
  for (const m of body.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase();
    for (const a of (m[2] ?? '').matchAll(ATTR)) {
      const name = a[1]!.toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (name.startsWith('on') && /alert\(/.test(value)) found.push(`<${tag} ${name}=…alert(…>`);
      // browsers drop control characters and spaces before the scheme
      if (URL_ATTRS.has(name) && /^javascript:/i.test(value.replace(/[\u0000-\u0020]/g, '')))
        found.push(`<${tag} ${name}="javascript:…">`);
    }
    if (nonce && tag === 'script' && !m[0].includes(`nonce="${nonce}"`))
      found.push(`<script> without the nonce: ${m[0].slice(0, 80)}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Malformed bodies

export type RawBody = { name: string; contentType: string | null; body: string | Uint8Array<ArrayBuffer> };

/** Bodies that are not what the form expects: wrong content types, broken and truncated multipart. */
export function malformedBodies(fields: Record<string, string>): RawBody[] {
  const b = 'HostileBoundary7MA4YWxkTrZu0gW';
  const parts = Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const whole = `${parts}--${b}--\r\n`;
  return [
    { name: 'json', contentType: 'application/json', body: JSON.stringify(fields) },
    {
      name: 'xml',
      contentType: 'text/xml',
      body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    },
    { name: 'no content type', contentType: null, body: new URLSearchParams(fields).toString() },
    { name: 'text/plain', contentType: 'text/plain', body: 'intent=x\r\nnote=y' },
    {
      name: 'urlencoded broken escapes',
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=%E0%A4%A&b=%ZZ&%=%&&&=',
    },
    { name: 'multipart without boundary', contentType: 'multipart/form-data', body: whole },
    { name: 'multipart wrong boundary', contentType: 'multipart/form-data; boundary=Other', body: whole },
    {
      name: 'multipart truncated',
      contentType: `multipart/form-data; boundary=${b}`,
      body: whole.slice(0, Math.max(10, Math.floor(whole.length * 0.6))),
    },
    { name: 'multipart no closing boundary', contentType: `multipart/form-data; boundary=${b}`, body: parts },
    {
      name: 'multipart part without disposition',
      contentType: `multipart/form-data; boundary=${b}`,
      body: `--${b}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${b}--\r\n`,
    },
    {
      name: 'multipart traversal file name',
      contentType: `multipart/form-data; boundary=${b}`,
      body: `${parts}--${b}\r\nContent-Disposition: form-data; name="files"; filename="../../etc/passwd.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--${b}--\r\n`,
    },
    {
      name: 'multipart header flood',
      contentType: `multipart/form-data; boundary=${b}`,
      body: `--${b}\r\nContent-Disposition: form-data; name="x"\r\n${'X-Junk: ' + 'a'.repeat(20_000)}\r\n\r\nv\r\n--${b}--\r\n`,
    },
    {
      name: 'urlencoded but binary',
      contentType: 'application/x-www-form-urlencoded',
      body: new Uint8Array([0xff, 0xfe, 0x00, 0x3d, 0x26, 0xc3]),
    },
  ];
}

/** 5,000 fields (the form's own ones first, so the action gets past its first checks). */
export function manyFields(fields: Record<string, string>, n = 5000): URLSearchParams {
  const p = new URLSearchParams(fields);
  for (let i = 0; i < n; i += 1) p.append(`f${i}`, String(i));
  return p;
}

/** Every field twice, the second time with a payload. */
export function duplicatedFields(fields: Record<string, string>, payload: string): URLSearchParams {
  const p = new URLSearchParams(fields);
  for (const k of Object.keys(fields)) p.append(k, payload);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Forms as the browser sees them

export type ScrapedForm = {
  action: string;
  multipart: boolean;
  /** what the browser would send untouched (hidden fields, defaults, first choice of each group) */
  fields: Record<string, string>;
  /** names of the fields a person (or an attacker) fills in */
  names: string[];
  /** names of file inputs */
  files: string[];
};

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The POST forms of a page. A form with several named submit buttons (`intent`) gives one form per
 * button. `pageUrl` is the path the page was fetched at (a form without action posts back to it).
 */
export function scrapeForms(html: string, pageUrl: string): ScrapedForm[] {
  const out: ScrapedForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] ?? '';
    const inner = m[2] ?? '';
    if ((attr(`<f ${open}`, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = attr(`<f ${open}`, 'action') ?? pageUrl;
    const multipart = (attr(`<f ${open}`, 'enctype') ?? '').toLowerCase() === 'multipart/form-data';
    const fields: Record<string, string> = {};
    const names = new Set<string>();
    const files: string[] = [];
    const buttons: Array<[string, string]> = [];
    for (const t of inner.matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)) {
      const kind = t[1]!.toLowerCase();
      const tag = `<x ${t[2] ?? ''}>`;
      const name = attr(tag, 'name');
      if (!name) continue;
      if (kind === 'button') {
        buttons.push([name, attr(tag, 'value') ?? '']);
        continue;
      }
      if (kind === 'select') {
        const rest = inner.slice(t.index! + t[0].length);
        const body = rest.slice(0, rest.search(/<\/select>/i));
        const options = [...body.matchAll(/<option\b([^>]*)>/gi)].map((o) => `<x ${o[1] ?? ''}>`);
        const chosen = options.find((o) => /\sselected\b/i.test(o)) ?? options.find((o) => attr(o, 'value'));
        fields[name] ??= chosen ? (attr(chosen, 'value') ?? '') : '';
        names.add(name);
        continue;
      }
      if (kind === 'textarea') {
        const rest = inner.slice(t.index! + t[0].length);
        fields[name] ??= decodeEntities(rest.slice(0, rest.search(/<\/textarea>/i)));
        names.add(name);
        continue;
      }
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      const value = attr(tag, 'value') ?? '';
      if (type === 'file') {
        files.push(name);
        continue;
      }
      if (type === 'submit') {
        buttons.push([name, value]);
        continue;
      }
      if (type === 'checkbox' || type === 'radio') {
        if (/\schecked\b/i.test(tag) || (type === 'radio' && !(name in fields))) fields[name] = value || 'on';
        names.add(name);
        continue;
      }
      fields[name] ??= value;
      if (type !== 'hidden') names.add(name);
      else if (!['intent', 't'].includes(name)) names.add(name); // hidden ids and versions are fuzzed too
    }
    const variants = buttons.length ? buttons : [null];
    for (const b of variants) {
      const f = { ...fields };
      if (b) f[b[0]] = b[1];
      out.push({ action, multipart, fields: f, names: [...names], files });
    }
  }
  return out;
}

/** A multipart body with the given fields and files. */
export function multipartOf(
  fields: Record<string, string>,
  files: Array<{ field: string; name: string; data: Uint8Array; type?: string }> = [],
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files)
    form.append(
      f.field,
      new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  return form;
}

/**
 * The machine interfaces (issue 14), swept by tests/integration/api-hostile.test.ts: each GET with every payload
 * in each query parameter and path segment, each POST with every payload in each field.
 */
export const API_GET_ENDPOINTS: ReadonlyArray<{ path: string; params: readonly string[] }> = [
  { path: '/open311/v2/discovery.json', params: ['jurisdiction_id', 'api_key'] },
  { path: '/open311/v2/services.xml', params: ['jurisdiction_id', 'api_key'] },
  { path: '/open311/v2/services/{}.json', params: ['api_key'] },
  {
    path: '/open311/v2/requests.json',
    params: ['service_request_id', 'service_code', 'status', 'start_date', 'end_date', 'api_key'],
  },
  { path: '/open311/v2/requests.xml', params: ['service_request_id', 'service_code', 'start_date'] },
  { path: '/open311/v2/requests/{}.json', params: ['api_key'] },
  { path: '/open311/v2/requests/{}.xml', params: [] },
  { path: '/api/v1/pakn/{}', params: [] },
  { path: '/api/v1/changes', params: ['cursor', 'limit'] },
  { path: '/api/v1/queue', params: ['cursor', 'limit'] },
  { path: '/api/v1/fields', params: [] },
];

/** The JSON bodies of /api/v1 posts: every payload goes into each of these fields in turn. */
export const API_JSON_POSTS: ReadonlyArray<{ path: string; fields: readonly string[] }> = [
  {
    path: '/api/v1/pakn',
    fields: [
      'type',
      'subject',
      'category',
      'submitterKind',
      'fullName',
      'address',
      'phone',
      'email',
      'title',
      'content',
      'field',
      'consent',
    ],
  },
  {
    path: '/api/v1/intake',
    fields: ['channel', 'receivedDate', 'fullName', 'phone', 'title', 'content', 'field'],
  },
];

export const OPEN311_POST_FIELDS: readonly string[] = [
  'service_code',
  'first_name',
  'last_name',
  'email',
  'phone',
  'description',
  'media_url',
  'attribute[type]',
  'attribute[subject]',
  'attribute[category]',
  'attribute[submitter_kind]',
  'attribute[org_name]',
  'attribute[representative]',
  'attribute[address]',
  'attribute[title]',
  'attribute[regulation_ref]',
  'attribute[consent]',
  'attribute[show_identity]',
  'attribute[{}]',
  'lat',
  'long',
  'address_string',
];
