import { describe, expect, it } from 'vitest';
import { buildEvent } from '#shared/contracts/events/index';
import { teams } from '#shared/contracts/vocabulary';
import type { StaffDirectory } from './compose';
import { qualityNotifications } from './quality-alerts';

const staff: StaffDirectory = {
  emailOf: (id) => `${id}@staff.example`,
  leadOf: (team) => `lead.${team}@staff.example`,
  escalationDesk: () => 'desk@staff.example',
};
const home = 'https://console.example/console/';

const overdue = (notify: string[]) =>
  buildEvent(
    'rectification.action-overdue',
    {
      rectificationId: 'R1',
      actionId: 'A1',
      rootCause: 'premium/refund-delay',
      title: 'Refunds paid late',
      dueDate: '2026-12-08',
      notify,
    },
    'R1',
  );
const rising = (extra: Record<string, unknown>) =>
  buildEvent(
    'root-cause.trend-rising',
    {
      rootCause: 'premium/billing-error',
      week: '2026-12-07',
      count: 6,
      trailingMean: 1,
      trailingWeeks: 8,
      rule: 'rule text',
      notify: 'team-leads',
      ...extra,
    },
    'premium/billing-error',
  );

describe('quality staff alerts', () => {
  it('alerts the action owner and the lead who opened the rectification, each once, keyed by the event', () => {
    const event = overdue(['wu', 'lin']);
    const requests = qualityNotifications(event, staff, home);
    expect(requests.map((r) => [r.recipient.address, r.type, r.recipient.channel])).toEqual([
      ['wu@staff.example', 'staff-rectification-overdue', 'email'],
      ['lin@staff.example', 'staff-rectification-overdue', 'email'],
    ]);
    expect(new Set(requests.map((r) => r.key)).size).toBe(2);
    expect(requests.every((r) => r.key.startsWith(`${event.id}#`))).toBe(true);
    expect(requests[0]!.data).toEqual({
      rectificationId: 'R1',
      actionId: 'A1',
      rootCause: 'premium/refund-delay',
      title: 'Refunds paid late',
      dueDate: '2026-12-08',
      consoleUrl: home,
    });
    // the lead who opened it may own the action too: one email
    expect(qualityNotifications(overdue(['lin', 'lin']), staff, home)).toHaveLength(1);
  });

  it('alerts every team lead of a rising cause, with the proposal or the open rectification', () => {
    const proposed = qualityNotifications(
      rising({
        proposal: {
          rootCause: 'premium/billing-error',
          title: 'Rectify billing',
          dueDate: '2027-01-13',
          complaintIds: ['C1', 'C2'],
        },
      }),
      staff,
      home,
    );
    expect(proposed.map((r) => r.recipient.address)).toEqual(teams.map((t) => `lead.${t}@staff.example`));
    expect(proposed[0]!.data).toMatchObject({
      proposedTitle: 'Rectify billing',
      proposedDueDate: '2027-01-13',
      proposedComplaints: 2,
      consoleUrl: home,
    });
    const open = qualityNotifications(rising({ openRectificationId: 'R9' }), staff, home);
    expect(open[0]!.data).toMatchObject({ openRectificationId: 'R9' });
    expect(open[0]!.data).not.toHaveProperty('proposedTitle');
  });
});
