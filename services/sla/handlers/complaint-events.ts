/** Consumes complaint lifecycle events (and acknowledgement notifications) and moves the clocks. */
import type { EventEnvelope } from '../../../shared/contracts/events';
import type { Priority } from '../../../shared/contracts/vocabulary';
import { sqsHandler } from '../../../shared/middleware/sqs';
import { logger } from '../../../shared/observability/logger';
import { slaDeps } from '../adapters/deps';
import { type SlaTrigger, type StatusChange, trackComplaint } from '../domain/track-complaint';

export function triggerOf(envelope: EventEnvelope): SlaTrigger | undefined {
  const data = envelope.data as {
    complaintId?: string;
    priority?: Priority;
    purpose?: string;
    hardship?: boolean;
    flags?: { hardship?: boolean };
  };
  const complaintId = data.complaintId;
  if (!complaintId) return undefined;
  switch (envelope.type) {
    case 'complaint.received':
      return {
        kind: 'received',
        complaintId,
        hardship: data.hardship === true || data.flags?.hardship === true,
      };
    case 'complaint.triaged':
      return data.priority
        ? { kind: 'triaged', complaintId, priority: data.priority, hardship: data.hardship === true }
        : undefined;
    case 'complaint.status-changed':
      return { kind: 'status-changed', ...(envelope.data as unknown as StatusChange) };
    case 'complaint.resolved':
      return { kind: 'resolved', complaintId };
    case 'complaint.closed':
      return { kind: 'closed', complaintId };
    case 'complaint.reopened':
      return { kind: 'reopened', complaintId };
    case 'complaint.extended': {
      const { totalDays, role, reason } = envelope.data as {
        totalDays: number;
        role: 'agent' | 'lead' | 'admin';
        reason: string;
      };
      return { kind: 'extended', complaintId, totalDays, role, reason };
    }
    case 'notification.sent':
      return data.purpose === 'acknowledgement' ? { kind: 'acknowledged', complaintId } : undefined;
    default:
      return undefined;
  }
}

export const handler = sqsHandler(async ({ envelope }) => {
  const trigger = triggerOf(envelope);
  if (!trigger) return;
  const changed = await trackComplaint(trigger, envelope, slaDeps);
  logger.info('clocks updated', {
    complaintId: trigger.complaintId,
    trigger: trigger.kind,
    clocks: changed.map((c) => ({ name: c.name, state: c.state, dueAt: c.dueAt })),
  });
});
