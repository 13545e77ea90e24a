/**
 * cn-nfra: 《银行业保险业消费投诉处理管理办法》(2020) with periods counted as 《民法典》第二百零一条、
 * 第二百零三条 count them, on the CN calendar (Asia/Shanghai, UTC+8 all year, 09:00-17:30).
 *
 * How the expected instants were worked out (by hand, from shared/calendar/data/cn.json):
 * - resolve: last day = local date of receipt + 15 (the day of receipt is not counted, 第二百零一条);
 *   when that day is a rest day (a holiday, or a weekend day not worked as 调休上班) it moves to the
 *   first working day after (第二百零三条); the period ends at 24:00 of the last day, which is
 *   16:00Z of that date.
 * - acknowledge (company policy): 24:00 (16:00Z) of the first working day after the day of receipt.
 * - a pause moves the deadline by the business time it took (09:00-17:30 of working days): counted
 *   on from the old deadline through the opening hours that follow it.
 * - answers that read a 2027 day are provisional (the 2027 data is not the State Council notice).
 */
import { type Scenario, scenarioTable } from './scenario-table';

// Received Monday 2 March 2026 10:00 in Shanghai; 2 + 15 = Tuesday 17 March, a working day.
const MON_2_MAR = '2026-03-02T10:00:00+08:00';
const DUE_17_MAR = '2026-03-17T16:00:00Z';

