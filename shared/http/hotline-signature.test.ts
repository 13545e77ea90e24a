import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ControllableClock, systemClock, useClock } from '../clock';
import { Unauthenticated } from './errors';
import {
  LOCAL_CORE_EVENTS_SECRET,
  LOCAL_HOTLINE_SECRET,
  parseSignatureHeader,
  signHotlineBody,
  verifyHotlineRequest,
  verifySignedRequest,
} from './hotline-signature';

afterEach(() => useClock(systemClock));

describe('hotline signature', () => {
  it('parses what it signs, for any body and time', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 4_000_000_000 }), (body, t) => {
        const parsed = parseSignatureHeader(signHotlineBody('s', t, body));
        expect(parsed?.t).toBe(t);
        expect(parsed?.v1).toHaveLength(1);
      }),
    );
  });

  it('rejects malformed headers', () => {
    for (const bad of [
      undefined,
      '',
      't=1',
      'v1=00',
      `t=x,v1=${'0'.repeat(64)}`,
      't=1,v1=zz',
      `t=1,v1=${'0'.repeat(64)},junk`,
    ]) {
      expect(parseSignatureHeader(bad)).toBeUndefined();
    }
  });

  it('accepts a fresh signature over the exact body and nothing else', async () => {
    const clock = new ControllableClock();
    clock.freeze(new Date('2026-11-28T08:00:00Z'));
    useClock(clock);
    const t = Math.floor(clock.now().getTime() / 1000);
    const body = '{"callId":"A"}';
    await expect(
      verifyHotlineRequest(signHotlineBody(LOCAL_HOTLINE_SECRET, t, body), body),
    ).resolves.toBeUndefined();
    await expect(
      verifyHotlineRequest(signHotlineBody(LOCAL_HOTLINE_SECRET, t, body), `${body} `),
    ).rejects.toBeInstanceOf(Unauthenticated);
    await expect(
      verifyHotlineRequest(signHotlineBody(LOCAL_HOTLINE_SECRET, t - 301, body), body),
    ).rejects.toBeInstanceOf(Unauthenticated);
    await expect(
      verifyHotlineRequest(signHotlineBody(LOCAL_HOTLINE_SECRET, t + 301, body), body),
    ).rejects.toBeInstanceOf(Unauthenticated);
    // during a secret rotation the CTI system may send both signatures
    const both = `${signHotlineBody('old-secret', t, body)},v1=${signHotlineBody(LOCAL_HOTLINE_SECRET, t, body).split('v1=')[1]}`;
    await expect(verifyHotlineRequest(both, body)).resolves.toBeUndefined();
  });

  it("checks the core systems' events against their own secret, never the hotline's", async () => {
    const clock = new ControllableClock();
    clock.freeze(new Date('2026-12-07T02:00:00Z'));
    useClock(clock);
    const t = Math.floor(clock.now().getTime() / 1000);
    const body = '{"eventId":"E1"}';
    await expect(
      verifySignedRequest('core-events-signing', signHotlineBody(LOCAL_CORE_EVENTS_SECRET, t, body), body),
    ).resolves.toBeUndefined();
    await expect(
      verifySignedRequest('core-events-signing', signHotlineBody(LOCAL_HOTLINE_SECRET, t, body), body),
    ).rejects.toBeInstanceOf(Unauthenticated);
    await expect(
      verifyHotlineRequest(signHotlineBody(LOCAL_CORE_EVENTS_SECRET, t, body), body),
    ).rejects.toBeInstanceOf(Unauthenticated);
  });
});
