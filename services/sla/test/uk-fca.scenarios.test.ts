/**
 * uk-fca: FCA DISP 1.5 / 1.6 on the GB-ENG calendar (Europe/London, 09:00-17:00; bank holidays of
 * England and Wales from gov.uk, substitute days included).
 *
 * How the expected instants were worked out (by hand, from shared/calendar/data/gb-eng.json):
 * - acknowledge (DISP 1.5.1: "by close of business on the third business day following the day on
 *   which it is received"): count three business days after the local date of receipt, whatever
 *   the hour; 17:00 London that day = 17:00Z in GMT, 16:00Z in BST. DISP also lets a firm treat
 *   a complaint received after close of business or on a non-business day as received on the next
 *   business day; the clock does not, which gives the earlier (safe) deadline, and so do the rows.
 * - resolve (DISP 1.6.2: "by the end of eight weeks after its receipt"): 56 calendar days after the
 *   local date of receipt, ending 24:00 London time (23:00Z in BST, 24:00Z in GMT); weekends and
 *   bank holidays do not move it.
 * - DST 2026: BST from Sun 29 Mar 01:00Z to Sun 25 Oct 01:00Z.
 * - DISP has no pause and no extension of the eight weeks (a holding response is the answer).
 */
import { type Scenario, scenarioTable } from './scenario-table';

// Received Monday 2 March 2026 10:00 (GMT); 2 Mar + 56 = Mon 27 Apr, 24:00 BST = 23:00Z.
const MON_2_MAR = '2026-03-02T10:00:00+00:00';
const EIGHT_WEEKS_27_APR = '2026-04-27T23:00:00Z';

