/**
 * Synthetic demo data for the local cloud: customers with birthdays, policies and premium due
 * dates spread over the year, and a handful of complaints from the web form and the hotline.
 * Deterministic (a seeded generator), so every developer sees the same demo.
 */
import type { ImportedCustomer } from '#shared/contracts/customer-import';

/** mulberry32: small, fast and good enough for demo data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
];
const ENGLISH = [
  ['Emma', 'Clarke'],
  ['Oliver', 'Hughes'],
  ['Mia', 'Turner'],
  ['Jack', 'Wong'],
  ['Chloe', 'Ng'],
  ['Noah', 'Patel'],
];
const PRODUCTS = [
  'critical-illness',
  'whole-life',
  'term-life',
  'medical',
  'annuity',
  'accident',
  'education-savings',
];
const TIERS = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold', 'platinum'] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function demoCustomers(
  count: number,
  today: Date,
  random = seededRandom(20261128),
): ImportedCustomer[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const dayOffset = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);
  const customers: ImportedCustomer[] = [];
  for (let i = 1; i <= count; i++) {
    const english = i % 12 === 0;
    const [first, last] = english ? pick(ENGLISH) : [pick(GIVEN), pick(SURNAMES)];
    const name = english ? `${first} ${last}` : `${last}${first}`;
    // ages 22–88, birthdays on every day of the year (29 February included)
    const birthDate = isoDate(
      dayOffset(new Date(Date.UTC(1938 + Math.floor(random() * 66), 0, 1)), Math.floor(random() * 366)),
    );
    const policies = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => {
      const start = dayOffset(today, -Math.floor(random() * 3650) - 30);
      const due = dayOffset(today, Math.floor(random() * 365) - 20);
      return {
        policyNumber: `P${start.getUTCFullYear()}${pad(i, 5)}${p}`,
        product: pick(PRODUCTS),
        startDate: isoDate(start),
        premiumDueDate: isoDate(due),
        premiumAmount: 1200 + Math.floor(random() * 40) * 100,
        status: random() < 0.92 ? ('in-force' as const) : ('lapsed' as const),
      };
    });
    customers.push({
      customerId: `C${pad(i, 5)}`,
      name,
      birthDate,
      phone: `139${pad(10_000_000 + i * 7919, 8).slice(-8)}`,
      email: english || random() < 0.5 ? `customer${pad(i, 5)}@example.com` : undefined,
      language: english ? 'en' : 'zh-CN',
      timeZone: english && i % 24 === 0 ? 'Europe/London' : 'Asia/Shanghai',
      preferredChannel: english || random() < 0.3 ? 'email' : 'sms',
      tier: pick(TIERS),
      consent: { service: random() < 0.97, marketing: random() < 0.7 },
      flags: i % 97 === 0 ? { deceased: true } : undefined,
      policies,
      lastContactAt: dayOffset(today, -Math.floor(random() * 400))
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  return customers;
}

/** Complaints as the web form and the hotline would send them, some from imported customers. */
export function demoComplaints(customers: readonly ImportedCustomer[]) {
  const at = (i: number) => customers[i % customers.length]!;
  const web = [
    {
      c: at(3),
      category: 'claims',
      text: '我在三个月前提交了重疾险理赔申请，材料齐全，至今没有结果，客服每次都说在审核。',
    },
    { c: at(17), text: '续期保费被重复扣款两次，已经联系过客服，但退款迟迟没有到账。' },
    {
      c: at(24),
      text: 'The agent told me the policy could be surrendered at any time without loss, but the cash value is far lower than promised.',
    },
    {
      c: at(40),
      category: 'privacy',
      text: '自从买了保险以后，每天都接到推销电话，怀疑我的个人信息被泄露了。',
    },
    { c: at(58), text: '申请变更受益人已经一个多月了，还没有办理完成，请尽快处理。' },
  ];
  const hotline = [
    {
      c: at(71),
      summary: '客户情绪激动，称理赔被拒，表示将向金融监管局投诉并联系媒体曝光。',
      flags: { regulatorReferral: true, mediaThreat: true },
    },
    {
      c: at(88),
      summary: '老年客户反映退保手续复杂，多次往返网点仍未办结。',
      flags: { vulnerableCustomer: true },
    },
  ];
  return {
    web: web.map(({ c, category, text }) => ({
      customer: { name: c.name, phone: c.phone, ...(c.email ? { email: c.email } : {}) },
      policyNumber: c.policies[0]?.policyNumber,
      ...(category ? { category } : {}),
      description: text,
      language: c.language,
      consent: { dataProcessing: true },
    })),
    hotline: hotline.map(({ c, summary, flags }, i) => ({
      customer: { name: c.name },
      policyNumber: c.policies[0]?.policyNumber,
      description: summary,
      consent: { dataProcessing: true },
      callId: `DEMO-CALL-${i + 1}`,
      agentId: 'CC-0042',
      callerPhone: c.phone!,
      summary,
      flags,
    })),
  };
}

/**
 * Claims in different stages, as the core claim system would send them (NDJSON lines for the
 * signed core events route): one just registered, one waiting for documents for over a week (it
 * stalls on the first sweep), one approved, one declined, one paid; and a lapse warning.
 */
export function demoCoreEvents(customers: readonly ImportedCustomer[], now: Date): Record<string, unknown>[] {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const withPolicy = customers.filter((c) => c.policies.length > 0 && c.consent.service && !c.flags);
  const stages: [string, number, Record<string, unknown>][][] = [
    [['claim.registered', 1, { documents: ['身份证', '医疗发票', '出院小结'] }]],
    [
      ['claim.registered', 12, { documents: ['身份证', '医疗发票'] }],
      ['claim.documents-requested', 10, { documents: ['出院小结'] }],
    ],
    [
      ['claim.registered', 9, {}],
      ['claim.assessed', 4, {}],
      ['claim.approved', 1, { amount: 8600 }],
    ],
    [
      ['claim.registered', 20, {}],
      ['claim.declined', 2, { reason: '所患疾病属于等待期内确诊，不在保障范围内' }],
    ],
    [
      ['claim.registered', 30, {}],
      ['claim.approved', 6, { amount: 12800.5 }],
      ['claim.paid', 5, { amount: 12800.5, paidAt: ago(5) }],
    ],
  ];
  const events: Record<string, unknown>[] = [];
  stages.forEach((steps, i) => {
    const customer = withPolicy[i * 7]!;
    const policyNumber = customer.policies[0]!.policyNumber;
    const claimNumber = `CLM${now.getUTCFullYear()}${pad(i + 1, 6)}`;
    for (const [s, [type, days, data]] of steps.entries())
      events.push({
        eventId: `DEMO-${claimNumber}-${s}`,
        type,
        occurredAt: ago(days),
        policyNumber,
        claimNumber,
        data,
      });
  });
  const lapsing = withPolicy[40]!;
  events.push({
    eventId: 'DEMO-LAPSE-1',
    type: 'policy.lapse-warning',
    occurredAt: ago(1),
    policyNumber: lapsing.policies[0]!.policyNumber,
    data: { gracePeriodEndsOn: ago(-30).slice(0, 10) },
  });
  return events;
}
