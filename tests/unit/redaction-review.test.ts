// The publication review, pure: flags keyed by place, kind and text; grouped with their contexts; decisions read
// from the form; the redaction of texts and file names; the final pass; the withdrawal reason.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTION_MARKER_VI } from '../../app/domain/redaction';
import {
  checkWithdrawReason,
  countDecisions,
  extensionOf,
  flagKey,
  groupFlags,
  leavesUndismissed,
  neutralName,
  readDecisions,
  redact,
  REASON_MAX,
  reviewTexts,
  snippet,
  type Decision,
  type PublicTexts,
  type ReviewContext,
} from '../../app/domain/redaction-review';
import { sha1Hex } from '../../app/domain/sha1';

const ctx: ReviewContext = {
  submitterName: 'Nguyễn Thị Hồng Đào',
  submitterAddress: 'Số 12 ngõ 34 phố Trần Hưng Đạo, Hà Nội',
  orgName: null,
  representative: null,
  allowedContacts: ['0257 3842 123'],
};

const texts = (over: Partial<PublicTexts> = {}): PublicTexts => ({
  title: 'Thủ tục cấp phép',
  summary: 'Bà Nguyễn Thị Hồng Đào, điện thoại 0912 345 678, đề nghị sửa quy định.',
  answer: 'Sở trả lời: liên hệ 0257 3842 123 hoặc 0912 345 678.',
  ...over,
});

describe('sha1Hex', () => {
  it('is node’s SHA-1 of the UTF-8 bytes, at every padding boundary', () => {
    for (const s of [
      '',
      'abc',
      'Nguyễn Thị Hồng Đào',
      'x'.repeat(55),
      'y'.repeat(56),
      'z'.repeat(64),
      'đ'.repeat(500),
    ]) {
      expect(sha1Hex(s)).toBe(createHash('sha1').update(s).digest('hex'));
    }
  });
});

describe('flags', () => {
  it('keys a flag by where, what kind and what text (12 hex digits, stable)', () => {
    expect(flagKey('summary', 'phone', '0912 345 678')).toMatch(/^[0-9a-f]{12}$/);
    expect(flagKey('summary', 'phone', '0912 345 678')).toBe(flagKey('summary', 'phone', '0912 345 678'));
    expect(flagKey('answer', 'phone', '0912 345 678')).not.toBe(flagKey('summary', 'phone', '0912 345 678'));
  });

  it('finds the submitter’s data in the texts and file names, not the agency’s own phone, one group per key', () => {
    const r = reviewTexts({
      texts: texts(),
      files: [{ id: 7, name: 'don-Nguyen-Thi-Hong-Dao.pdf' }],
      renderedAnswer: texts().answer,
      ctx,
    });
    expect(r.answerError).toBeNull();
    const found = r.groups.map((g) => `${g.source}:${g.kind}:${g.text}`);
    expect(found).toContain('summary:phone:0912 345 678');
    expect(found).toContain('answer:phone:0912 345 678');
    expect(found).toContain('summary:name:Nguyễn Thị Hồng Đào');
    expect(found.some((f) => f.includes('3842'))).toBe(false);
    for (const g of r.groups) expect(g.key).toBe(flagKey(g.source, g.kind, g.text));
  });

  it('counts repeated occurrences in one group with up to three contexts', () => {
    const summary = Array.from({ length: 5 }, () => 'gọi 0912 345 678.').join(' ');
    const r = reviewTexts({ texts: texts({ summary }), files: [], renderedAnswer: '', ctx });
    const g = r.groups.find((x) => x.source === 'summary' && x.kind === 'phone')!;
    expect(g.count).toBe(5);
    expect(g.contexts).toHaveLength(3);
    expect(g.contexts[0]!.match).toBe('0912 345 678');
  });

  it('reports data the Markdown source hides but the rendered answer shows', () => {
    const answer = 'Gọi 0912\\.345\\.678';
    const r = reviewTexts({ texts: texts({ answer }), files: [], renderedAnswer: 'Gọi 0912.345.678', ctx });
    expect(r.answerError).toBe('publish.errors.hiddenInFormatting|0912.345.678');
  });

  it('cuts snippets at word boundaries and keeps them on one line', () => {
    const text = `${'mở đầu '.repeat(12)}0912 345 678\n${' kết thúc'.repeat(12)}`;
    const start = text.indexOf('0912');
    const s = snippet(text, start, start + 12);
    expect(s.match).toBe('0912 345 678');
    expect(s.before.startsWith('…')).toBe(true);
    expect(s.after.endsWith('…')).toBe(true);
    expect(s.after).not.toContain('\n');
  });

  it('groups an unknown source with an empty context rather than failing', () => {
    const g = groupFlags(
      [{ key: 'k', kind: 'phone', start: 0, end: 0, text: 'x', source: 'other' }],
      texts(),
    );
    expect(g[0]!.contexts[0]).toEqual({ before: '', match: '', after: '' });
  });
});

