// The pure rules of webhooks: which URLs and addresses are refused, the retry delays, the body's closed shape.
import { describe, expect, it } from 'vitest';

import {
  addressAllowed,
  buildWebhookPayload,
  isPrivateAddress,
  parseAllowance,
  parseEvents,
  WEBHOOK_RETRY_MAX_MS,
  webhookCreateSchema,
  webhookRetryDelayMs,
  webhookUrlProblem,
} from '~/domain/webhooks';

describe('addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fc12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    'not-an-address',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );

  it('lets in only what WEBHOOK_ALLOW_PRIVATE names', () => {
    expect(parseAllowance(undefined)).toEqual([]);
    expect(parseAllowance('0')).toEqual([]);
    expect(parseAllowance('1')).toBe('all');
    const list = parseAllowance('127.0.0.1, ::1');
    expect(addressAllowed('127.0.0.1', list)).toBe(true);
    expect(addressAllowed('::1', list)).toBe(true);
    expect(addressAllowed('10.0.0.1', list)).toBe(false);
    expect(addressAllowed('10.0.0.1', 'all')).toBe(true);
    expect(addressAllowed('8.8.8.8', [])).toBe(true);
  });
});

describe('the form', () => {
  it('takes http(s) URLs without credentials and at least one known event', () => {
    expect(webhookUrlProblem('https://he-thong.example.vn/pakn?x=1')).toBeNull();
    expect(webhookUrlProblem('http://example.vn')).toBeNull();
    expect(webhookUrlProblem('ftp://example.vn')).toBe('urlScheme');
    expect(webhookUrlProblem('javascript:alert(1)')).toBe('urlScheme');
    expect(webhookUrlProblem('https://a:b@example.vn')).toBe('urlCredentials');
    expect(webhookUrlProblem('example.vn/pakn')).toBe('url');
    expect(webhookUrlProblem(`https://example.vn/${'a'.repeat(2000)}`)).toBe('tooLong');
    const ok = webhookCreateSchema.safeParse({ url: ' https://example.vn/h ', events: 'answered' });
    expect(ok.success && ok.data).toEqual({ url: 'https://example.vn/h', events: ['answered'] });
    const none = webhookCreateSchema.safeParse({ url: 'https://example.vn/h' });
    expect(none.success).toBe(false);
    expect(webhookCreateSchema.safeParse({ url: 'https://example.vn/h', events: ['x'] }).success).toBe(false);
    expect(parseEvents('published,received,bogus')).toEqual(['received', 'published']);
  });
});

describe('retries and the body', () => {
  it('doubles the delay from the base, capped at one hour', () => {
    expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(webhookRetryDelayMs(50, 30_000)).toBe(WEBHOOK_RETRY_MAX_MS);
  });

  it('holds the code, statuses and links only', () => {
    const body = buildWebhookPayload({
      eventId: 'e1',
      event: 'published',
      occurredAt: new Date('2026-12-04T01:02:03Z'),
      code: 'KHCN-2026-000042',
      status: 'answered',
      publicStatus: 'answered',
      published: true,
      baseUrl: 'https://pakn.example.vn',
    });
    expect(body).toEqual({
      id: 'e1',
      type: 'pakn.published',
      occurredAt: '2026-12-04T01:02:03.000Z',
      pakn: {
        code: 'KHCN-2026-000042',
        status: 'answered',
        publicStatus: 'answered',
        publicUrl: 'https://pakn.example.vn/cong-khai/KHCN-2026-000042',
        statusUrl: 'https://pakn.example.vn/api/v1/pakn/KHCN-2026-000042',
      },
    });
  });
});
