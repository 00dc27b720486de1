import { describe, expect, it } from 'vitest';

import { staffIntakeSchema } from '~/domain/staff-intake';
import { parseForm } from '~/utils/forms';

const TODAY = '2026-12-04';
const GOOD = {
  channel: 'post',
  receivedDate: '2026-12-01',
  type: 'phan_anh',
  subject: 'regulation',
  category: '2',
  title: 'Thủ tục cấp phép',
  content: 'Nội dung thư gửi qua bưu điện.',
  field: 'unknown',
  submitterKind: 'individual',
  fullName: 'Nguyễn Văn Bình',
  address: '12 Lê Lợi, Huế',
};
const form = (values: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
  return f;
};
const errorsOf = (values: Record<string, string | string[]>) => {
  const sent = parseForm(form(values), staffIntakeSchema(TODAY, '2020-01-01'));
  return sent.status === 'error' ? sent.error : null;
};

describe('the staff intake form', () => {
  it('accepts a letter with an address and no phone, consent unticked', () => {
    const sent = parseForm(form(GOOD), staffIntakeSchema(TODAY, '2020-01-01'));
    expect(sent.status).toBe('success');
    if (sent.status === 'success')
      expect(sent.value).toMatchObject({ category: 2, consent: false, phone: '' });
  });

  it('names every problem at once, the rules across fields too', () => {
    const errors = errorsOf({ ...GOOD, channel: 'online', receivedDate: '2999-01-01', address: '' });
    expect(errors).toEqual({
      channel: ['staff.intake.errors.channel'],
      receivedDate: ['staff.intake.errors.receivedFuture'],
      phone: ['staff.intake.errors.phoneOrAddress'],
    });
    expect(errorsOf({ ...GOOD, receivedDate: '1999-12-31' })?.receivedDate).toEqual([
      'staff.intake.errors.receivedTooEarly|01/01/2020',
    ]);
  });

  it('answers a duplicated or forged field with one of its own keys, never zod’s English', () => {
    const errors = errorsOf({ ...GOOD, title: ['a', 'b'], receivedDate: ['x', 'y'], consent: 'yes' });
    for (const messages of Object.values(errors ?? {}))
      for (const m of messages ?? []) expect(m).toMatch(/^(staff|intake)\.(intake\.)?errors\./);
    expect(Object.keys(errors ?? {}).sort()).toEqual(['consent', 'receivedDate', 'title']);
  });
});
