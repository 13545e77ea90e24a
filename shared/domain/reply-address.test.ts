import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidReplyToken,
  REPLY_ADDRESS_DAYS,
  replyAddress,
  replyTokenIn,
  signReplyToken,
  verifyReplyToken,
} from './reply-address';

const SECRET = 'test-reply-secret';
const now = new Date('2026-12-06T00:00:00Z');
const complaintId = '01KBQ4W6Z8M5D7A9C3E1F2G4H6';
const why = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidReplyToken) return error.why;
    throw error;
  }
  return 'accepted';
};

describe('reply tokens', () => {
  it('name their complaint until they expire, in any case the mail system gives them back', () => {
    const token = signReplyToken(complaintId, SECRET, now);
    const address = replyAddress(token, 'reply.example.com');
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(verifyReplyToken(token, SECRET, now)).toBe(complaintId);
    expect(verifyReplyToken(token.toUpperCase(), SECRET, now)).toBe(complaintId);
    const later = new Date(now.getTime() + (REPLY_ADDRESS_DAYS * 86_400 - 1) * 1000);
    expect(verifyReplyToken(token, SECRET, later)).toBe(complaintId);
    const expired = new Date(now.getTime() + REPLY_ADDRESS_DAYS * 86_400 * 1000);
    expect(why(() => verifyReplyToken(token, SECRET, expired))).toBe('expired');
    expect(why(() => verifyReplyToken(token, 'another-secret', now))).toBe('invalid');
    expect(why(() => verifyReplyToken(undefined, SECRET, now))).toBe('missing');
  });

  it('are found among the recipients of a reply, the domain compared without case', () => {
    const token = signReplyToken(complaintId, SECRET, now);
    expect(
      replyTokenIn(
        ['someone@else.example', ` ${replyAddress(token, 'Reply.Example.com').toUpperCase()}`],
        'reply.example.com',
      ),
    ).toBe(token);
    expect(replyTokenIn([replyAddress(token, 'evil.example')], 'reply.example.com')).toBeUndefined();
  });

  it('accept no string but the signed one: any change to a signed token, or any other text, is refused', () => {
    const token = signReplyToken(complaintId, SECRET, now);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const outcome = why(() => verifyReplyToken(text, SECRET, now));
        if (text.toLowerCase() === token) expect(outcome).toBe('accepted');
        else expect(outcome === 'invalid' || outcome === 'missing').toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.'),
        (at, char) => {
          fc.pre(token[at] !== char);
          const forged = token.slice(0, at) + char + token.slice(at + 1);
          expect(why(() => verifyReplyToken(forged, SECRET, now))).not.toBe('accepted');
        },
      ),
    );
  });

  it('round-trip for any complaint id and signing instant', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{26}$/),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (id, at) => {
          expect(verifyReplyToken(signReplyToken(id, SECRET, at), SECRET, at)).toBe(id);
        },
      ),
    );
  });
});
