// One way of addressing the submitter everywhere: 'Ông/Bà <name>' / 'Ông/Bà' for a person, '<organisation>' /
// 'Quý tổ chức' for an organisation — in the receipt e-mail, every status e-mail and every document.
import { describe, expect, it } from 'vitest';

import { buildDocument, DOCUMENT_TYPES, type DocumentInput } from '~/domain/document-templates';
import { salutation } from '~/domain/salutation';
import { renderReceiptEmail, renderStatusEmail, type StatusEmailData } from '~emails';

const org = {
  kind: 'organisation',
  fullName: 'Trần Văn Bình',
  orgName: 'Công ty TNHH Công nghệ Xanh',
} as const;
const person = { kind: 'individual', fullName: 'Nguyễn Văn An', orgName: null } as const;
const agency = {
  name: 'Sở Khoa học và Công nghệ tỉnh Phú Yên',
  address: 'Số 08 Trần Phú',
  hotline: '0257 3842 124',
  email: 'pakn@skhcn.phuyen.gov.vn',
  officeHours: '7:00–17:00',
};

describe('salutation', () => {
  it('a person is Ông/Bà, an organisation Quý tổ chức, by its name', () => {
    expect(salutation(person, 'vi')).toEqual({ you: 'Ông/Bà', addressee: 'Ông/Bà Nguyễn Văn An' });
    expect(salutation(org, 'vi')).toEqual({ you: 'Quý tổ chức', addressee: 'Công ty TNHH Công nghệ Xanh' });
    expect(salutation({ ...org, orgName: ' ' }, 'vi').addressee).toBe('Trần Văn Bình');
    expect(salutation(org, 'en')).toEqual({ you: 'you', addressee: 'Công ty TNHH Công nghệ Xanh' });
    expect(salutation(person, 'en')).toEqual({ you: 'you', addressee: 'Nguyễn Văn An' });
  });
});

