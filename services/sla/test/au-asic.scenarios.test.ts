/**
 * au-asic: ASIC RG 271 (Internal dispute resolution) and the General Insurance Code of Practice on
 * the AU-NSW calendar (Australia/Sydney, 09:00-17:00; NSW public holidays, additional days included).
 *
 * How the expected instants were worked out (by hand, from shared/calendar/data/au-nsw.json):
 * - acknowledge (RG 271: "within 24 hours (or one business day)"): the later of receipt + 24 h
 *   and 24:00 of the first business day after the local date of receipt. The second is always the
 *   later one (24:00 of a later day is more than 24 h after any moment of the day of receipt).
 * - resolve (RG 271: IDR response "no later than 30 calendar days after receiving the complaint",
 *   21 for hardship and default notices): the local date of receipt + 30 (or 21), ending 24:00
 *   Sydney time; weekends and public holidays do not move it.
 * - progress-update (General Insurance Code: inform the complainant at least every 10 business
 *   days): 24:00 of the 10th business day after the local date of receipt or of the last contact.
 * - Sydney: AEDT (UTC+11) until Sun 5 Apr 2026 03:00 (→ 02:00 AEST, UTC+10), AEDT again from
 *   Sun 4 Oct 2026 02:00 (→ 03:00). So 24:00 local = 13:00Z (AEDT) or 14:00Z (AEST) of the date.
 */
import { type Scenario, scenarioTable } from './scenario-table';

// Received Monday 9 March 2026 10:00 AEDT; 9 Mar + 30 = Wed 8 Apr, 24:00 AEST = 14:00Z.
const MON_9_MAR = '2026-03-09T10:00:00+11:00';
const IDR_DUE_8_APR = '2026-04-08T14:00:00Z';

