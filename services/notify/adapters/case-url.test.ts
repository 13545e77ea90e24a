/** The console link in staff alerts follows the console's origin (`CONSOLE_URL`), `PORT` included. */
import { afterEach, describe, expect, it } from 'vitest';
import { changeSettings } from '../../../test/support/settings';
import { caseUrl } from './deps';

afterEach(() => changeSettings({ CONSOLE_URL: undefined }));

describe('caseUrl', () => {
  it('is under CONSOLE_URL, with or without a trailing slash', () => {
    expect(caseUrl('C1', 'https://console.example.com/')).toBe(
      'https://console.example.com/console/cases/C1',
    );
    expect(caseUrl('C1', 'http://localhost:4123')).toBe('http://localhost:4123/console/cases/C1');
  });

  it('reads the CONSOLE_URL setting', () => {
    changeSettings({ CONSOLE_URL: 'https://complaints.example.com' });
    expect(caseUrl('C1')).toBe('https://complaints.example.com/console/cases/C1');
  });

  it('fails naming the setting when the function has none, rather than linking somewhere else', () => {
    changeSettings({ CONSOLE_URL: undefined });
    expect(() => caseUrl('C1')).toThrow(/CONSOLE_URL is not set/);
  });
});