const rows: Scenario[] = [
  // ── DISP 1.5.1 close of business on the third business day following receipt: an ordinary week (June 2026, BST) ──
  {
    name: 'DISP 1.5.1 third business day following receipt: received Monday → Thursday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    expected: { dueAt: '2026-06-11T16:00:00Z' }, // Tue 9, Wed 10, Thu 11 Jun; 17:00 BST
  },
  {
    name: 'DISP 1.5.1: received Tuesday → Friday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-09T10:00:00+01:00',
    expected: { dueAt: '2026-06-12T16:00:00Z' }, // Wed 10, Thu 11, Fri 12 Jun
  },
  {
    name: 'DISP 1.5.1: received Wednesday → Monday 17:00 (the weekend is not business days)',
    clock: 'acknowledge',
    receivedAt: '2026-06-10T10:00:00+01:00',
    expected: { dueAt: '2026-06-15T16:00:00Z' }, // Thu 11, Fri 12, Mon 15 Jun
  },
  {
    name: 'DISP 1.5.1: received Thursday → Tuesday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-11T10:00:00+01:00',
    expected: { dueAt: '2026-06-16T16:00:00Z' }, // Fri 12, Mon 15, Tue 16 Jun
  },
  {
    name: 'DISP 1.5.1: received Friday evening → Wednesday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-12T19:00:00+01:00',
    expected: { dueAt: '2026-06-17T16:00:00Z' }, // Mon 15, Tue 16, Wed 17 Jun
  },
  {
    name: 'DISP 1.5.1: received Friday 23:59 → still Friday’s receipt, Wednesday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-12T23:59:00+01:00',
    expected: { dueAt: '2026-06-17T16:00:00Z' },
  },
  {
    name: 'DISP 1.5.1: received Saturday → Wednesday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-13T11:00:00+01:00',
    expected: { dueAt: '2026-06-17T16:00:00Z' }, // Mon 15, Tue 16, Wed 17 Jun
  },
  {
    name: 'DISP 1.5.1: received Sunday → Wednesday 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-06-14T11:00:00+01:00',
    expected: { dueAt: '2026-06-17T16:00:00Z' },
  },
  {
    name: 'DISP 1.5.1: 00:30 Monday in London (Sunday 23:30 UTC) is received on Monday',
    clock: 'acknowledge',
    receivedAt: '2026-06-07T23:30:00Z',
    expected: { dueAt: '2026-06-11T16:00:00Z' }, // local Mon 8 Jun → Thu 11 Jun
  },

  // ── Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr ──
  {
    name: 'DISP 1.5.1 before Easter 2026: received Monday 30 March → Thursday 2 April',
    clock: 'acknowledge',
    receivedAt: '2026-03-30T10:00:00+01:00',
    expected: { dueAt: '2026-04-02T16:00:00Z' }, // Tue 31, Wed 1, Thu 2
  },
  {
    name: 'DISP 1.5.1 across Easter 2026: received Tuesday 31 March → Tuesday 7 April',
    clock: 'acknowledge',
    receivedAt: '2026-03-31T10:00:00+01:00',
    expected: { dueAt: '2026-04-07T16:00:00Z' }, // Wed 1, Thu 2, (Fri 3 GF, Mon 6 EM) Tue 7
  },
  {
    name: 'DISP 1.5.1 across Easter 2026: received Wednesday 1 April → Wednesday 8 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-01T10:00:00+01:00',
    expected: { dueAt: '2026-04-08T16:00:00Z' }, // Thu 2, Tue 7, Wed 8
  },
  {
    name: 'DISP 1.5.1 across Easter 2026: received Maundy Thursday → Thursday 9 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-02T10:00:00+01:00',
    expected: { dueAt: '2026-04-09T16:00:00Z' }, // Tue 7, Wed 8, Thu 9
  },
  {
    name: 'DISP 1.5.1 / Glossary "business day" excludes Good Friday: received on Good Friday → Thursday 9 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-03T12:00:00+01:00',
    expected: { dueAt: '2026-04-09T16:00:00Z' }, // Tue 7, Wed 8, Thu 9
  },
  {
    name: 'DISP 1.5.1: received on Easter Monday → Thursday 9 April',
    clock: 'acknowledge',
    receivedAt: '2026-04-06T12:00:00+01:00',
    expected: { dueAt: '2026-04-09T16:00:00Z' }, // Tue 7, Wed 8, Thu 9
  },

  // ── Christmas 2026: Fri 25 Dec, Boxing Day Sat 26 Dec → substitute bank holiday Mon 28 Dec; New Year Fri 1 Jan 2027 ──
  {
    name: 'DISP 1.5.1 before Christmas 2026: received Monday 21 December → Christmas Eve 17:00',
    clock: 'acknowledge',
    receivedAt: '2026-12-21T10:00:00+00:00',
    expected: { dueAt: '2026-12-24T17:00:00Z' }, // Tue 22, Wed 23, Thu 24; 17:00 GMT
  },
  {
    name: 'DISP 1.5.1 across Christmas 2026 and the substitute Monday 28 December → Wednesday 30 December',
    clock: 'acknowledge',
    receivedAt: '2026-12-23T10:00:00+00:00',
    expected: { dueAt: '2026-12-30T17:00:00Z' }, // Thu 24, (25, 28 off) Tue 29, Wed 30
  },
  {
    name: 'DISP 1.5.1: received Christmas Eve → Thursday 31 December',
    clock: 'acknowledge',
    receivedAt: '2026-12-24T15:00:00+00:00',
    expected: { dueAt: '2026-12-31T17:00:00Z' }, // Tue 29, Wed 30, Thu 31
  },
  {
    name: 'DISP 1.5.1: received on Christmas Day → Thursday 31 December',
    clock: 'acknowledge',
    receivedAt: '2026-12-25T09:00:00+00:00',
    expected: { dueAt: '2026-12-31T17:00:00Z' }, // Tue 29, Wed 30, Thu 31
  },
  {
    name: 'DISP 1.5.1: received on Boxing Day, a Saturday (the bank holiday is the substitute Monday) → Thursday 31 December',
    clock: 'acknowledge',
    receivedAt: '2026-12-26T09:00:00+00:00',
    expected: { dueAt: '2026-12-31T17:00:00Z' }, // (Mon 28 off) Tue 29, Wed 30, Thu 31
  },
  {
    name: 'DISP 1.5.1 across New Year 2027: received Tuesday 29 December → Monday 4 January (2027 data is official)',
    clock: 'acknowledge',
    receivedAt: '2026-12-29T10:00:00+00:00',
    expected: { dueAt: '2027-01-04T17:00:00Z' }, // Wed 30, Thu 31, (Fri 1 Jan off) Mon 4 Jan
  },

  // ── Early May, spring and summer bank holidays 2026 (Mon 4 May, Mon 25 May, Mon 31 Aug) ──
  {
    name: 'DISP 1.5.1 across the early May bank holiday: received Thursday 30 April → Wednesday 6 May',
    clock: 'acknowledge',
    receivedAt: '2026-04-30T10:00:00+01:00',
    expected: { dueAt: '2026-05-06T16:00:00Z' }, // Fri 1, (Mon 4 off) Tue 5, Wed 6
  },
  {
    name: 'DISP 1.5.1: received Saturday 2 May, before the early May bank holiday → Thursday 7 May',
    clock: 'acknowledge',
    receivedAt: '2026-05-02T10:00:00+01:00',
    expected: { dueAt: '2026-05-07T16:00:00Z' }, // (Mon 4 off) Tue 5, Wed 6, Thu 7
  },
  {
    name: 'DISP 1.5.1 across the spring bank holiday: received Friday 22 May → Thursday 28 May',
    clock: 'acknowledge',
    receivedAt: '2026-05-22T10:00:00+01:00',
    expected: { dueAt: '2026-05-28T16:00:00Z' }, // (Mon 25 off) Tue 26, Wed 27, Thu 28
  },
  {
    name: 'DISP 1.5.1 across the summer bank holiday: received Friday 28 August → Thursday 3 September',
    clock: 'acknowledge',
    receivedAt: '2026-08-28T10:00:00+01:00',
    expected: { dueAt: '2026-09-03T16:00:00Z' }, // (Mon 31 off) Tue 1, Wed 2, Thu 3
  },

  // ── DST ──
  {
    name: 'DISP 1.5.1 across the spring clock change: received Thursday 26 March (GMT) → Tuesday 31 March 17:00 BST',
    clock: 'acknowledge',
    receivedAt: '2026-03-26T10:00:00+00:00',
    expected: { dueAt: '2026-03-31T16:00:00Z' }, // Fri 27, Mon 30, Tue 31; 17:00 BST
  },
  {
    name: 'DISP 1.5.1: received 00:30 on the night the clocks go forward (Sunday 29 March) → Wednesday 1 April',
    clock: 'acknowledge',
    receivedAt: '2026-03-29T00:30:00+00:00',
    expected: { dueAt: '2026-04-01T16:00:00Z' }, // Mon 30, Tue 31, Wed 1 Apr
  },
  {
    name: 'DISP 1.5.1 across the autumn clock change: received Thursday 22 October (BST) → Tuesday 27 October 17:00 GMT',
    clock: 'acknowledge',
    receivedAt: '2026-10-22T10:00:00+01:00',
    expected: { dueAt: '2026-10-27T17:00:00Z' }, // Fri 23, Mon 26, Tue 27; 17:00 GMT
  },
  {
    name: 'DISP 1.5.1: received in the repeated hour of Sunday 25 October (01:30 GMT) → Wednesday 28 October',
    clock: 'acknowledge',
    receivedAt: '2026-10-25T01:30:00+00:00',
    expected: { dueAt: '2026-10-28T17:00:00Z' }, // Mon 26, Tue 27, Wed 28
  },

  // ── other years ──
  {
    name: 'DISP 1.5.1 across Christmas 2024: received Christmas Eve → Tuesday 31 December 2024',
    clock: 'acknowledge',
    receivedAt: '2024-12-24T10:00:00+00:00',
    expected: { dueAt: '2024-12-31T17:00:00Z' }, // (25, 26 off) Fri 27, Mon 30, Tue 31
  },
  {
    name: 'DISP 1.5.1 across Easter 2025: received Thursday 17 April → Thursday 24 April',
    clock: 'acknowledge',
    receivedAt: '2025-04-17T10:00:00+01:00',
    expected: { dueAt: '2025-04-24T16:00:00Z' }, // (Fri 18 GF, Mon 21 EM) Tue 22, Wed 23, Thu 24
  },

  // ── DISP 1.5.1 summary resolution communication: met or late ──
  {
    name: 'DISP 1.5.1 summary resolution sent 16:59 on the third business day → met',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [{ at: '2026-06-11T16:59:00+01:00', action: 'stop', reason: 'summary resolution communication' }],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'met' },
  },
  {
    name: 'DISP 1.5.1 summary resolution sent 17:01 on the third business day → lapsed, not breached (DISP 1.6 applies)',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [{ at: '2026-06-11T17:01:00+01:00', action: 'stop', reason: 'summary resolution communication' }],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'lapsed' },
  },

  // ── DISP 1.5: only a resolution meets the summary window; an acknowledgement does not ──
  {
    name: 'DISP 1.5: an acknowledgement sent on the day of receipt does not meet the summary window',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [{ at: '2026-06-08T10:05:00+01:00', action: 'event', event: 'acknowledgement-sent' }],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'running' },
  },
  {
    name: 'DISP 1.5: acknowledged, then resolved on the second business day → met',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [
      { at: '2026-06-08T10:05:00+01:00', action: 'event', event: 'acknowledgement-sent' },
      { at: '2026-06-10T15:00:00+01:00', action: 'event', event: 'resolved' },
    ],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'met' },
  },
  {
    name: 'DISP 1.5: resolved at 16:59 on the third business day → met',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [{ at: '2026-06-11T16:59:00+01:00', action: 'event', event: 'resolved' }],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'met' },
  },
  {
    name: 'DISP 1.5 / 1.6: acknowledged, resolved on the fourth business day → the window lapsed, no breach',
    clock: 'acknowledge',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [
      { at: '2026-06-08T10:05:00+01:00', action: 'event', event: 'acknowledgement-sent' },
      { at: '2026-06-12T11:00:00+01:00', action: 'event', event: 'resolved' },
    ],
    expected: { dueAt: '2026-06-11T16:00:00Z', state: 'lapsed' },
  },
  {
    name: 'DISP 1.5 across Easter 2026: received Maundy Thursday, resolved Thursday 9 April 16:30 → met',
    clock: 'acknowledge',
    receivedAt: '2026-04-02T10:00:00+01:00',
    steps: [{ at: '2026-04-09T16:30:00+01:00', action: 'event', event: 'resolved' }],
    expected: { dueAt: '2026-04-09T16:00:00Z', state: 'met' }, // Tue 7, Wed 8, Thu 9
  },
  {
    name: 'DISP 1.6.2: the complaint continues under the eight weeks once the summary window lapsed → resolved on day 10, met',
    clock: 'resolve',
    receivedAt: '2026-06-08T10:00:00+01:00',
    steps: [
      { at: '2026-06-08T10:05:00+01:00', action: 'event', event: 'acknowledgement-sent' },
      { at: '2026-06-18T11:00:00+01:00', action: 'event', event: 'resolved' },
    ],
    expected: { dueAt: '2026-08-03T23:00:00Z', state: 'met' }, // 8 Jun + 56 = Mon 3 Aug, 24:00 BST
  },

  // ── DISP 1.6.2 final or holding response by the end of eight weeks after receipt ──
  {
    name: 'DISP 1.6.2 eight weeks: received Monday 2 March (GMT) → Monday 27 April 24:00 BST',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    expected: { dueAt: EIGHT_WEEKS_27_APR }, // 2 Mar + 56 = Mon 27 Apr; 24:00 BST = 23:00Z
  },
  {
    name: 'DISP 1.6.2 eight weeks: received Tuesday 3 February → Tuesday 31 March, 24:00 BST',
    clock: 'resolve',
    receivedAt: '2026-02-03T10:00:00+00:00',
    expected: { dueAt: '2026-03-31T23:00:00Z' }, // 3 Feb + 56 = Tue 31 Mar
  },
  {
    name: 'DISP 1.6.2 eight weeks: received Wednesday 7 January → Wednesday 4 March, 24:00 GMT',
    clock: 'resolve',
    receivedAt: '2026-01-07T10:00:00+00:00',
    expected: { dueAt: '2026-03-05T00:00:00Z' }, // 7 Jan + 56 = Wed 4 Mar
  },
  {
    name: 'DISP 1.6.2 eight weeks: received Thursday 8 January → Thursday 5 March, 24:00 GMT',
    clock: 'resolve',
    receivedAt: '2026-01-08T16:00:00+00:00',
    expected: { dueAt: '2026-03-06T00:00:00Z' }, // 8 Jan + 56 = Thu 5 Mar
  },
  {
    name: 'DISP 1.6.2 eight weeks: received Friday evening 12 June → Friday 7 August, 24:00 BST',
    clock: 'resolve',
    receivedAt: '2026-06-12T19:00:00+01:00',
    expected: { dueAt: '2026-08-07T23:00:00Z' }, // 12 Jun + 56 = Fri 7 Aug
  },
  {
    name: 'DISP 1.6.2 eight weeks are calendar weeks: received Saturday → ends on a Saturday, not moved',
    clock: 'resolve',
    receivedAt: '2026-06-13T11:00:00+01:00',
    expected: { dueAt: '2026-08-08T23:00:00Z' }, // 13 Jun + 56 = Sat 8 Aug
  },
  {
    name: 'DISP 1.6.2: 00:30 Saturday 1 August in London (Friday 23:30 UTC) counts from 1 August',
    clock: 'resolve',
    receivedAt: '2026-07-31T23:30:00Z',
    expected: { dueAt: '2026-09-26T23:00:00Z' }, // local 1 Aug + 56 = Sat 26 Sep
  },
  {
    name: 'DISP 1.6.2 across the autumn clock change: received Friday 4 September (BST) → Friday 30 October, 24:00 GMT',
    clock: 'resolve',
    receivedAt: '2026-09-04T10:00:00+01:00',
    expected: { dueAt: '2026-10-31T00:00:00Z' }, // 4 Sep + 56 = Fri 30 Oct; 24:00 GMT
  },
  {
    name: 'DISP 1.6.2: eight weeks ending on the substitute bank holiday Monday 28 December are not moved',
    clock: 'resolve',
    receivedAt: '2026-11-02T10:00:00+00:00',
    expected: { dueAt: '2026-12-29T00:00:00Z' }, // 2 Nov + 56 = Mon 28 Dec
  },
  {
    name: 'DISP 1.6.2: eight weeks ending on Good Friday 2026 are not moved',
    clock: 'resolve',
    receivedAt: '2026-02-06T10:00:00+00:00',
    expected: { dueAt: '2026-04-03T23:00:00Z' }, // 6 Feb + 56 = Fri 3 Apr; 24:00 BST
  },
  {
    name: 'DISP 1.6.2: received on Christmas Day 2026 → Friday 19 February 2027',
    clock: 'resolve',
    receivedAt: '2026-12-25T10:00:00+00:00',
    expected: { dueAt: '2027-02-20T00:00:00Z' }, // 25 Dec + 56 = Fri 19 Feb 2027
  },
  {
    name: 'DISP 1.6.2 into 2027: calendar days read no holiday data → not provisional',
    clock: 'resolve',
    receivedAt: '2026-12-29T10:00:00+00:00',
    expected: { dueAt: '2027-02-24T00:00:00Z' }, // 29 Dec + 56 = Tue 23 Feb 2027
  },

  // ── DISP has no pause: awaiting the complainant or an assessment does not stop the eight weeks ──
  {
    name: 'DISP 1.6: no pause while awaiting the complainant — the pause is refused and the clock keeps running',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-10T10:00:00+00:00', action: 'pause', reason: 'awaiting-customer' },
      { at: '2026-03-20T10:00:00+00:00', action: 'resume' },
    ],
    expected: { dueAt: EIGHT_WEEKS_27_APR, pauseApplied: false },
  },
  {
    name: 'DISP 1.6: no pause for an assessment either — still running, deadline unchanged',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-10T10:00:00+00:00', action: 'pause', reason: 'appraisal' }],
    expected: { dueAt: EIGHT_WEEKS_27_APR, pauseApplied: false },
  },

  // ── DISP 1.6.2: no extension of the eight weeks ──
  {
    name: 'DISP 1.6.2: an extension is refused, even for an admin, with the DISP rule',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-04-20T10:00:00+01:00', action: 'extend', days: 70, role: 'admin' }],
    expected: {
      dueAt: EIGHT_WEEKS_27_APR,
      extensionAllowed: false,
      rule: 'DISP 1.6.2: final or holding response by the end of eight weeks after receipt — this regime allows no extension',
    },
  },
  {
    name: 'DISP 1.6.2: an agent’s extension is refused the same way',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-20T10:00:00+00:00', action: 'extend', days: 60, role: 'agent' }],
    expected: { dueAt: EIGHT_WEEKS_27_APR, extensionAllowed: false, rule: 'DISP 1.6.2' },
  },

  // ── new facts, reopening ──
  {
    name: 'DISP 1.6.2 counts from receipt of the complaint: new information does not restart the eight weeks',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-03-20T10:00:00+00:00', action: 'restart', reason: 'new-facts' }],
    expected: { dueAt: EIGHT_WEEKS_27_APR, startedAt: '2026-03-02T10:00:00Z' },
  },
  {
    name: 'A reopened complaint gets a new eight weeks from the reopening',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [
      { at: '2026-03-20T10:00:00+00:00', action: 'stop', reason: 'final response' },
      { at: '2026-04-10T10:00:00+01:00', action: 'restart', reason: 'reopened' },
    ],
    expected: { dueAt: '2026-06-05T23:00:00Z' }, // 10 Apr + 56 = Fri 5 Jun; 24:00 BST
  },

  // ── the final response: met or late ──
  {
    name: 'DISP 1.6.2 final response at 23:59:59 on the last day of the eight weeks → met',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-04-27T23:59:59+01:00', action: 'stop', reason: 'final response' }],
    expected: { dueAt: EIGHT_WEEKS_27_APR, state: 'met' },
  },
  {
    name: 'DISP 1.6.2 final response at 00:00:01 the day after → breached',
    clock: 'resolve',
    receivedAt: MON_2_MAR,
    steps: [{ at: '2026-04-28T00:00:01+01:00', action: 'stop', reason: 'final response' }],
    expected: { dueAt: EIGHT_WEEKS_27_APR, state: 'breached' },
  },
];

scenarioTable('uk-fca', rows);
