/**
 * The three returns over dated scenarios, every cell worked out by hand (the comments give the
 * sums). Instants are UTC; the company dates are Asia/Shanghai (FCA, NFRA) and Australia/Sydney (ASIC).
 */
import { describe, expect, it } from 'vitest';
import { auAsicReturn } from './au-asic';
import { cnNfraReturn } from './cn-nfra';
import { returnCsv } from './regulator-returns';
import { asicScenario, fcaScenario, nfraScenario } from './return-scenarios';
import { ukFcaReturn } from './uk-fca';

describe('uk-fca return (DISP 1 Annex 1R)', () => {
  const q1 = { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai' };
  const records = fcaScenario;

  const r = ukFcaReturn({ period: q1, records, generatedAt: new Date('2026-04-10T00:00:00Z') });

  it('fills every cell of the quarter', () => {
    expect(r.columns).toEqual(['table', 'productGroup', 'product', 'cause', 'measure', 'value']);
    const g = 'Insurance & pure protection';
    const p = 'not recorded';
    expect(r.rows).toEqual([
      // f1, f2, f10 (f7 was closed before the quarter; f8 is another regime's, f9 has none)
      ['totals', g, null, null, 'outstanding-at-start', 3],
      ['totals', g, null, null, 'opened', 4], // f3, f4, f5, f6
      ['totals', g, null, null, 'closed', 4], // f2, f3, f5, f10 (f4 was decided after the quarter)
      ['totals', g, null, null, 'outstanding-at-end', 3], // f1, f4, f6: 3 + 4 - 4
      ['opened', g, p, 'Advising, selling and arranging', 'complaints', 1], // f3
      ['opened', g, p, 'Terms and disputed sums/charges', 'complaints', 2], // f4 claims, f5 premium
      ['opened', g, p, 'General admin/customer service', 'complaints', 0],
      ['opened', g, p, 'Other', 'complaints', 0],
      ['opened', g, p, 'Not yet categorised', 'complaints', 1], // f6
      ['closed', g, p, null, 'within-3-business-days', 1], // f3: summary resolution met
      ['closed', g, p, null, 'after-3-business-days-within-8-weeks', 2], // f2, f5 by their 8-week deadline
      ['closed', g, p, null, 'after-8-weeks', 1], // f10: 1 March after 14 February
      ['closed', g, p, null, 'upheld', 3], // f2, f10 upheld, f5 partially
      ['closed', g, p, null, 'upheld-share', 0.75],
      ['closed', g, p, null, 'redress-paid', null],
    ]);
  });

  it('says what the data cannot fill', () => {
    expect(r.gaps).toHaveLength(4);
    expect(r.gaps[0]).toMatch(/^1 complaint\(s\) read have no regime/);
    expect(r.gaps.join('\n')).toMatch(/product .*not recorded/i);
    expect(r.gaps.join('\n')).toMatch(/Redress paid is not recorded/);
    expect(r.gaps.join('\n')).toMatch(/1 complaint\(s\) opened are not categorised/);
    const early = ukFcaReturn({ period: q1, records, generatedAt: new Date('2026-03-01T00:00:00Z') });
    expect(early.gaps[0]).toMatch(/The period has not ended/);
  });

  it('is one CSV table, CRLF, empty cells for what is not known', () => {
    const lines = returnCsv(r).split('\r\n');
    expect(lines[0]).toBe('table,productGroup,product,cause,measure,value');
    expect(lines).toContain('closed,Insurance & pure protection,not recorded,,upheld-share,0.75');
    expect(lines).toContain('closed,Insurance & pure protection,not recorded,,redress-paid,');
    expect(lines).toContain(
      'opened,Insurance & pure protection,not recorded,Terms and disputed sums/charges,complaints,2',
    );
    expect(lines).toHaveLength(r.rows.length + 2);
  });
});

describe('cn-nfra return (complaint statistics)', () => {
  const q1 = { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai' };
  const records = nfraScenario;

  const r = cnNfraReturn({ period: q1, records, generatedAt: new Date('2026-04-10T00:00:00Z') });

  it('counts the quarter by category, cause, channel, outcome and the 15/30/60-day limits', () => {
    expect(r.rows).toEqual([
      ['total', '投诉总量', 5], // n1 n2 n3 n4 n6
      ['business-category', '理赔纠纷', 1],
      ['business-category', '销售纠纷', 1],
      ['business-category', '退保纠纷', 1],
      ['business-category', '保全及其他纠纷', 1], // n6 premium
      ['business-category', '服务质量纠纷', 0],
      ['business-category', '消费者信息安全', 0],
      ['business-category', '其他', 0],
      ['business-category', '未分类', 1], // n4
      ['cause', '理赔', 1], // n1 (claims-handling → claims/handling-error)
      ['cause', '销售行为', 1],
      ['cause', '产品设计', 0],
      ['cause', '保全服务', 0],
      ['cause', '收费及退费', 1],
      ['cause', '服务态度及质量', 0],
      ['cause', '信息安全', 0],
      ['cause', '系统及运营', 0],
      ['cause', '合作机构', 0],
      ['cause', '经核查无过错', 1],
      ['cause', '其他', 0],
      ['cause', '未办结', 1],
      ['channel', '互联网', 3], // n1 n3 n6
      ['channel', '电话', 2],
      ['outcome', '支持', 2],
      ['outcome', '部分支持', 1],
      ['outcome', '不支持', 1],
      ['outcome', '未办结', 1],
      ['handling-time', '15日内', 1], // n1: 5 → 20 January
      ['handling-time', '16至30日', 1], // n2: 26
      ['handling-time', '31至60日', 1], // n3: 47
      ['handling-time', '超过60日', 1], // n6: 72
      ['handling-time', '未办结', 1],
    ]);
    expect(r.gaps).toEqual(['Some complaints are not categorised yet: counted under 未分类.']);
  });

  it('says when the period is not a quarter', () => {
    const month = cnNfraReturn({
      period: { ...q1, to: '2026-01-31' },
      records,
      generatedAt: new Date('2026-04-10T00:00:00Z'),
    });
    expect(month.gaps).toContain(
      'NFRA complaint statistics are quarterly; this period is not a calendar quarter.',
    );
  });
});

describe('au-asic return (RG 271 IDR data)', () => {
  const h1 = { from: '2026-01-01', to: '2026-06-30', timeZone: 'Australia/Sydney' };
  const records = asicScenario;

  const r = auAsicReturn({ period: h1, records, generatedAt: new Date('2026-07-05T00:00:00Z') });

  it('has one row per complaint received in the half-year or open at its start', () => {
    expect(r.columns).toEqual([
      'complaintReference',
      'dateReceived',
      'dateClosed',
      'status',
      'channel',
      'product',
      'issue',
      'outcome',
      'remedy',
      'financialCompensation',
      'daysOpen',
    ]);
    expect(r.rows).toEqual([
      // open at the start; 16 days of December + 20 of January
      [
        'a1',
        '2025-12-15',
        '2026-01-20',
        'Closed',
        'Online',
        null,
        'Claim handling',
        'Resolved in favour of the complainant',
        'Remedy given',
        null,
        36,
      ],
      // 10:00 on 3 March in Sydney, open: 28 + 30 + 31 + 30 days to 30 June
      ['a2', '2026-03-03', null, 'Open', 'Phone', null, 'Premiums, fees and charges', null, null, null, 119],
      [
        'a5',
        '2026-04-10',
        '2026-04-12',
        'Closed',
        'Online',
        null,
        'Advice or sale',
        'Resolved in favour of the financial firm',
        'No remedy',
        null,
        2,
      ],
    ]);
    expect(r.gaps).toHaveLength(3);
    expect(r.gaps.join('\n')).toMatch(/not confirmed/);
  });

  it('says when the period is not one of ASIC’s half-years', () => {
    const q1 = auAsicReturn({
      period: { ...h1, to: '2026-03-31' },
      records,
      generatedAt: new Date('2026-07-05T00:00:00Z'),
    });
    expect(q1.gaps).toContain(
      'ASIC reporting periods are 1 January–30 June and 1 July–31 December; this period is neither.',
    );
    expect(q1.rows.map((row) => row[0])).toEqual(['a1', 'a2']);
  });
});
