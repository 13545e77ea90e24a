/** Test data shared by the care tests: one import line as the design brief shows it. */
export const customerLine = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    customerId: 'C0001',
    name: '李四',
    birthDate: '1958-03-02',
    phone: '13900139000',
    email: 'li@example.com',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: 'sms',
    tier: 'gold',
    consent: { service: true, marketing: true },
    policies: [
      {
        policyNumber: 'P2024000123',
        product: 'critical-illness',
        startDate: '2021-05-10',
        premiumDueDate: '2026-12-05',
        premiumAmount: 3600,
        status: 'in-force',
      },
    ],
    lastContactAt: '2026-01-15T02:00:00Z',
    ...overrides,
  });
