// The render version of the PDF cache is a fingerprint of the renderer's output: the same for the same input
// whenever it is rendered, different when what is drawn differs (issue 10, item 3).
import { afterEach, expect, it, vi } from 'vitest';

import type { OfficialDocument } from '~/domain/official-document';
import { pdfFingerprint } from '~/exports/pdf/cache.server';
import { renderOfficialPdf } from '~/exports/pdf/official-pdf.server';

const DOC: OfficialDocument = {
  agencyParent: 'ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN',
  agencyName: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  number: '12/TB-SKHCN',
  place: 'Tuy Hòa',
  date: '05/03/2026',
  title: 'THÔNG BÁO',
  subtitle: 'Về việc từ chối tiếp nhận phản ánh, kiến nghị',
  addressee: 'Ông/Bà Nguyễn Văn A',
  paragraphs: ['Sở Khoa học và Công nghệ đã nhận được phản ánh, kiến nghị của Ông/Bà.'],
  recipients: ['Như trên;', 'Lưu: VT.'],
  signerTitle: 'GIÁM ĐỐC',
  signerName: 'Trần Văn B',
};

afterEach(() => {
  vi.useRealTimers();
});

it('ignores the creation time and file id, and sees any change of what is drawn', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-05T01:02:03Z'));
  const a = await renderOfficialPdf(DOC);
  vi.setSystemTime(new Date('2027-11-20T10:20:30Z'));
  const b = await renderOfficialPdf(DOC);
  expect(a.equals(b)).toBe(false);
  expect(pdfFingerprint(a)).toBe(pdfFingerprint(b));
  expect(pdfFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);

  const changed = await renderOfficialPdf({ ...DOC, signerName: 'Trần Văn C' });
  expect(pdfFingerprint(changed)).not.toBe(pdfFingerprint(a));
});
