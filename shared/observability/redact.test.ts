import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact';

describe('redact', () => {
  it('replaces personal data and credentials at any depth and keeps the rest', () => {
    const out = redact({
      complaintId: 'C1',
      customer: {
        name: '李四',
        phone: '13900139000',
        email: 'li@example.com',
        idNumber: '110101199003074514',
      },
      headers: { authorization: 'Bearer x', 'x-signature': 't=1,v1=ab' },
      items: [{ description: 'my claim was refused', status: 'received' }],
    });
    expect(out).toEqual({
      complaintId: 'C1',
      customer: { name: REDACTED, phone: REDACTED, email: REDACTED, idNumber: REDACTED },
      headers: { authorization: REDACTED, 'x-signature': REDACTED },
      items: [{ description: REDACTED, status: 'received' }],
    });
  });

  it('never lets a phone number through, whatever the shape around it', () => {
    const phone = fc.stringMatching(/^1[3-9]\d{9}$/);
    const key = fc.constantFrom('phone', 'callerPhone', 'Phone', 'mobile');
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 4 }),
        key,
        phone,
        (path, k, value) => {
          let nested: Record<string, unknown> = { [k]: value };
          for (const segment of path) nested = { [`x${segment}`]: nested };
          expect(JSON.stringify(redact(nested))).not.toContain(value);
        },
      ),
    );
  });
});

describe('redact, errors', () => {
  it('spells out a thrown Error (its fields are not enumerable) and hides personal data it carries', () => {
    const failure = Object.assign(new Error('Invalid care request'), {
      name: 'InvalidCareRequest',
      phone: '13900139000',
    });
    failure.cause = new Error('nested');
    const logged = redact({ error: failure }) as { error: Record<string, unknown> };
    expect(logged.error).toMatchObject({
      name: 'InvalidCareRequest',
      message: 'Invalid care request',
      phone: REDACTED,
      cause: { name: 'Error', message: 'nested' },
    });
    expect(String(logged.error.stack)).toContain('Invalid care request');
  });

  it("keeps a logged error's name and message, and still hides personal data around it", () => {
    const out = redact({
      error: { name: 'ValidationException', message: 'bad key', stack: 'at x' },
      customer: { name: '李四' },
    });
    expect(out).toEqual({
      error: { name: 'ValidationException', message: 'bad key', stack: 'at x' },
      customer: { name: REDACTED },
    });
  });
});
