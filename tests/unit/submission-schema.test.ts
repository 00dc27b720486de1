import { describe, expect, it } from 'vitest';

import { categoriesForChoice, formatPaknCode, normaliseCode, PAKN_CODE_PATTERN } from '~/domain/pakn';
import { submissionSchema } from '~/domain/submission-schema';
import { cleanText, normalisePhone } from '~/domain/text';

const valid = {
  type: 'phan_anh',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  orgName: '',
  representative: '',
  fullName: '  Lê   Thị Đào ',
  address: '12 Lê Lợi, Tuy Hòa',
  phone: '0912 345 678',
  email: 'Dao@Example.vn',
  title: 'Thủ tục cấp phép bức xạ quá nhiều giấy tờ',
  content: 'Nội dung phản ánh đủ dài để xử lý, nêu rõ vướng mắc khi thực hiện thủ tục.',
  regulationRef: '',
  field: 'unknown',
  consent: 'on',
};

const errorsOf = (input: Record<string, unknown>) => {
  const r = submissionSchema.safeParse(input);
  return r.success ? {} : r.error.flatten().fieldErrors;
};

describe('submission schema', () => {
  it('accepts a valid PAKN and normalises it', () => {
    const r = submissionSchema.parse(valid);
    expect(r.fullName).toBe('Lê Thị Đào');
    expect(r.phone).toBe('0912345678');
    expect(r.email).toBe('dao@example.vn');
    expect(r.category).toBe(2);
    expect(r.showIdentity).toBe(false);
  });

  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(0257) 3 842 123', '02573842123'],
    ['0257.3842.123', '02573842123'],
    ['091234567', null],
    ['0112345678', null],
    ['abc', null],
    // overseas Vietnamese and foreigners: international numbers kept in E.164
    ['+1 202 555 0100', '+12025550100'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33.6.12.34.56.78', '+33612345678'],
    ['+49-30-1234-5678', '+493012345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+84 112 345 678', null],
    ['+0 123 456 789', null],
    ['+1 234', null],
    ['+1234567890123456', null],
  ])('phone %s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('accepts a foreign phone number on the form', () => {
    const r = submissionSchema.parse({ ...valid, phone: '+33 6 12 34 56 78' });
    expect(r.phone).toBe('+33612345678');
  });

  it('requires every mandatory field with its own message', () => {
    expect(errorsOf({})).toMatchObject({
      type: ['type'],
      subject: ['subject'],
      submitterKind: ['submitterKind'],
      fullName: ['fullName'],
      phone: ['phone'],
      email: ['email'],
      title: ['title'],
      content: ['content'],
      field: ['field'],
      consent: ['consent'],
    });
  });

  it('refuses a category that does not match the subject or the type, saying which', () => {
    expect(errorsOf({ ...valid, subject: 'behaviour', category: '2' }).category).toEqual([
      'categoryNotBehaviour',
    ]);
    expect(errorsOf({ ...valid, subject: 'regulation', category: '1' }).category).toEqual([
      'categoryNotRegulation',
    ]);
    // a proposed fix (7) or an initiative (8) is by definition a kiến nghị (spec §2)
    expect(errorsOf({ ...valid, type: 'phan_anh', category: '8' }).category).toEqual([
      'categoryNeedsPetition',
    ]);
    expect(errorsOf({ ...valid, type: 'kien_nghi', category: '7' })).toEqual({});
    expect(categoriesForChoice('phan_anh', 'regulation')).toEqual([2, 3, 4, 5, 6]);
    expect(categoriesForChoice('kien_nghi', 'regulation')).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(categoriesForChoice('kien_nghi', 'behaviour')).toEqual([1]);
    expect(errorsOf({ ...valid, subject: 'behaviour', category: '1' })).toEqual({});
    expect(errorsOf({ ...valid, category: '9' }).category?.[0]).toBe('category');
  });

  it('needs the organisation and its representative for an organisation', () => {
    expect(errorsOf({ ...valid, submitterKind: 'organisation' })).toMatchObject({
      orgName: ['orgName'],
      representative: ['representative'],
    });
  });

  it('limits lengths and rejects too-short texts', () => {
    expect(errorsOf({ ...valid, title: 'ngắn' }).title).toEqual(['titleShort|10']);
    expect(errorsOf({ ...valid, content: 'x'.repeat(10_001) }).content).toEqual(['tooLong|10000']);
    expect(errorsOf({ ...valid, fullName: 'x'.repeat(121) }).fullName).toEqual(['tooLong|120']);
    expect(errorsOf({ ...valid, email: 'not-mail' }).email).toEqual(['emailInvalid']);
    expect(errorsOf({ ...valid, field: '../1' }).field).toEqual(['field']);
  });

  it('keeps Vietnamese as typed in NFC and strips control characters', () => {
    const nfd = 'Nguyễn Đức Thắng'.normalize('NFD');
    expect(submissionSchema.parse({ ...valid, fullName: nfd }).fullName).toBe(
      'Nguyễn Đức Thắng'.normalize('NFC'),
    );
    expect(cleanText('a\u0000b\r\nc\u0007')).toBe('ab\nc');
    // zero-width and RTL marks are kept: escaping makes them inert, removing them could change a name
    expect(cleanText('a\u200bb\u202ec')).toBe('a\u200bb\u202ec');
  });
});

describe('codes', () => {
  it('formats the agency prefix, year and a six-digit sequence', () => {
    expect(formatPaknCode('KHCN', 2026, 42)).toBe('KHCN-2026-000042');
    expect(formatPaknCode('KHCN', 2026, 1_234_567)).toBe('KHCN-2026-1234567');
    expect(PAKN_CODE_PATTERN.test('KHCN-2026-000042')).toBe(true);
    expect(normaliseCode(' khcn-2026-000042 ')).toBe('KHCN-2026-000042');
    for (const typed of [
      'KHCN 2026 000042',
      'khcn 2026 000042',
      'KHCN2026000042',
      'khcn-2026000042',
      'KHCN.2026.000042',
      'KHCN – 2026 – 000042',
    ]) {
      expect(normaliseCode(typed), typed).toBe('KHCN-2026-000042');
    }
    // a prefix with digits keeps working when typed with separators
    expect(normaliseCode('hn1 2026 000042')).toBe('HN1-2026-000042');
    // control characters are dropped: never part of a code, and PostgreSQL refuses NUL in text
    expect(normaliseCode('KHCN-2026-\u0000000042')).toBe('KHCN-2026-000042');
    expect(normaliseCode('a\u0000b\u0007c\u001b[31md\u007f\u0085e')).toBe('ABC[31MDE');
  });
});
