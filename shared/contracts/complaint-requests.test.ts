import { describe, expect, it } from 'vitest';
import { HotlineComplaintRequest, WebComplaintRequest } from './complaint-requests';

const web = {
  customer: { name: 'Sam Hill', email: 'sam@example.com' },
  description: 'My premium was debited twice this month.',
  consent: { dataProcessing: true },
};

describe('hardship in the intake contracts', () => {
  it('takes the web form field and the hotline flag', () => {
    expect(WebComplaintRequest.parse({ ...web, hardship: true }).hardship).toBe(true);
    expect(WebComplaintRequest.parse(web).hardship).toBeUndefined();
    const hotline = HotlineComplaintRequest.parse({
      ...web,
      callId: 'call-1',
      agentId: 'agent-7',
      callerPhone: '+61412345678',
      summary: 'double debit; customer received a default notice',
      flags: { hardship: true },
    });
    expect(hotline.flags?.hardship).toBe(true);
  });

  it('reports a hardship that is not a boolean with every other field error', () => {
    const result = WebComplaintRequest.safeParse({ ...web, description: 'short', hardship: 'yes' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['hardship', 'description']));
  });
});

describe('claim number in the intake contracts', () => {
  it('takes it on the web form and the hotline, trimmed and upper-cased', () => {
    expect(WebComplaintRequest.parse({ ...web, claimNumber: ' clm2026000123 ' }).claimNumber).toBe(
      'CLM2026000123',
    );
    const hotline = HotlineComplaintRequest.parse({
      ...web,
      claimNumber: 'CLM2026000123',
      callId: 'call-1',
      agentId: 'agent-7',
      callerPhone: '+61412345678',
      summary: 'claim declined',
    });
    expect(hotline.claimNumber).toBe('CLM2026000123');
    expect(WebComplaintRequest.parse(web).claimNumber).toBeUndefined();
  });

  it('reports a malformed one with every other field error', () => {
    const result = WebComplaintRequest.safeParse({ ...web, description: 'short', claimNumber: '#1' });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['claimNumber', 'description']));
  });
});