const rows: Scenario[] = [
  // ── 第二十条: 15日内作出处理决定 — receipts on every day of an ordinary week (March 2026) ──
  {
    name: '第二十条 收到投诉之日起15日内: received Monday, day of receipt not counted → Tuesday 17 March 24:00',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    expected: { dueAt: DUE_17_MAR }, // 2 Mar + 15 = Tue 17 Mar (working) → 24:00 = 16:00Z
  },
  {
    name: '第二十条 15日: received Tuesday 3 March → Wednesday 18 March 24:00',
    clock: 'resolve',
    receivedAt: '2026-03-03T11:00:00+08:00',
    expected: { dueAt: '2026-03-18T16:00:00Z' }, // 3 + 15 = Wed 18 Mar
  },
  {
    name: '第二十条 15日: received Wednesday 4 March → Thursday 19 March 24:00',
    clock: 'resolve',
    receivedAt: '2026-03-04T14:00:00+08:00',
    expected: { dueAt: '2026-03-19T16:00:00Z' }, // 4 + 15 = Thu 19 Mar
  },
  {
    name: '第二十条 15日: received Thursday 5 March → Friday 20 March 24:00',
    clock: 'resolve',
    receivedAt: '2026-03-05T16:00:00+08:00',
    expected: { dueAt: '2026-03-20T16:00:00Z' }, // 5 + 15 = Fri 20 Mar
  },
  {
    name: '民法典 第二百零三条: received Friday evening, last day Saturday (rest day) → the next working day, Monday',
    clock: 'resolve',
    receivedAt: '2026-03-06T20:30:00+08:00',
    expected: { dueAt: '2026-03-23T16:00:00Z' }, // 6 + 15 = Sat 21 Mar (rest) → Mon 23 Mar 24:00
  },
  {
    name: '民法典 第二百零三条: received Saturday, last day Sunday (rest day) → Monday 23 March 24:00',
    clock: 'resolve',
    receivedAt: '2026-03-07T09:00:00+08:00',
    expected: { dueAt: '2026-03-23T16:00:00Z' }, // 7 + 15 = Sun 22 Mar (rest) → Mon 23 Mar
  },
  {
    name: '第二十条 15日: received Sunday (a rest day counts as the day of receipt) → Monday 23 March 24:00',
    clock: 'resolve',
    receivedAt: '2026-03-08T15:00:00+08:00',
    expected: { dueAt: '2026-03-23T16:00:00Z' }, // 8 + 15 = Mon 23 Mar (working)
  },
  {
    name: '民法典 第二百零一条 开始的当日不计入: received 23:59:59 Monday, the day of receipt is still not counted',
    clock: 'resolve',
    receivedAt: '2026-03-09T23:59:59+08:00',
    expected: { dueAt: '2026-03-24T16:00:00Z' }, // local date 9 Mar; 9 + 15 = Tue 24 Mar 24:00
  },
  {
    name: '民法典 第二百零一条: 00:00 Tuesday in Shanghai (still Monday in UTC) is received on Tuesday',
    clock: 'resolve',
    receivedAt: '2026-03-09T16:00:00Z', // = 10 Mar 00:00 +08:00
    expected: { dueAt: '2026-03-25T16:00:00Z' }, // local date 10 Mar; 10 + 15 = Wed 25 Mar 24:00
  },

  // ── acknowledge: company policy, end of the next business day ──
  {
    name: 'Acknowledge by the end of the next business day: received Monday → Tuesday 24:00',
    clock: 'acknowledge',
    receivedAt: MON_2_MAR,
    expected: { dueAt: '2026-03-03T16:00:00Z' }, // next working day after Mon 2 Mar = Tue 3 Mar
  },
  {
    name: 'Acknowledge by the end of the next business day: received Wednesday → Thursday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-04T14:00:00+08:00',
    expected: { dueAt: '2026-03-05T16:00:00Z' }, // Thu 5 Mar
  },
  {
    name: 'Acknowledge: received Friday evening → the next business day is Monday',
    clock: 'acknowledge',
    receivedAt: '2026-03-06T20:30:00+08:00',
    expected: { dueAt: '2026-03-09T16:00:00Z' }, // Sat 7, Sun 8 rest → Mon 9 Mar 24:00
  },
  {
    name: 'Acknowledge: received Saturday → Monday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-07T09:00:00+08:00',
    expected: { dueAt: '2026-03-09T16:00:00Z' }, // Sun 8 rest → Mon 9 Mar
  },
  {
    name: 'Acknowledge: received Monday 07:00, before opening — the day of receipt is not the next business day',
    clock: 'acknowledge',
    receivedAt: '2026-03-09T07:00:00+08:00',
    expected: { dueAt: '2026-03-10T16:00:00Z' }, // Tue 10 Mar 24:00
  },

  // ── 春节 2026: days off Sun 15 … Mon 23 Feb; 调休上班 Sat 14 Feb and Sat 28 Feb ──
  {
    name: '民法典 第二百零三条 最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日: last day in 春节 2026 → Tuesday 24 February',
    clock: 'resolve',
    receivedAt: '2026-02-06T10:00:00+08:00',
    expected: { dueAt: '2026-02-24T16:00:00Z' }, // 6 + 15 = Sat 21 Feb (春节) → 22, 23 off → Tue 24 Feb
  },
  {
    name: '民法典 第二百零三条: last day the 调休 Monday 23 February (a day off) → Tuesday 24 February',
    clock: 'resolve',
    receivedAt: '2026-02-08T12:00:00+08:00',
    expected: { dueAt: '2026-02-24T16:00:00Z' }, // 8 + 15 = Mon 23 Feb (调休 off) → Tue 24 Feb
  },
  {
    name: '调休上班: last day Saturday 28 February, a make-up working day, stays',
    clock: 'resolve',
    receivedAt: '2026-02-13T10:00:00+08:00',
    expected: { dueAt: '2026-02-28T16:00:00Z' }, // 13 + 15 = Sat 28 Feb (worked) → stays
  },
  {
    name: '第二十条 15日: received on the make-up Saturday 14 February → last day Sunday 1 March (rest) → Monday 2 March',
    clock: 'resolve',
    receivedAt: '2026-02-14T10:00:00+08:00',
    expected: { dueAt: '2026-03-02T16:00:00Z' }, // 14 + 15 = Sun 1 Mar (rest) → Mon 2 Mar
  },
  {
    name: '民法典 第二百零一条: received on 正月初一 (a holiday) — the days of the break are counted, only the last day moves',
    clock: 'resolve',
    receivedAt: '2026-02-17T11:00:00+08:00',
    expected: { dueAt: '2026-03-04T16:00:00Z' }, // 17 Feb + 15 = Wed 4 Mar (working)
  },
  {
    name: 'Acknowledge: received Friday 13 February evening → the make-up Saturday 14 February is the next business day',
    clock: 'acknowledge',
    receivedAt: '2026-02-13T18:00:00+08:00',
    expected: { dueAt: '2026-02-14T16:00:00Z' }, // Sat 14 Feb is 调休上班
  },
  {
    name: 'Acknowledge: received on the make-up Saturday 14 February → after the whole 春节 break, Tuesday 24 February',
    clock: 'acknowledge',
    receivedAt: '2026-02-14T12:00:00+08:00',
    expected: { dueAt: '2026-02-24T16:00:00Z' }, // 15 … 23 Feb off → Tue 24 Feb
  },
  {
    name: 'Acknowledge: received during 春节 (Wednesday 18 February) → Tuesday 24 February',
    clock: 'acknowledge',
    receivedAt: '2026-02-18T09:30:00+08:00',
    expected: { dueAt: '2026-02-24T16:00:00Z' }, // 19 … 23 Feb off → Tue 24 Feb
  },
  {
    name: 'Acknowledge: received Friday 27 February → the make-up Saturday 28 February',
    clock: 'acknowledge',
    receivedAt: '2026-02-27T16:00:00+08:00',
    expected: { dueAt: '2026-02-28T16:00:00Z' }, // Sat 28 Feb is 调休上班
  },

  // ── 以法定休假日结束的次日: the day after the holiday is a make-up Sunday (清明 2024, 元旦 2026) ──
  {
    name: '民法典 第二百零三条: last day in 清明 2024 (off Thu 4 … Sat 6 Apr) → the day after is the make-up Sunday 7 April',
    clock: 'resolve',
    receivedAt: '2024-03-21T10:00:00+08:00',
    expected: { dueAt: '2024-04-07T16:00:00Z' }, // 21 Mar + 15 = Fri 5 Apr (调休 off), Sat 6 off → Sun 7 Apr (worked)
  },
  {
    name: '民法典 第二百零三条: last day 元旦 2026 (off Thu 1 … Sat 3 Jan) → the make-up Sunday 4 January',
    clock: 'resolve',
    receivedAt: '2025-12-17T10:00:00+08:00',
    expected: { dueAt: '2026-01-04T16:00:00Z' }, // 17 Dec + 15 = Thu 1 Jan → 2, 3 off → Sun 4 Jan (worked)
  },

  // ── 国庆节 2024: days off Tue 1 … Mon 7 Oct; 调休上班 Sun 29 Sep, Sat 12 Oct (中秋 15-17 Sep, 调休上班 Sat 14 Sep) ──
  {
    name: '调休上班: last day the make-up Sunday 29 September 2024 stays (received on the make-up Saturday 14 September)',
    clock: 'resolve',
    receivedAt: '2024-09-14T10:00:00+08:00',
    expected: { dueAt: '2024-09-29T16:00:00Z' }, // 14 + 15 = Sun 29 Sep (worked)
  },
  {
    name: '民法典 第二百零三条: received on 中秋 2024, last day 1 October → the day after 国庆节, Tuesday 8 October',
    clock: 'resolve',
    receivedAt: '2024-09-16T10:00:00+08:00',
    expected: { dueAt: '2024-10-08T16:00:00Z' }, // 16 Sep + 15 = Tue 1 Oct (off to 7 Oct) → Tue 8 Oct
  },
  {
    name: '民法典 第二百零三条: last day Saturday 5 October 2024, inside 国庆节 → Tuesday 8 October',
    clock: 'resolve',
    receivedAt: '2024-09-20T15:00:00+08:00',
    expected: { dueAt: '2024-10-08T16:00:00Z' }, // 20 Sep + 15 = Sat 5 Oct → Tue 8 Oct
  },
  {
    name: '调休上班: last day the make-up Saturday 12 October 2024 stays',
    clock: 'resolve',
    receivedAt: '2024-09-27T10:00:00+08:00',
    expected: { dueAt: '2024-10-12T16:00:00Z' }, // 27 Sep + 15 = Sat 12 Oct (worked)
  },
  {
    name: 'Acknowledge: received Saturday 28 September 2024 → the make-up Sunday 29 September',
    clock: 'acknowledge',
    receivedAt: '2024-09-28T10:00:00+08:00',
    expected: { dueAt: '2024-09-29T16:00:00Z' },
  },
  {
    name: 'Acknowledge: received Monday 30 September 2024 → after 国庆节, Tuesday 8 October',
    clock: 'acknowledge',
    receivedAt: '2024-09-30T15:00:00+08:00',
    expected: { dueAt: '2024-10-08T16:00:00Z' }, // 1 … 7 Oct off
  },

  // ── 国庆节 2025: days off Wed 1 … Wed 8 Oct (中秋 on 6 Oct); 调休上班 Sun 28 Sep, Sat 11 Oct ──
  {
    name: '调休上班: last day the make-up Sunday 28 September 2025 stays',
    clock: 'resolve',
    receivedAt: '2025-09-13T10:00:00+08:00',
    expected: { dueAt: '2025-09-28T16:00:00Z' }, // Sat 13 Sep + 15 = Sun 28 Sep (worked)
  },
  {
    name: '民法典 第二百零三条: last day 1 October 2025 → the day after the eight-day break, Thursday 9 October',
    clock: 'resolve',
    receivedAt: '2025-09-16T10:00:00+08:00',
    expected: { dueAt: '2025-10-09T16:00:00Z' }, // 16 Sep + 15 = Wed 1 Oct (off to 8 Oct) → Thu 9 Oct
  },
  {
    name: '民法典 第二百零三条: last day the 调休 Wednesday 8 October 2025 → Thursday 9 October',
    clock: 'resolve',
    receivedAt: '2025-09-23T10:00:00+08:00',
    expected: { dueAt: '2025-10-09T16:00:00Z' }, // 23 Sep + 15 = Wed 8 Oct (off) → Thu 9 Oct
  },
  {
    name: '调休上班: last day the make-up Saturday 11 October 2025 stays',
    clock: 'resolve',
    receivedAt: '2025-09-26T10:00:00+08:00',
    expected: { dueAt: '2025-10-11T16:00:00Z' }, // 26 Sep + 15 = Sat 11 Oct (worked)
  },
  {
    name: 'Acknowledge: received Friday evening 26 September 2025 → the make-up Sunday 28 September',
    clock: 'acknowledge',
    receivedAt: '2025-09-26T19:00:00+08:00',
    expected: { dueAt: '2025-09-28T16:00:00Z' }, // Sat 27 rest, Sun 28 worked
  },
  {
    name: 'Acknowledge: received Tuesday 30 September 2025 → Thursday 9 October',
    clock: 'acknowledge',
    receivedAt: '2025-09-30T11:00:00+08:00',
    expected: { dueAt: '2025-10-09T16:00:00Z' }, // 1 … 8 Oct off
  },

  // ── 中秋 + 国庆节 2026: 中秋 Fri 25 … Sun 27 Sep; 国庆 Thu 1 … Wed 7 Oct; 调休上班 Sun 20 Sep, Sat 10 Oct ──
  {
    name: '调休上班: last day the make-up Sunday 20 September 2026 stays',
    clock: 'resolve',
    receivedAt: '2026-09-05T10:00:00+08:00',
    expected: { dueAt: '2026-09-20T16:00:00Z' }, // Sat 5 Sep + 15 = Sun 20 Sep (worked)
  },
  {
    name: '民法典 第二百零三条: last day on 中秋 2026 (Friday 25 September) → Monday 28 September',
    clock: 'resolve',
    receivedAt: '2026-09-10T10:00:00+08:00',
    expected: { dueAt: '2026-09-28T16:00:00Z' }, // 10 + 15 = Fri 25 Sep (off to 27) → Mon 28 Sep
  },
  {
    name: '民法典 第二百零三条: last day 1 October 2026 → the day after 国庆节, Thursday 8 October',
    clock: 'resolve',
    receivedAt: '2026-09-16T10:00:00+08:00',
    expected: { dueAt: '2026-10-08T16:00:00Z' }, // 16 Sep + 15 = Thu 1 Oct (off to 7) → Thu 8 Oct
  },
  {
    name: '民法典 第二百零三条: last day the 调休 Wednesday 7 October 2026 → Thursday 8 October',
    clock: 'resolve',
    receivedAt: '2026-09-22T10:00:00+08:00',
    expected: { dueAt: '2026-10-08T16:00:00Z' }, // 22 Sep + 15 = Wed 7 Oct (off) → Thu 8 Oct
  },
  {
    name: '调休上班: received on 中秋 2026, last day the make-up Saturday 10 October stays',
    clock: 'resolve',
    receivedAt: '2026-09-25T10:00:00+08:00',
    expected: { dueAt: '2026-10-10T16:00:00Z' }, // 25 Sep + 15 = Sat 10 Oct (worked)
  },
  {
    name: '民法典 第二百零三条: last day an ordinary Sunday after 国庆节 (11 October 2026) → Monday 12 October',
    clock: 'resolve',
    receivedAt: '2026-09-26T10:00:00+08:00',
    expected: { dueAt: '2026-10-12T16:00:00Z' }, // 26 Sep + 15 = Sun 11 Oct (rest) → Mon 12 Oct
  },
  {
    name: 'Acknowledge: received Saturday 19 September 2026 → the make-up Sunday 20 September',
    clock: 'acknowledge',
    receivedAt: '2026-09-19T10:00:00+08:00',
    expected: { dueAt: '2026-09-20T16:00:00Z' },
  },
  {
    name: 'Acknowledge: received Thursday evening before 中秋 2026 → Monday 28 September',
    clock: 'acknowledge',
    receivedAt: '2026-09-24T18:00:00+08:00',
    expected: { dueAt: '2026-09-28T16:00:00Z' }, // 25 … 27 Sep off
  },
  {
    name: 'Acknowledge: received the evening before 国庆节 2026 → Thursday 8 October',
    clock: 'acknowledge',
    receivedAt: '2026-09-30T17:00:00+08:00',
    expected: { dueAt: '2026-10-08T16:00:00Z' }, // 1 … 7 Oct off
  },
  {
    name: 'Acknowledge: received Friday 9 October 2026 → the make-up Saturday 10 October',
    clock: 'acknowledge',
    receivedAt: '2026-10-09T16:00:00+08:00',
    expected: { dueAt: '2026-10-10T16:00:00Z' },
  },

  // ── 第二十条: extensions (received Mon 2 Mar 2026; 15 days end Tue 17 Mar) ──
  {
    name: '第二十条 情况复杂的可以延长至30日: an agent extends to 30 days, no notice required',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-12T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' }],
    // 2 Mar + 30 = Wed 1 Apr (working) → 24:00
    expected: {
      dueAt: '2026-04-01T16:00:00Z',
      extensionAllowed: true,
      customerNotice: false,
      rule: 'complex cases may take up to 30 days',
    },
  },
  {
    name: '第二十条 经…高级管理人员审批并告知投诉人，可以再延长30日: a lead takes it 30 → 60, with notice; 劳动节 moves the last day',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-12T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' },
      { at: '2026-03-30T10:00:00+08:00', action: 'extend', days: 60, role: 'lead' },
    ],
    // 2 Mar + 60 = Fri 1 May (劳动节, off 1 … 5 May) → Wed 6 May 24:00
    expected: {
      dueAt: '2026-05-06T16:00:00Z',
      extensionAllowed: true,
      customerNotice: true,
      rule: 'senior approval and notice to the complainant',
    },
  },
  {
    name: '第二十条 再延长30日 needs 高级管理人员审批: an agent asking 30 → 60 is refused with the rule, the 30 days stand',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-12T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' },
      { at: '2026-03-30T10:00:00+08:00', action: 'extend', days: 60, role: 'agent' },
    ],
    expected: {
      dueAt: '2026-04-01T16:00:00Z', // the 30-day end stands
      extensionAllowed: false,
      rule: 'especially complex cases a further 30 days with senior approval and notice to the complainant — needs approval by lead or admin',
    },
  },
  {
    name: '第二十条: an agent cannot go straight from 15 to 60 days',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-05T10:00:00+08:00', action: 'extend', days: 60, role: 'agent' }],
    expected: { dueAt: DUE_17_MAR, extensionAllowed: false, rule: 'needs approval by lead or admin' },
  },
  {
    name: '第二十条 15 + 15 + 30: beyond 60 days in total is refused, even for an admin',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-05T10:00:00+08:00', action: 'extend', days: 61, role: 'admin' }],
    expected: { dueAt: DUE_17_MAR, extensionAllowed: false, rule: 'at most 60 days in total' },
  },
  {
    name: '第二十条: after the 60-day extension no further extension is possible',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-05T10:00:00+08:00', action: 'extend', days: 60, role: 'lead' },
      { at: '2026-04-20T10:00:00+08:00', action: 'extend', days: 75, role: 'admin' },
    ],
    // 2 Mar + 60 = Fri 1 May (劳动节) → Wed 6 May
    expected: { dueAt: '2026-05-06T16:00:00Z', extensionAllowed: false, rule: 'at most 60 days in total' },
  },
  {
    name: '第二十条: "extending" to 15 days is no extension',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-05T10:00:00+08:00', action: 'extend', days: 15, role: 'lead' }],
    expected: { dueAt: DUE_17_MAR, extensionAllowed: false, rule: 'must go beyond the current 15 days' },
  },
  {
    name: '第十五条 撤回…处理程序终止: a withdrawn complaint cannot be extended',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-06T10:00:00+08:00', action: 'stop', reason: 'withdrawn' },
      { at: '2026-03-09T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' },
    ],
    expected: { dueAt: DUE_17_MAR, state: 'met', extensionAllowed: false, rule: 'already stopped' },
  },
  {
    name: '第二十条 延长至60日 reaching into 2027: the answer is provisional (no 2027 State Council notice yet)',
    clock: 'resolve',
    receivedAt: '2026-11-30T10:00:00+08:00',
    steps: [{ at: '2026-12-08T10:00:00+08:00', action: 'extend', days: 60, role: 'lead' }],
    // 30 Nov + 60 = Fri 29 Jan 2027 (working in the provisional data)
    expected: {
      dueAt: '2027-01-29T16:00:00Z',
      provisional: true,
      extensionAllowed: true,
      customerNotice: true,
    },
  },
  {
    name: '第二十条 + 鉴定 excluded: an extension keeps the time already paused off the clock',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-04T15:30:00+08:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-09T10:00:00+08:00', action: 'resume' },
      { at: '2026-03-12T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' },
    ],
    // paused: 4 Mar 15:30-17:30 (2 h) + 5, 6 Mar (8.5 h each) + 9 Mar 09:00-10:00 (1 h) = 20 h.
    // 30 days end Wed 1 Apr 24:00; + 20 business hours: Thu 2 Apr 8.5, Fri 3 Apr 8.5,
    // 4-6 Apr 清明 off, Tue 7 Apr 09:00 + 3 h = 12:00 (04:00Z)
    expected: { dueAt: '2026-04-07T04:00:00Z', extensionAllowed: true },
  },

  // ── 第二十条 鉴定、检测、评估 … 相关期间可以不计入; awaiting the complainant ──
  {
    name: 'Awaiting the complainant: the deadline moves by exactly the business time the clock was paused',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-04T15:30:00+08:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-09T10:00:00+08:00', action: 'resume' },
    ],
    // paused 2 + 8.5 + 8.5 + 1 = 20 business hours. From 17 Mar 24:00: Wed 18 Mar 8.5 h,
    // Thu 19 Mar 8.5 h, Fri 20 Mar 09:00 + 3 h = 12:00 (04:00Z)
    expected: { dueAt: '2026-03-20T04:00:00Z', pauseApplied: true },
  },
  {
    name: '第二十条 鉴定…不计入: an appraisal across 清明 2026 takes out only its business time',
    clock: 'resolve',
    receivedAt: '2026-03-30T10:00:00+08:00',
    steps: [
      { at: '2026-04-02T14:00:00+08:00', action: 'pause', reason: 'appraisal' },
      { at: '2026-04-07T11:00:00+08:00', action: 'resume' },
    ],
    // 30 Mar + 15 = Tue 14 Apr 24:00. Paused: Thu 2 Apr 14:00-17:30 (3.5 h), Fri 3 Apr 8.5 h,
    // 4-6 Apr 清明 off (0), Tue 7 Apr 09:00-11:00 (2 h) = 14 h.
    // From 14 Apr 24:00: Wed 15 Apr 8.5 h, Thu 16 Apr 09:00 + 5.5 h = 14:30 (06:30Z)
    expected: { dueAt: '2026-04-16T06:30:00Z', pauseApplied: true },
  },
  {
    name: '第二十条 鉴定…不计入: the moved deadline skips 国庆节 2026',
    clock: 'resolve',
    receivedAt: '2026-09-15T10:00:00+08:00',
    steps: [
      { at: '2026-09-21T09:00:00+08:00', action: 'pause', reason: 'appraisal' },
      { at: '2026-09-22T17:30:00+08:00', action: 'resume' },
    ],
    // 15 Sep + 15 = Wed 30 Sep 24:00. Paused: Mon 21 + Tue 22 Sep, 2 × 8.5 = 17 h.
    // From 30 Sep 24:00: 1-7 Oct off, Thu 8 Oct 8.5 h, Fri 9 Oct 8.5 h → 17:30 (09:30Z)
    expected: { dueAt: '2026-10-09T09:30:00Z' },
  },
  {
    name: '第二十条 鉴定…不计入: an appraisal spanning 春节 2026 counts the make-up Saturdays as business time',
    clock: 'resolve',
    receivedAt: '2026-02-09T10:00:00+08:00',
    steps: [
      { at: '2026-02-12T09:00:00+08:00', action: 'pause', reason: 'appraisal' },
      { at: '2026-02-25T09:00:00+08:00', action: 'resume' },
    ],
    // 9 Feb + 15 = Tue 24 Feb 24:00. Paused: Thu 12, Fri 13, Sat 14 (调休上班) Feb, 15-23 off,
    // Tue 24 Feb: 4 × 8.5 = 34 h. From 24 Feb 24:00: Wed 25, Thu 26, Fri 27 Feb and
    // Sat 28 Feb (调休上班) 8.5 h each → Sat 28 Feb 17:30 (09:30Z)
    expected: { dueAt: '2026-02-28T09:30:00Z' },
  },
  {
    name: 'Paused for appraisal and not yet resumed: the clock is paused, the deadline not yet moved',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-05T10:00:00+08:00', action: 'pause', reason: 'appraisal' }],
    expected: { dueAt: DUE_17_MAR, state: 'paused', pauseApplied: true },
  },
  {
    name: 'Awaiting the complainant from Friday 18:00 to Monday 08:30: no business time paused, no move',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-06T18:00:00+08:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-09T08:30:00+08:00', action: 'resume' },
    ],
    expected: { dueAt: DUE_17_MAR },
  },
  {
    name: 'Two pauses add up: 8.5 h and 4 h of business time',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-04T09:00:00+08:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-04T17:30:00+08:00', action: 'resume' },
      { at: '2026-03-10T09:00:00+08:00', action: 'pause', reason: 'appraisal' },
      { at: '2026-03-10T13:00:00+08:00', action: 'resume' },
    ],
    // 12.5 h from 17 Mar 24:00: Wed 18 Mar 8.5 h, Thu 19 Mar 09:00 + 4 h = 13:00 (05:00Z)
    expected: { dueAt: '2026-03-19T05:00:00Z' },
  },

  // ── 投诉人提出新的事实和理由的，处理期限自收到新的投诉材料之日起重新计算 ──
  {
    name: '新的事实和理由: the 15 days run again from the receipt of the new material',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-12T15:00:00+08:00', action: 'restart', reason: 'new-facts' }],
    // 12 Mar + 15 = Fri 27 Mar 24:00
    expected: { dueAt: '2026-03-27T16:00:00Z', startedAt: '2026-03-12T07:00:00Z' },
  },
  {
    name: '新的事实和理由: the new period ends in 清明 2026 → Tuesday 7 April',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-20T10:00:00+08:00', action: 'restart', reason: 'new-facts' }],
    // 20 Mar + 15 = Sat 4 Apr (清明 off 4-6) → Tue 7 Apr 24:00
    expected: { dueAt: '2026-04-07T16:00:00Z' },
  },
  {
    name: '新的事实和理由 while awaiting the complainant: the new period replaces the pause',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-04T15:30:00+08:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-10T10:00:00+08:00', action: 'restart', reason: 'new-facts' },
    ],
    // 10 Mar + 15 = Wed 25 Mar 24:00, running
    expected: { dueAt: '2026-03-25T16:00:00Z' },
  },
  {
    name: '新的事实和理由 received during 春节 2026: counted from that day',
    clock: 'resolve',
    receivedAt: '2026-02-02T10:00:00+08:00',
    steps: [{ at: '2026-02-21T10:00:00+08:00', action: 'restart', reason: 'new-facts' }],
    // 21 Feb + 15 = Sun 8 Mar (rest) → Mon 9 Mar 24:00
    expected: { dueAt: '2026-03-09T16:00:00Z' },
  },
  {
    name: '新的事实和理由 after an extension to 30 days: 处理期限…重新计算 — a fresh 15-day period from the new material',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-10T10:00:00+08:00', action: 'extend', days: 30, role: 'agent' },
      { at: '2026-03-12T15:00:00+08:00', action: 'restart', reason: 'new-facts' },
    ],
    // 12 Mar + 15 = Fri 27 Mar 24:00
    expected: { dueAt: '2026-03-27T16:00:00Z' },
  },

  // ── 第十五条 投诉人撤回消费投诉的，消费投诉处理程序自…收到撤回申请当日终止 ──
  {
    name: '第十五条 撤回: withdrawn before the deadline → the clock stops met',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-10T10:00:00+08:00', action: 'stop', reason: 'withdrawn' }],
    expected: { dueAt: DUE_17_MAR, state: 'met' },
  },
  {
    name: '第十五条 撤回 at 23:59:59 of the last day: still within the period (ends 24:00)',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-17T23:59:59+08:00', action: 'stop', reason: 'withdrawn' }],
    expected: { dueAt: DUE_17_MAR, state: 'met' },
  },
  {
    name: '第十五条 撤回 after the period ended: the late decision stays breached',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-18T09:00:00+08:00', action: 'stop', reason: 'withdrawn' }],
    expected: { dueAt: DUE_17_MAR, state: 'breached' },
  },
  {
    name: '第十五条 撤回 during an appraisal that runs past the original date: the appraisal time is not counted, so not late',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-16T09:00:00+08:00', action: 'pause', reason: 'appraisal' },
      { at: '2026-03-18T10:00:00+08:00', action: 'stop', reason: 'withdrawn' },
    ],
    // paused up to the withdrawal: Mon 16, Tue 17 Mar 8.5 h each + Wed 18 Mar 09:00-10:00 = 18 h.
    // From 17 Mar 24:00: Wed 18 8.5 h, Thu 19 8.5 h, Fri 20 Mar 09:00 + 1 h = 10:00 (02:00Z)
    expected: { dueAt: '2026-03-20T02:00:00Z', state: 'met' },
  },

  // ── 2027: provisional holiday data (no State Council notice yet) ──
  {
    name: 'Acknowledge on New Year’s Eve 2026: the next business day is in 2027 → provisional',
    clock: 'acknowledge',
    receivedAt: '2026-12-31T16:00:00+08:00',
    expected: { dueAt: '2027-01-04T16:00:00Z', provisional: true }, // 1 Jan (元旦), 2-3 Jan weekend → Mon 4 Jan
  },
  {
    name: 'Acknowledge on 30 December 2026: answered from official 2026 data → not provisional',
    clock: 'acknowledge',
    receivedAt: '2026-12-30T10:00:00+08:00',
    expected: { dueAt: '2026-12-31T16:00:00Z' }, // Thu 31 Dec 2026
  },
  {
    name: '民法典 第二百零三条 with 2027 data: last day 元旦 2027 → Monday 4 January, provisional',
    clock: 'resolve',
    receivedAt: '2026-12-17T10:00:00+08:00',
    expected: { dueAt: '2027-01-04T16:00:00Z', provisional: true }, // 17 Dec + 15 = Fri 1 Jan → Mon 4 Jan
  },
  {
    name: '第二十条 15日 with a last day in 2027 on a working day: still provisional (the notice could change it)',
    clock: 'resolve',
    receivedAt: '2026-12-20T10:00:00+08:00',
    expected: { dueAt: '2027-01-04T16:00:00Z', provisional: true }, // 20 Dec + 15 = Mon 4 Jan 2027
  },
  {
    name: '第二十条 15日 ending Christmas Day 2026 (a CN working day): official data → not provisional',
    clock: 'resolve',
    receivedAt: '2026-12-10T10:00:00+08:00',
    expected: { dueAt: '2026-12-25T16:00:00Z' }, // 10 Dec + 15 = Fri 25 Dec 2026
  },
  {
    name: '民法典 第二百零三条 with provisional 春节 2027 (5-10 Feb): last day moves to Thursday 11 February, provisional',
    clock: 'resolve',
    receivedAt: '2027-01-21T10:00:00+08:00',
    expected: { dueAt: '2027-02-11T16:00:00Z', provisional: true }, // 21 Jan + 15 = Fri 5 Feb → Thu 11 Feb
  },
];

scenarioTable('cn-nfra', rows);
