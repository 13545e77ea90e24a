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
