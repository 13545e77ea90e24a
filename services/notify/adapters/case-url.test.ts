/** The console link in staff alerts follows where the console is served, `PORT` included. */
import { describe, expect, it } from 'vitest';
import { caseUrl } from './deps';

describe('caseUrl', () => {
  it('is CONSOLE_URL when set', () => {
    expect(caseUrl('C1', { CONSOLE_URL: 'https://console.example.com/', PUBLIC_API_URL: 'http://x' })).toBe(
      'https://console.example.com/console/cases/C1',
    );
  });

  it("is the API's own origin otherwise (the local cloud's, on whatever PORT it listens)", () => {
    expect(caseUrl('C1', { PUBLIC_API_URL: 'http://localhost:4123' })).toBe(
      'http://localhost:4123/console/cases/C1',
    );
  });

  it('falls back to the default local address', () => {
    expect(caseUrl('C1', {})).toBe('http://localhost:3000/console/cases/C1');
  });
});
