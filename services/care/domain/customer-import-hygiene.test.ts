/**
 * Import lines that JSON and the old schema accepted but that failed later (a 500 from the DynamoDB
 * marshaller) or stored text nobody wrote: each is now a rejected line with its field.
 */
import { describe, expect, it } from 'vitest';
import { parseCustomerLine } from './customer-import';

const customer = (overrides: Record<string, unknown> = {}, policy: Record<string, unknown> = {}) => ({
  customerId: 'C0001',
  name: '李四',
  consent: { service: true, marketing: false },
  policies: [
    {
      policyNumber: 'P2024000123',
      product: 'critical-illness',
      startDate: '2021-05-10',
      premiumAmount: 3600,
      status: 'in-force',
      ...policy,
    },
  ],
  ...overrides,
});

const errorsOf = (text: string) => {
  const outcome = parseCustomerLine(text, 7);
  return 'errors' in outcome ? [...new Set(outcome.errors.map((e) => e.path))] : [];
};

describe('an import line', () => {
  it('accepts premiums as money', () => {
    for (const premiumAmount of [0, 3600, 3600.5, 1999.99, 1_000_000_000]) {
      expect(errorsOf(JSON.stringify(customer({}, { premiumAmount })))).toEqual([]);
    }
  });

  it('rejects a premium DynamoDB or the marshaller would refuse, or that is not money', () => {
    for (const premiumAmount of [1e308, 1e-300, 1_000_000_000.01, 12.345, -1]) {
      expect(errorsOf(JSON.stringify(customer({}, { premiumAmount })))).toEqual(['policies.0.premiumAmount']);
    }
  });

  it('rejects NUL and lone surrogates in text, and a field named twice', () => {
    expect(errorsOf(JSON.stringify(customer({ name: 'Li\u0000Si' })))).toEqual(['name']);
    expect(errorsOf(JSON.stringify(customer({}, { product: 'x\uDC00' })))).toEqual(['policies.0.product']);
    const line = JSON.stringify(customer()).replace('"name":"李四"', '"name":"李四","name":"王五"');
    expect(errorsOf(line)).toEqual(['name']);
  });

  it('takes an end date on an ended policy from its start on, and none on a policy in force', () => {
    for (const status of ['lapsed', 'surrendered', 'matured', 'cancelled'])
      for (const endDate of ['2021-05-10', '2031-05-09'])
        expect(errorsOf(JSON.stringify(customer({}, { status, endDate })))).toEqual([]);
    // older feeds send no end date
    expect(errorsOf(JSON.stringify(customer({}, { status: 'lapsed' })))).toEqual([]);
  });

  it('rejects an end date on a policy in force or before its start, with the field and why', () => {
    const messagesOf = (policy: Record<string, unknown>) => {
      const outcome = parseCustomerLine(JSON.stringify(customer({}, policy)), 7);
      return 'errors' in outcome ? outcome.errors : [];
    };
    expect(messagesOf({ status: 'in-force', endDate: '2024-01-01' })).toEqual([
      { path: 'policies.0.endDate', message: expect.stringMatching(/not in force/) },
    ]);
    expect(messagesOf({ status: 'lapsed', endDate: '2021-05-09' })).toEqual([
      { path: 'policies.0.endDate', message: 'Must not be before the start date' },
    ]);
    // reported with the policy's other field errors, in one answer
    expect(
      errorsOf(JSON.stringify(customer({}, { status: 'in-force', endDate: '2024-01-01', product: '' }))),
    ).toEqual(['policies.0.product', 'policies.0.endDate']);
    expect(errorsOf(JSON.stringify(customer({}, { status: 'lapsed', endDate: '2024-02-30' })))).toEqual([
      'policies.0.endDate',
    ]);
  });
});