describe('an organisation is addressed the same way in e-mails and documents', () => {
  const receipt = renderReceiptEmail({
    locale: 'vi',
    code: 'KHCN-2026-000042',
    title: 'Thủ tục',
    submitter: org,
    receivedDate: '10/02/2026',
    dueDate: '03/03/2026',
    dueExplanation: '15 ngày làm việc',
    followUrl: 'https://pakn.example.gov.vn/theo-doi/truy-cap/abc',
    lookupUrl: 'https://pakn.example.gov.vn/theo-doi',
    agency,
  });

  it('the receipt e-mail', () => {
    for (const part of [receipt.text, receipt.html, receipt.subject]) {
      expect(part).not.toContain('Ông/Bà');
      expect(part).not.toContain('{{');
    }
    expect(receipt.text).toContain('Kính gửi Công ty TNHH Công nghệ Xanh,');
    expect(receipt.text).toContain('phản ánh, kiến nghị của Quý tổ chức');
    // a person keeps Ông/Bà
    const mine = renderReceiptEmail({
      locale: 'vi',
      code: 'KHCN-2026-000042',
      title: 'Thủ tục',
      submitter: person,
      receivedDate: '10/02/2026',
      dueDate: '03/03/2026',
      dueExplanation: '15 ngày làm việc',
      followUrl: 'https://pakn.example.gov.vn/theo-doi/truy-cap/abc',
      lookupUrl: 'https://pakn.example.gov.vn/theo-doi',
      agency,
    });
    expect(mine.text).toContain('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(renderReceiptEmail({ ...receiptData(), locale: 'en' }).text).toContain(
      'Dear Công ty TNHH Công nghệ Xanh,',
    );
  });

  function receiptData() {
    return {
      locale: 'vi' as const,
      code: 'KHCN-2026-000042',
      title: 'Thủ tục',
      submitter: org,
      receivedDate: '10/02/2026',
      dueDate: '03/03/2026',
      dueExplanation: '15 ngày làm việc',
      followUrl: 'https://pakn.example.gov.vn/theo-doi/truy-cap/abc',
      lookupUrl: 'https://pakn.example.gov.vn/theo-doi',
      agency,
    };
  }

  const common = {
    locale: 'vi' as const,
    code: 'KHCN-2026-000042',
    title: 'Thủ tục',
    submitter: org,
    agency,
    lookupUrl: 'https://pakn.example.gov.vn/theo-doi',
    note: 'Ghi chú',
  };
  const steps: StatusEmailData[] = [
    { ...common, step: 'refused', reason: { code: 'R03', label: 'không rõ', guidance: 'Gửi lại.' } },
    { ...common, step: 'transferred', target: { name: 'Sở Xây dựng', address: '', email: '' } },
    { ...common, step: 'forwarded', target: null },
    { ...common, step: 'duplicate', originalCode: null },
    { ...common, step: 'assigned', unitName: 'Phòng A', dueDate: '03/03/2026', dueExplanation: 'x' },
    { ...common, step: 'reassigned', unitName: 'Phòng A', dueDate: '03/03/2026', dueExplanation: 'x' },
    { ...common, step: 'info_requested', infoWaitDays: 15 },
    { ...common, step: 'extended', newDate: '16/03/2026', dueExplanation: 'x' },
    {
      ...common,
      step: 'answered',
      answerBody: 'Trả lời.',
      outcomeLabel: null,
      ratingUrl: 'https://pakn.example.gov.vn/danh-gia/1',
      publicUrl: 'https://pakn.example.gov.vn/cong-khai/KHCN-2026-000042',
    },
    { ...common, step: 'closed_no_info' },
    {
      ...common,
      step: 'progress',
      dueDate: '03/03/2026',
      statusLabel: 'Đang xử lý',
      unitName: null,
      everyDays: 7,
    },
  ];
  for (const d of steps) {
    it(`the ${d.step} e-mail`, () => {
      const m = renderStatusEmail(d);
      for (const part of [m.text, m.html, m.subject]) {
        expect(part).not.toContain('Ông/Bà');
        expect(part).not.toContain('{{');
      }
      expect(m.text).toContain('Kính gửi Công ty TNHH Công nghệ Xanh,');
    });
  }

  it('every document', () => {
    for (const type of DOCUMENT_TYPES) {
      const input = {
        refusal: { type, reason: 'R03', note: null },
        info_request: {
          type,
          question: 'Câu hỏi',
          waitDays: 15,
          waitUnit: 'calendar',
          waitUntil: '2026-03-17',
        },
        late_apology: { type, reason: 'Lý do', previousDue: '2026-03-02', newDue: '2026-03-16' },
        transfer: { type, target: { name: 'Sở Xây dựng' }, note: null },
        reply_cover: { type, answerBody: 'Trả lời.', outcome: 'amend', publicUrl: null },
      }[type] as DocumentInput;
      const d = buildDocument(
        {
          number: '01/TB-SKHCN',
          issuedDate: '2026-03-02',
          agency: {
            ...agency,
            parentName: 'Ủy ban nhân dân tỉnh Phú Yên',
            province: 'Phú Yên',
            signerTitle: 'GIÁM ĐỐC',
            signerName: 'A',
          },
          pakn: { code: 'KHCN-2026-000042', title: 'Thủ tục', receivedDate: '2026-02-10' },
          submitter: { ...org, representative: 'Trần Văn Bình', address: '45 Lê Lợi' },
          followUrl: 'https://pakn.example.gov.vn/theo-doi',
        },
        input,
      );
      expect([...d.paragraphs, d.addressee, ...(d.recipients ?? [])].join('\n'), type).not.toContain(
        'Ông/Bà',
      );
      expect(d.addressee, type).toBe(
        type === 'transfer'
          ? 'Sở Xây dựng'
          : 'Công ty TNHH Công nghệ Xanh (người đại diện: Trần Văn Bình; địa chỉ: 45 Lê Lợi)',
      );
    }
  });
});