const rows: Scenario[] = [
  // ── RG 271 acknowledge within 24 hours (or one business day): an ordinary week (March 2026, AEDT) ──
  {
    name: 'RG 271 acknowledge within 24 hours (or one business day): received Monday → Tuesday 24:00',
    clock: 'acknowledge',
    receivedAt: MON_9_MAR,
    expected: { dueAt: '2026-03-10T13:00:00Z' }, // Tue 10 Mar 24:00 AEDT (later than Tue 10:00)
  },
  {
    name: 'RG 271 acknowledge: received Tuesday → Wednesday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-10T10:00:00+11:00',
    expected: { dueAt: '2026-03-11T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received Wednesday → Thursday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-11T10:00:00+11:00',
    expected: { dueAt: '2026-03-12T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received Thursday → Friday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-12T10:00:00+11:00',
    expected: { dueAt: '2026-03-13T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received Friday evening — 24 hours would end on Saturday; one business day ends Monday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-13T19:00:00+11:00',
    expected: { dueAt: '2026-03-16T13:00:00Z' }, // Mon 16 Mar 24:00 AEDT
  },
  {
    name: 'RG 271 acknowledge: received Saturday → Monday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-14T10:00:00+11:00',
    expected: { dueAt: '2026-03-16T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received Sunday → Monday 24:00',
    clock: 'acknowledge',
    receivedAt: '2026-03-15T10:00:00+11:00',
    expected: { dueAt: '2026-03-16T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received Monday 23:30 — 24 hours (Tuesday 23:30) is earlier than the end of Tuesday',
    clock: 'acknowledge',
    receivedAt: '2026-03-09T23:30:00+11:00',
    expected: { dueAt: '2026-03-10T13:00:00Z' }, // Tue 10 Mar 24:00 AEDT
  },
  {
    name: 'RG 271 acknowledge: 00:30 Monday in Sydney (Sunday in UTC) is a Monday receipt',
    clock: 'acknowledge',
    receivedAt: '2026-03-08T13:30:00Z', // = Mon 9 Mar 00:30 AEDT
    expected: { dueAt: '2026-03-10T13:00:00Z' },
  },

  // ── Easter 2026 (Good Friday 3 … Easter Monday 6 Apr) with the end of daylight saving on 5 Apr ──
  {
    name: 'RG 271 acknowledge before Easter 2026: received Wednesday 1 April → Thursday 2 April 24:00 AEDT',
    clock: 'acknowledge',
    receivedAt: '2026-04-01T10:00:00+11:00',
    expected: { dueAt: '2026-04-02T13:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge across Easter 2026 and the DST change: received Thursday 2 April → Tuesday 7 April 24:00 AEST',
    clock: 'acknowledge',
    receivedAt: '2026-04-02T14:00:00+11:00',
    expected: { dueAt: '2026-04-07T14:00:00Z' }, // Fri 3 … Mon 6 off → Tue 7 Apr
  },
  {
    name: 'RG 271 acknowledge: received on Good Friday → Tuesday 7 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-03T10:00:00+11:00',
    expected: { dueAt: '2026-04-07T14:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge: received in the repeated hour of Easter Sunday (02:30 AEST) → Tuesday 7 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-05T02:30:00+10:00',
    expected: { dueAt: '2026-04-07T14:00:00Z' }, // Mon 6 off → Tue 7 Apr
  },

  // ── Anzac Day: Sat 25 Apr 2026 with the additional Monday 27 Apr; Fri 25 Apr 2025 ──
  {
    name: 'RG 271 acknowledge across Anzac Day 2026 and its additional Monday: received Friday 24 April → Tuesday 28 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-24T10:00:00+10:00',
    expected: { dueAt: '2026-04-28T14:00:00Z' }, // Mon 27 off → Tue 28 Apr 24:00 AEST
  },
  {
    name: 'RG 271 acknowledge: received Sunday 26 April 2026 → Tuesday 28 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-26T10:00:00+10:00',
    expected: { dueAt: '2026-04-28T14:00:00Z' },
  },
  {
    name: 'RG 271 acknowledge across Anzac Day 2025 (a Friday): received Thursday 24 April 2025 → Monday 28 April',
    clock: 'acknowledge',
    receivedAt: '2025-04-24T10:00:00+10:00',
    expected: { dueAt: '2025-04-28T14:00:00Z' }, // Fri 25 off → Mon 28 Apr 2025
  },

  // ── Christmas 2026, New Year 2027, Labour Day with the start of daylight saving ──
  {
    name: 'RG 271 acknowledge across Christmas 2026 (additional Boxing Day holiday Mon 28 Dec) → Tuesday 29 December',
    clock: 'acknowledge',
    receivedAt: '2026-12-24T10:00:00+11:00',
    expected: { dueAt: '2026-12-29T13:00:00Z' }, // 25, 26, 28 Dec off → Tue 29 Dec 24:00 AEDT
  },
  {
    name: 'RG 271 acknowledge on New Year’s Eve 2026 → Monday 4 January 2027 (official NSW data)',
    clock: 'acknowledge',
    receivedAt: '2026-12-31T10:00:00+11:00',
    expected: { dueAt: '2027-01-04T13:00:00Z' }, // Fri 1 Jan off → Mon 4 Jan
  },
  {
    name: 'RG 271 acknowledge across the DST start and Labour Day 2026: received Friday 2 October → Tuesday 6 October 24:00 AEDT',
    clock: 'acknowledge',
    receivedAt: '2026-10-02T10:00:00+10:00',
    expected: { dueAt: '2026-10-06T13:00:00Z' }, // Mon 5 Oct off → Tue 6 Oct
  },
  {
    name: 'RG 271 acknowledgement sent the next afternoon → met',
    clock: 'acknowledge',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-10T16:00:00+11:00', action: 'stop', reason: 'acknowledgement sent' }],
    expected: { dueAt: '2026-03-10T13:00:00Z', state: 'met' },
  },

  // ── RG 271 IDR response no later than 30 calendar days after receipt ──
  {
    name: 'RG 271 IDR response within 30 calendar days: received Monday 9 March → Wednesday 8 April 24:00 AEST',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    expected: { dueAt: IDR_DUE_8_APR }, // 9 Mar + 30 = Wed 8 Apr
  },
  {
    name: 'RG 271 30 calendar days: received Friday evening 13 March → Sunday 12 April, not moved off the weekend',
    clock: 'resolve',
    receivedAt: '2026-03-13T19:00:00+11:00',
    expected: { dueAt: '2026-04-12T14:00:00Z' }, // 13 Mar + 30 = Sun 12 Apr
  },
  {
    name: 'RG 271 30 calendar days: received Wednesday 25 March → Friday 24 April (the day before Anzac Day)',
    clock: 'resolve',
    receivedAt: '2026-03-25T10:00:00+11:00',
    expected: { dueAt: '2026-04-24T14:00:00Z' }, // 25 Mar + 30 = Fri 24 Apr
  },
  {
    name: 'RG 271 30 calendar days ending on Easter Saturday 2026 (still AEDT at 24:00) — not moved',
    clock: 'resolve',
    receivedAt: '2026-03-05T10:00:00+11:00',
    expected: { dueAt: '2026-04-04T13:00:00Z' }, // 5 Mar + 30 = Sat 4 Apr; 24:00 AEDT (DST ends 03:00 on the 5th)
  },
  {
    name: 'RG 271 30 calendar days ending on Easter Sunday, the 25-hour day DST ends → 24:00 AEST',
    clock: 'resolve',
    receivedAt: '2026-03-06T10:00:00+11:00',
    expected: { dueAt: '2026-04-05T14:00:00Z' }, // 6 Mar + 30 = Sun 5 Apr; 24:00 AEST
  },
  {
    name: 'RG 271 30 calendar days ending Saturday 3 October, the eve of the DST start → 24:00 AEST',
    clock: 'resolve',
    receivedAt: '2026-09-03T10:00:00+10:00',
    expected: { dueAt: '2026-10-03T14:00:00Z' }, // 3 Sep + 30 = Sat 3 Oct
  },
  {
    name: 'RG 271 30 calendar days ending Sunday 4 October, the 23-hour day DST starts → 24:00 AEDT',
    clock: 'resolve',
    receivedAt: '2026-09-04T10:00:00+10:00',
    expected: { dueAt: '2026-10-04T13:00:00Z' }, // 4 Sep + 30 = Sun 4 Oct
  },
  {
    name: 'RG 271 30 calendar days ending on Labour Day 2026 — a public holiday does not move it',
    clock: 'resolve',
    receivedAt: '2026-09-05T10:00:00+10:00',
    expected: { dueAt: '2026-10-05T13:00:00Z' }, // 5 Sep + 30 = Mon 5 Oct
  },
  {
    name: 'RG 271: 00:30 Monday 9 March in Sydney (Sunday in UTC) counts from 9 March',
    clock: 'resolve',
    receivedAt: '2026-03-08T13:30:00Z',
    expected: { dueAt: IDR_DUE_8_APR },
  },
  {
    name: 'RG 271 30 calendar days into 2027 → Saturday 9 January 2027, not provisional',
    clock: 'resolve',
    receivedAt: '2026-12-10T10:00:00+11:00',
    expected: { dueAt: '2027-01-09T13:00:00Z' }, // 10 Dec + 30 = Sat 9 Jan 2027
  },

  // ── RG 271: 21 calendar days for hardship and default notices (the rule's hardshipPeriod) ──
  {
    name: 'RG 271 hardship: IDR response within 21 calendar days → Monday 30 March 24:00 AEDT',
    clock: 'resolve',
    hardship: true,
    receivedAt: MON_9_MAR,
    expected: { dueAt: '2026-03-30T13:00:00Z' }, // 9 Mar + 21 = Mon 30 Mar
  },
  {
    name: 'RG 271 hardship 21 days run through Easter and the DST change → Tuesday 7 April 24:00 AEST',
    clock: 'resolve',
    hardship: true,
    receivedAt: '2026-03-17T10:00:00+11:00',
    expected: { dueAt: '2026-04-07T14:00:00Z' }, // 17 Mar + 21 = Tue 7 Apr
  },
  {
    name: 'RG 271 hardship received on Easter Saturday → Anzac Day, not moved',
    clock: 'resolve',
    hardship: true,
    receivedAt: '2026-04-04T10:00:00+11:00',
    expected: { dueAt: '2026-04-25T14:00:00Z' }, // 4 Apr + 21 = Sat 25 Apr
  },
  {
    name: 'RG 271 hardship with an IDR delay notification: more time to 30 days, the complainant told',
    clock: 'resolve',
    hardship: true,
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-25T10:00:00+11:00', action: 'extend', days: 30, role: 'agent' }],
    expected: { dueAt: IDR_DUE_8_APR, extensionAllowed: true, customerNotice: true }, // 9 Mar + 30
  },

  // ── RG 271 hardship learnt after receipt: an agent marks it (POST /v1/cases/{id}/hardship) ──
  {
    name: 'RG 271 hardship marked by an agent on day 5: the 21 days count from receipt → Monday 30 March',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-14T11:00:00+11:00', action: 'event', event: 'hardship-marked' }],
    expected: { dueAt: '2026-03-30T13:00:00Z' }, // 9 Mar + 21 = Mon 30 Mar
  },
  {
    name: 'RG 271 hardship marked on day 25: the 21 days have already run out → 30 March, now late',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-03T11:00:00+11:00', action: 'event', event: 'hardship-marked' }],
    expected: { dueAt: '2026-03-30T13:00:00Z' },
  },
  {
    name: 'RG 271 hardship marked in error, then unmarked → back to 30 days',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-14T11:00:00+11:00', action: 'event', event: 'hardship-marked' },
      { at: '2026-03-16T11:00:00+11:00', action: 'event', event: 'hardship-unmarked' },
    ],
    expected: { dueAt: IDR_DUE_8_APR },
  },
  {
    name: 'RG 271 hardship marked after an IDR delay notification to 45 days: the extension stands',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-20T10:00:00+11:00', action: 'extend', days: 45, role: 'agent' },
      { at: '2026-03-25T10:00:00+11:00', action: 'event', event: 'hardship-marked' },
    ],
    expected: { dueAt: '2026-04-23T14:00:00Z' }, // 9 Mar + 45 = Thu 23 Apr; 24:00 AEST
  },
  {
    name: 'RG 271 hardship marked after the response was given: the met clock does not change',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-20T10:00:00+11:00', action: 'event', event: 'resolved' },
      { at: '2026-03-21T10:00:00+11:00', action: 'event', event: 'hardship-marked' },
    ],
    expected: { dueAt: IDR_DUE_8_APR, state: 'met' },
  },

  // ── RG 271: more time only with an IDR delay notification ──
  {
    name: 'RG 271 IDR delay notification: an agent extends to 45 days, the complainant must be told',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-01T10:00:00+11:00', action: 'extend', days: 45, role: 'agent' }],
    expected: {
      dueAt: '2026-04-23T14:00:00Z', // 9 Mar + 45 = Thu 23 Apr; 24:00 AEST
      extensionAllowed: true,
      customerNotice: true,
      rule: 'more time only with an IDR delay notification to the complainant',
    },
  },
  {
    name: 'RG 271 IDR delay notification: a lead extends to the 90-day limit',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-01T10:00:00+11:00', action: 'extend', days: 90, role: 'lead' }],
    expected: { dueAt: '2026-06-07T14:00:00Z', extensionAllowed: true, customerNotice: true }, // 9 Mar + 90 = Sun 7 Jun
  },
  {
    name: 'RG 271 delay: 91 days is beyond the 90-day limit → refused, the 30 days stand',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-01T10:00:00+11:00', action: 'extend', days: 91, role: 'admin' }],
    expected: { dueAt: IDR_DUE_8_APR, extensionAllowed: false, rule: 'RG 271.60' },
  },
  {
    name: 'RG 271 delay: after 45 days, a further extension to 95 is refused — at most 90 in total',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-04-01T10:00:00+11:00', action: 'extend', days: 45, role: 'agent' },
      { at: '2026-04-20T10:00:00+10:00', action: 'extend', days: 95, role: 'lead' },
    ],
    expected: { dueAt: '2026-04-23T14:00:00Z', extensionAllowed: false, rule: 'at most 90 days in total' },
  },
  {
    name: 'RG 271 delay: "extending" to 30 days is no extension',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-01T10:00:00+11:00', action: 'extend', days: 30, role: 'agent' }],
    expected: { dueAt: IDR_DUE_8_APR, extensionAllowed: false, rule: 'must go beyond the current 30 days' },
  },
  {
    name: 'RG 271 delay: no extension after the IDR response was given',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-20T10:00:00+11:00', action: 'stop', reason: 'IDR response' },
      { at: '2026-03-25T10:00:00+11:00', action: 'extend', days: 45, role: 'agent' },
    ],
    expected: { dueAt: IDR_DUE_8_APR, state: 'met', extensionAllowed: false, rule: 'already stopped' },
  },

  // ── RG 271 has no pause and counts from receipt ──
  {
    name: 'RG 271 30 calendar days have no pause: awaiting the complainant is refused, the clock keeps running',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-12T10:00:00+11:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-20T10:00:00+11:00', action: 'resume' },
    ],
    expected: { dueAt: IDR_DUE_8_APR, pauseApplied: false },
  },
  {
    name: 'RG 271: no pause for an assessment either',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-12T10:00:00+11:00', action: 'pause', reason: 'appraisal' }],
    expected: { dueAt: IDR_DUE_8_APR, pauseApplied: false },
  },
  {
    name: 'RG 271 "after receiving the complaint": new information does not restart the 30 days',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-20T10:00:00+11:00', action: 'restart', reason: 'new-facts' }],
    expected: { dueAt: IDR_DUE_8_APR, startedAt: '2026-03-08T23:00:00Z' },
  },
  {
    name: 'RG 271 IDR response at 23:59 on the 30th day → met',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-08T23:59:00+10:00', action: 'stop', reason: 'IDR response' }],
    expected: { dueAt: IDR_DUE_8_APR, state: 'met' },
  },
  {
    name: 'RG 271 IDR response on the 31st day → breached',
    clock: 'resolve',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-04-09T09:00:00+10:00', action: 'stop', reason: 'IDR response' }],
    expected: { dueAt: IDR_DUE_8_APR, state: 'breached' },
  },

  // ── General Insurance Code of Practice: inform the complainant at least every 10 business days ──
  {
    name: 'GI Code progress update within 10 business days: received Monday 9 March → Monday 23 March 24:00',
    clock: 'progress-update',
    receivedAt: MON_9_MAR,
    expected: { dueAt: '2026-03-23T13:00:00Z' }, // 10-13, 16-20, 23 Mar = 10 business days
  },
  {
    name: 'GI Code progress update: received Friday evening 13 March → Friday 27 March',
    clock: 'progress-update',
    receivedAt: '2026-03-13T19:00:00+11:00',
    expected: { dueAt: '2026-03-27T13:00:00Z' }, // 16-20, 23-27 Mar
  },
  {
    name: 'GI Code progress update across Easter 2026: received Wednesday 25 March → Friday 10 April',
    clock: 'progress-update',
    receivedAt: '2026-03-25T10:00:00+11:00',
    // 26, 27, 30, 31 Mar, 1, 2 Apr (6), Good Friday … Easter Monday off, 7, 8, 9, 10 Apr (10); AEST
    expected: { dueAt: '2026-04-10T14:00:00Z' },
  },
  {
    name: 'GI Code progress update across Anzac Day 2026: received Friday 17 April → Monday 4 May',
    clock: 'progress-update',
    receivedAt: '2026-04-17T10:00:00+10:00',
    // 20-24 Apr (5), Mon 27 off, 28, 29, 30 Apr, 1 May (9), Mon 4 May (10)
    expected: { dueAt: '2026-05-04T14:00:00Z' },
  },
  {
    name: 'GI Code progress update across the DST start and Labour Day 2026: received Friday 25 September → Monday 12 October',
    clock: 'progress-update',
    receivedAt: '2026-09-25T10:00:00+10:00',
    // 28, 29, 30 Sep, 1, 2 Oct (5), Mon 5 Oct off, 6-9 Oct (9), Mon 12 Oct (10); 24:00 AEDT
    expected: { dueAt: '2026-10-12T13:00:00Z' },
  },
  {
    name: 'GI Code: a progress update given restarts the 10 business days from that contact',
    clock: 'progress-update',
    receivedAt: MON_9_MAR,
    steps: [{ at: '2026-03-19T15:00:00+11:00', action: 'restart', reason: 'customer-contact' }],
    // after Thu 19 Mar: 20, 23-27, 30, 31 Mar, 1 Apr (9), Thu 2 Apr (10); 24:00 AEDT
    expected: { dueAt: '2026-04-02T13:00:00Z', startedAt: '2026-03-19T04:00:00Z' },
  },
  {
    name: 'GI Code: a second contact restarts again, across Easter 2026',
    clock: 'progress-update',
    receivedAt: MON_9_MAR,
    steps: [
      { at: '2026-03-19T15:00:00+11:00', action: 'restart', reason: 'customer-contact' },
      { at: '2026-04-02T11:00:00+11:00', action: 'restart', reason: 'customer-contact' },
    ],
    // after Thu 2 Apr: 3-6 Apr off, 7-10 Apr (4), 13-17 Apr (9), Mon 20 Apr (10); 24:00 AEST
    expected: { dueAt: '2026-04-20T14:00:00Z' },
  },
  {
    name: 'GI Code: a contact before Christmas 2026 → 10 business days end Wednesday 6 January 2027',
    clock: 'progress-update',
    receivedAt: '2026-12-07T10:00:00+11:00',
    steps: [{ at: '2026-12-18T10:00:00+11:00', action: 'restart', reason: 'customer-contact' }],
    // after Fri 18 Dec: 21-24 Dec (4), 25, 28 Dec off, 29-31 Dec (7), 1 Jan off, 4, 5 (9), Wed 6 Jan (10)
    expected: { dueAt: '2027-01-06T13:00:00Z' },
  },
];

scenarioTable('au-asic', rows);
