/**
 * How the agency block of an official document breaks into lines (Nghị định 30/2020/NĐ-CP, Phụ lục I): the name
 * of the parent agency and of the issuing agency are written in capitals, centred, and a line never breaks inside a
 * place name ('TỈNH PHÚ / YÊN') or in the middle of a phrase when a better break exists. Pure: the renderer passes
 * its own measure (PDF font metrics), the HTML page uses the segments with `display: inline-block`.
 */

/** Words that start the name of an administrative unit: a line may break before them, the name stays whole. */
const PLACE_WORDS = ['THÀNH PHỐ', 'THỊ XÃ', 'THỊ TRẤN', 'TỈNH', 'HUYỆN', 'QUẬN', 'PHƯỜNG', 'XÃ'];

const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);

/**
 * The pieces of a header line that should stay on one line when they can: 'ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN' →
 * ['ỦY BAN NHÂN DÂN', 'TỈNH PHÚ YÊN']. Case-insensitive; the text is returned as given.
 */
export function headerSegments(text: string): string[] {
  const ws = words(text.normalize('NFC'));
  const segments: string[][] = [];
  let current: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const rest = ws
      .slice(i, i + 2)
      .join(' ')
      .toLocaleUpperCase('vi');
    const startsPlace = PLACE_WORDS.some((p) => rest === p || rest.startsWith(`${p} `));
    // 'THỊ XÃ': the 'XÃ' inside it does not start another place
    const insidePlace = current.length > 0 && /^(THỊ|THÀNH)$/i.test(current[current.length - 1] ?? '');
    if (startsPlace && !insidePlace && current.length > 0 && i + 1 < ws.length) {
      segments.push(current);
      current = [];
    }
    current.push(ws[i] as string);
  }
  if (current.length) segments.push(current);
  return segments.map((s) => s.join(' '));
}

/** One segment too long for a line, broken at the word boundary that gives the most even lines. */
function balancedWrap(segment: string, maxWidth: number, measure: (s: string) => number): string[] {
  const ws = words(segment);
  for (let lines = 2; lines <= ws.length; lines++) {
    let best: { parts: string[]; widest: number } | null = null;
    const search = (start: number, left: number, acc: string[]) => {
      if (left === 1) {
        const parts = [...acc, ws.slice(start).join(' ')];
        const widest = Math.max(...parts.map(measure));
        if (widest <= maxWidth && (!best || widest < best.widest)) best = { parts, widest };
        return;
      }
      for (let end = start + 1; end <= ws.length - left + 1; end++) {
        search(end, left - 1, [...acc, ws.slice(start, end).join(' ')]);
      }
    };
    if (ws.length <= 12 || lines === 2) search(0, lines, []);
    const found = best as { parts: string[] } | null;
    if (found) return found.parts;
  }
  return ws;
}

/**
 * The lines of a header text at `maxWidth`: all on one line when it fits; otherwise the segments of
 * headerSegments, as many per line as fit; a segment that alone is too wide is broken evenly between words.
 */
export function wrapHeader(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const whole = words(text).join(' ');
  if (!whole) return [];
  if (measure(whole) <= maxWidth) return [whole];
  const lines: string[] = [];
  let line = '';
  for (const seg of headerSegments(whole)) {
    const joined = line ? `${line} ${seg}` : seg;
    if (measure(joined) <= maxWidth) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    if (measure(seg) <= maxWidth) line = seg;
    else {
      const parts = balancedWrap(seg, maxWidth, measure);
      lines.push(...parts.slice(0, -1));
      line = parts[parts.length - 1] ?? '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The issuing agency's name as written under its parent: the place it shares with the parent is not repeated
 * ('Sở Khoa học và Công nghệ tỉnh Phú Yên' under 'Ủy ban nhân dân tỉnh Phú Yên' → 'Sở Khoa học và Công nghệ').
 */
export function agencyHeaderName(agencyName: string, parentName: string): string {
  const name = words(agencyName.normalize('NFC')).join(' ');
  const parentSegs = headerSegments(parentName);
  const nameSegs = headerSegments(name);
  const place = parentSegs.length > 1 ? parentSegs[parentSegs.length - 1] : undefined;
  const last = nameSegs.length > 1 ? nameSegs[nameSegs.length - 1] : undefined;
  if (!place || !last || place.toLocaleLowerCase('vi') !== last.toLocaleLowerCase('vi')) return name;
  return nameSegs.slice(0, -1).join(' ');
}
