/**
 * The Markdown subset staff may use in answers and public texts: paragraphs, line breaks (a single newline is a
 * break), **bold**, *italic*, ordered and unordered lists, headings (#–### → h3, ####–###### → h4, since the page
 * already owns h1/h2) and links to http(s) and mailto only (rel="nofollow noopener"); bare http(s) URLs are linked.
 * Everything else is shown as typed text: raw HTML is escaped, images, tables, code blocks, block quotes and
 * reference links are not parsed, and a link with any other scheme (javascript:, data:, relative…) stays literal.
 * Bidi embedding/override/isolate controls are removed so a pasted U+202E cannot reorder what follows it;
 * zero-width characters and RLM/LRM marks stay (they are inert in HTML).
 * Very long words are kept intact: the container should set `overflow-wrap: anywhere`.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
// C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function clean(src: string): string {
  return src.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '');
}

function createMd(): MarkdownIt {
  const md = new MarkdownIt('zero', { html: false, breaks: true, linkify: true, typographer: false });
  md.enable(['linkify']) // core
    .enable(['list', 'heading']) // block
    .enable(['newline', 'escape', 'emphasis', 'link', 'autolink', 'entity', 'linkify']); // inline
  md.validateLink = (url: string) => SAFE_URL.test(url.trim());
  // linkify also finds bare domains and e-mail addresses; only full http(s) URLs become links
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

  md.core.ruler.after('block', 'pakn_heading_levels', (state) => {
    for (const t of state.tokens) {
      if (t.type === 'heading_open' || t.type === 'heading_close') {
        t.tag = Number(t.tag.slice(1)) <= 3 ? 'h3' : 'h4';
      }
    }
  });

  // validateLink lets an empty destination through ('[x]()' → href=""): such links keep only their label;
  // a link without a label ('[](https://…)') shows its URL
  md.core.ruler.push('pakn_drop_unsafe_links', (state) => {
    for (const block of state.tokens) {
      let dropping = false;
      const children = block.children ?? [];
      for (const [i, t] of children.entries()) {
        const href = t.type === 'link_open' ? (t.attrGet('href') ?? '') : '';
        if (t.type === 'link_open' && !SAFE_URL.test(href)) {
          dropping = true;
          Object.assign(t, { type: 'text', tag: '', nesting: 0, attrs: null, content: '' });
        } else if (t.type === 'link_open' && children[i + 1]?.type === 'link_close') {
          const label = new state.Token('text', '', 0);
          label.content = href.replace(/^mailto:/i, '');
          children.splice(i + 1, 0, label);
        } else if (t.type === 'link_close' && dropping) {
          dropping = false;
          Object.assign(t, { type: 'text', tag: '', nesting: 0, content: '' });
        }
      }
    }
  });

  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const t = tokens[idx] as Token;
    t.attrSet('rel', 'nofollow noopener');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const md = createMd();

export function renderSafeMarkdown(src: string): string {
  return md.render(clean(src));
}

/** Plain text for e-mails and feeds: paragraphs separated by a blank line, list items prefixed, links as 'text (url)'. */
export function markdownToPlainText(src: string): string {
  const tokens = md.parse(clean(src), {});
  // list: the outermost list a block belongs to, so items of one list sit on consecutive lines
  const blocks: { text: string; list: number | null }[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let listSeq = 0;
  let pendingPrefix = '';
  let current = '';

  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
        if (lists.length === 0) listSeq++;
        lists.push({ ordered: false, n: 0 });
        break;
      case 'ordered_list_open':
        if (lists.length === 0) listSeq++;
        lists.push({ ordered: true, n: Number(t.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1];
        if (l) {
          l.n++;
          pendingPrefix = '  '.repeat(lists.length - 1) + (l.ordered ? `${l.n}. ` : '- ');
        }
        break;
      }
      case 'inline': {
        const text = inlineText(t.children ?? []);
        const indent = lists.length > 0 ? '  '.repeat(lists.length) : '';
        const prefix = pendingPrefix || indent;
        pendingPrefix = '';
        current = prefix + text.replace(/\n/g, `\n${indent}`);
        break;
      }
      case 'paragraph_close':
      case 'heading_close':
        if (current) blocks.push({ text: current, list: lists.length > 0 ? listSeq : null });
        current = '';
        break;
      default:
        break;
    }
  }
  let out = '';
  blocks.forEach((b, i) => {
    const prev = blocks[i - 1];
    if (prev) out += b.list !== null && b.list === prev.list ? '\n' : '\n\n';
    out += b.text;
  });
  return out.trim();
}

function inlineText(children: readonly Token[]): string {
  let s = '';
  const hrefs: (string | null)[] = [];
  let linkStart = 0;
  for (const c of children) {
    if (c.type === 'text' || c.type === 'code_inline') s += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') s += '\n';
    else if (c.type === 'link_open') {
      hrefs.push(c.attrGet('href'));
      linkStart = s.length;
    } else if (c.type === 'link_close') {
      const href = hrefs.pop();
      const label = s.slice(linkStart);
      if (href) {
        const shown = href.replace(/^mailto:/i, '');
        if (label !== shown && label !== href) s += ` (${shown})`;
      }
    }
  }
  return s;
}

/** A run of inline text with its emphasis, for renderers that draw text themselves (the PDF documents). */
export type MarkdownRun = { text: string; bold: boolean; italic: boolean };
/**
 * A block of the safe subset: a paragraph, a heading, or a list item (`marker` '-' or '3.', `depth` from 0). A
 * second paragraph inside a list item has an empty marker. Line breaks are '\n' inside a run; links are their label
 * followed by ' (url)' as in markdownToPlainText.
 */
export type MarkdownBlock =
  | { kind: 'paragraph' | 'heading'; runs: MarkdownRun[] }
  | { kind: 'item'; marker: string; depth: number; runs: MarkdownRun[] };

export function markdownBlocks(src: string): MarkdownBlock[] {
  const tokens = md.parse(clean(src), {});
  const blocks: MarkdownBlock[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let pendingMarker: string | null = null;
  let heading = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, n: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, n: Number(t.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1];
        if (l) {
          l.n++;
          pendingMarker = l.ordered ? `${l.n}.` : '-';
        }
        break;
      }
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'inline': {
        const runs = inlineRuns(t.children ?? []);
        if (lists.length > 0) {
          blocks.push({ kind: 'item', marker: pendingMarker ?? '', depth: lists.length - 1, runs });
          pendingMarker = null;
        } else {
          blocks.push({ kind: heading ? 'heading' : 'paragraph', runs });
        }
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

function inlineRuns(children: readonly Token[]): MarkdownRun[] {
  const runs: MarkdownRun[] = [];
  let bold = 0;
  let italic = 0;
  const hrefs: (string | null)[] = [];
  let label = '';
  const push = (text: string) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    const b = bold > 0;
    const i = italic > 0;
    if (last && last.bold === b && last.italic === i) last.text += text;
    else runs.push({ text, bold: b, italic: i });
  };
  for (const c of children) {
    switch (c.type) {
      case 'text':
      case 'code_inline':
        push(c.content);
        label += c.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open':
        hrefs.push(c.attrGet('href'));
        label = '';
        break;
      case 'link_close': {
        const href = hrefs.pop();
        if (href) {
          const shown = href.replace(/^mailto:/i, '');
          if (label !== shown && label !== href) push(` (${shown})`);
        }
        break;
      }
      default:
        break;
    }
  }
  return runs;
}
