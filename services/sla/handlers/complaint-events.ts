/** Consumes complaint lifecycle events (and acknowledgement notifications) and moves the clocks. */

import { followRetentionHold } from '#shared/aws/retention-hold-expiry';
import type { CatalogEvent, EventType } from '#shared/contracts/events/index';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { slaDeps } from '../adapters/deps';
import { type SlaTrigger, trackComplaint } from '../domain/track-complaint';

/** The events that move the clocks (the acknowledgement is a `notification.sent`). */
export const slaEventTypes = [
  'complaint.received',
  'complaint.triaged',
  'complaint.status-changed',
  'complaint.resolved',
  'complaint.closed',
  'complaint.reopened',
  'complaint.extended',
  'notification.sent',
] as const satisfies readonly EventType[];

export function triggerOf(envelope: CatalogEvent<(typeof slaEventTypes)[number]>): SlaTrigger | undefined {
  switch (envelope.type) {
    case 'complaint.received': {
      const { complaintId, hardship, flags } = envelope.data;
      return { kind: 'received', complaintId, hardship: hardship === true || flags?.hardship === true };
    }
    case 'complaint.triaged': {
      const { complaintId, priority, hardship } = envelope.data;
      return { kind: 'triaged', complaintId, priority, hardship: hardship === true };
    }
    case 'complaint.status-changed':
      return { kind: 'status-changed', ...envelope.data };
    case 'complaint.resolved':
      return { kind: 'resolved', complaintId: envelope.data.complaintId };
    case 'complaint.closed':
      return { kind: 'closed', complaintId: envelope.data.complaintId };
    case 'complaint.reopened':
      return { kind: 'reopened', complaintId: envelope.data.complaintId };
    case 'complaint.extended': {
      const { complaintId, totalDays, role, reason } = envelope.data;
      return { kind: 'extended', complaintId, totalDays, role, reason };
    }
    case 'notification.sent': {
      const { complaintId, purpose } = envelope.data;
      return complaintId && purpose === 'acknowledgement' ? { kind: 'acknowledged', complaintId } : undefined;
    }
  }
}

export const handler = sqsHandler(slaEventTypes, async ({ envelope }) => {
  const trigger = triggerOf(envelope);
  if (!trigger) return;
  const changed = await trackComplaint(trigger, envelope, slaDeps);
  // a complaint's record expires its retention period after closure, which closing sets and reopening clears
  if (trigger.kind === 'closed' || trigger.kind === 'reopened')
    await followRetentionHold(trigger.complaintId);
  logger.info('clocks updated', {
    complaintId: trigger.complaintId,
    trigger: trigger.kind,
    clocks: changed.map((c) => ({ name: c.name, state: c.state, dueAt: c.dueAt })),
  });
});
