/**
 * The settings parser: every value is checked by its setting's schema, an invalid one is named in
 * one error with the others, an empty one counts as unset, and a required setting the function did
 * not get fails where it is read, naming it.
 */
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { changeSettings } from '../../test/support/settings';
import { InvalidSettings, parseSettings, setting, settings } from './settings';

afterEach(() => changeSettings({ EMAIL_FROM: undefined, EMAIL_SEND_RATE: undefined }));

describe('settings', () => {
  it('parses each value by its schema', () => {
    expect(
      parseSettings({
        EMAIL_FROM: ' Complaints@Example.com ',
        EMAIL_SEND_RATE: 'Unlimited',
        SMS_SEND_RATE: '2.9',
        UNSUBSCRIBE_LINK_DAYS: '30',
        CORS_ORIGINS: 'not a setting, ignored',
      }),
    ).toEqual({
      EMAIL_FROM: 'complaints@example.com',
      EMAIL_SEND_RATE: 'unlimited',
      SMS_SEND_RATE: 2,
      UNSUBSCRIBE_LINK_DAYS: 30,
    });
  });

  it('a send rate is a whole number of messages per second, never below one', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), (rate) => {
        const parsed = parseSettings({ EMAIL_SEND_RATE: rate.toFixed(3) }).EMAIL_SEND_RATE;
        expect(parsed).toBe(Math.max(1, Math.floor(Number(rate.toFixed(3)))));
      }),
    );
  });

  it('names every invalid setting in one error', () => {
    const parse = () =>
      parseSettings({ EMAIL_FROM: 'complaints', COMPANY_TIME_ZONE: 'Mars/Olympus', CONSOLE_URL: 'console' });
    expect(parse).toThrow(InvalidSettings);
    expect(parse).toThrow(/EMAIL_FROM: Must be an email address/);
    expect(parse).toThrow(/CONSOLE_URL: Must be an absolute URL/);
    expect(parse).toThrow(/COMPANY_TIME_ZONE: Must be an IANA time zone/);
  });

  it('a send rate of zero or below is refused, not taken as one', () => {
    for (const rate of ['0', '-3', '0.0', 'fast'])
      expect(() => parseSettings({ SMS_SEND_RATE: rate }), rate).toThrow(/SMS_SEND_RATE/);
  });

  it('an empty value is unset', () => {
    expect(parseSettings({ SERVICE_PHONE: '  ', EMAIL_SEND_RATE: '' })).toEqual({});
  });

  it('is parsed once per process, again only after a reload', () => {
    changeSettings({ EMAIL_SEND_RATE: '5' });
    expect(settings().EMAIL_SEND_RATE).toBe(5);
    process.env.EMAIL_SEND_RATE = '6';
    expect(settings().EMAIL_SEND_RATE).toBe(5);
    changeSettings({ EMAIL_SEND_RATE: '6' });
    expect(settings().EMAIL_SEND_RATE).toBe(6);
  });

  it('a required setting the function lacks fails where it is read, naming it', () => {
    changeSettings({ EMAIL_FROM: undefined });
    expect(() => setting('EMAIL_FROM')).toThrow(/Setting EMAIL_FROM is not set/);
    changeSettings({ EMAIL_FROM: 'complaints@example.com' });
    expect(setting('EMAIL_FROM')).toBe('complaints@example.com');
  });
});