describe('decisions', () => {
  const groups = reviewTexts({ texts: texts(), files: [], renderedAnswer: '', ctx }).groups;
  const [a, b, c] = groups;

  it('needs a decision for every flag and a reason to keep one', () => {
    const { decisions, errors } = readDecisions(
      { [`d_${a!.key}`]: 'redact', [`d_${b!.key}`]: 'dismiss', [`r_${b!.key}`]: '  ' },
      groups,
    );
    expect(decisions.get(a!.key)).toEqual({ decision: 'redact', reason: '' });
    expect(errors).toContainEqual({ key: b!.key, error: 'reasonRequired' });
    expect(errors).toContainEqual({ key: c!.key, error: 'undecided' });
  });

  it('refuses a reason over REASON_MAX and drops the reason of a redaction', () => {
    const { decisions, errors } = readDecisions(
      {
        [`d_${a!.key}`]: 'redact',
        [`r_${a!.key}`]: 'ignored',
        [`d_${b!.key}`]: 'dismiss',
        [`r_${b!.key}`]: 'x'.repeat(REASON_MAX + 1),
      },
      groups.slice(0, 2),
    );
    expect(decisions.get(a!.key)!.reason).toBe('');
    expect(errors).toEqual([{ key: b!.key, error: 'reasonTooLong' }]);
  });

  it('counts decisions by kind', () => {
    const d = new Map<string, Decision>([
      ['1', { decision: 'redact', reason: '' }],
      ['2', { decision: 'dismiss', reason: 'r' }],
      ['3', { decision: 'redact', reason: '' }],
    ]);
    expect(countDecisions(d, 'redact')).toBe(2);
    expect(countDecisions(d, 'dismiss')).toBe(1);
  });
});

describe('redaction and the final pass', () => {
  const files = [{ id: 3, name: 'Nguyễn Thị Hồng Đào.PDF' }];
  const r = reviewTexts({ texts: texts(), files, renderedAnswer: texts().answer, ctx });
  const all = (decision: Decision['decision']) =>
    new Map<string, Decision>(
      r.groups.map((g) => [g.key, { decision, reason: decision === 'dismiss' ? 'ok' : '' }]),
    );

  it('replaces what is redacted by the marker and gives a flagged file a neutral name with its extension', () => {
    const out = redact(texts(), files, r.flags, all('redact'));
    expect(out.texts.summary).toContain(REDACTION_MARKER_VI);
    expect(out.texts.summary).not.toContain('0912');
    expect(out.texts.answer).toContain('0257 3842 123');
    expect(out.files).toEqual([{ id: 3, name: 'tai-lieu-1.pdf' }]);
    expect(
      leavesUndismissed({ ...out, renderedAnswer: out.texts.answer, ctx, decisions: all('redact') }),
    ).toBe(false);
  });

  it('keeps what is dismissed, and the final pass accepts it; anything undecided fails it', () => {
    const out = redact(texts(), files, r.flags, all('dismiss'));
    expect(out.texts).toEqual(texts());
    expect(
      leavesUndismissed({ ...out, renderedAnswer: out.texts.answer, ctx, decisions: all('dismiss') }),
    ).toBe(false);
    expect(leavesUndismissed({ ...out, renderedAnswer: out.texts.answer, ctx, decisions: new Map() })).toBe(
      true,
    );
  });

  it('finds data the rendered answer shows in the final pass', () => {
    const clean = texts({ summary: 'Không có gì.', answer: 'Gọi 0912\\.345\\.678' });
    expect(
      leavesUndismissed({
        texts: clean,
        files: [],
        renderedAnswer: 'Gọi 0912.345.678',
        ctx,
        decisions: new Map(),
      }),
    ).toBe(true);
  });

  it('names neutral files uniquely and reads extensions as node does', () => {
    const taken = new Set(['tai-lieu-1.pdf']);
    expect(neutralName('a.pdf', taken)).toBe('tai-lieu-2.pdf');
    expect(neutralName('b.pdf', taken)).toBe('tai-lieu-3.pdf');
    expect(neutralName('no extension', taken)).toBe('tai-lieu-1');
    for (const name of ['a.PDF', '.env', 'a.', 'a..b', '..', '.', 'x/y.docx', 'a.b.c', 'noext', 'tệp.jpg']) {
      expect(extensionOf(name), name).toBe(path.extname(name));
    }
  });
});

describe('the withdrawal reason', () => {
  it('is required, limited and free of personal data', () => {
    expect(checkWithdrawReason('  ', ctx)).toEqual({ ok: false, error: 'staff.errors.required' });
    expect(checkWithdrawReason('x'.repeat(REASON_MAX + 1), ctx)).toEqual({
      ok: false,
      error: `staff.errors.tooLong|${REASON_MAX}`,
    });
    expect(checkWithdrawReason('Gọi 0912 345 678', ctx)).toEqual({
      ok: false,
      error: 'publish.errors.reasonHasPii|0912 345 678',
    });
    expect(checkWithdrawReason('  Nội dung trả lời được cập nhật. ', ctx)).toEqual({
      ok: true,
      reason: 'Nội dung trả lời được cập nhật.',
    });
  });
});
