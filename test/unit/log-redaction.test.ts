import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, redact } from '../../worker/log';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('log redaction', () => {
  it('masks phone numbers in any spelling, emails and credentials', () => {
    const line = redact(
      "Twilio 21211: The 'To' number +13125550101 is not valid; call (312) 555-0199 or 312.555.0188; mail sam.jones@example.com; Authorization: Bearer abcdef123456; secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZI",
    );
    for (const leaked of [
      '3125550101',
      '555-0199',
      '555.0188',
      'sam.jones@example.com',
      'abcdef123456',
      'MfKQ9r8GKYqrTwjUPD8ILPZI',
    ]) {
      expect(line).not.toContain(leaked);
    }
    expect(line).toContain('+13…01');
    expect(line).toContain('Twilio 21211');
  });

  it('leaves short numbers, ids and status codes alone', () => {
    expect(redact('status 503 after 2 attempts for lead ld_abc123 at step 12')).toBe(
      'status 503 after 2 attempts for lead ld_abc123 at step 12',
    );
  });

  it('writes one redacted JSON line', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logError('delivery failed', { to: '+447700900123', error: 'refused +447700900123' });
    const [line] = spy.mock.calls[0] as [string];
    expect(JSON.parse(line)).toMatchObject({ level: 'error', msg: 'delivery failed' });
    expect(line).not.toContain('7700900123');
  });
});
