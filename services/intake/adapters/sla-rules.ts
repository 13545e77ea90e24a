/**
 * The SLA service's rules as intake asks them at receipt: its reader of the regime facts (the
 * policy's product, the customer's imported time zone), its policy and its business calendars.
 */
import { CalendarDataMissing } from '#shared/calendar/business-calendar';
import { logger } from '#shared/observability/logger';
import { customerRegimeFacts } from '../../sla/adapters/regime-facts';
import { slaRules as slaServiceRules } from '../../sla/domain/sla-rules';
import { openingDeadlines } from '../../sla/domain/track-complaint';
import type { SlaRules } from '../domain/ports';

export const slaRules: SlaRules = {
  async openingDeadlines(complaint, known) {
    const facts = known ?? (await customerRegimeFacts(complaint.customerId, complaint.policyNumber));
    try {
      return openingDeadlines(complaint, facts, slaServiceRules);
    } catch (error) {
      // A complaint is never refused for want of holiday data: it is filed without deadlines, and
      // the SLA service (which needs the same data) and the acknowledgement fail loudly instead.
      if (!(error instanceof CalendarDataMissing)) throw error;
      logger.error('no calendar data for the opening deadlines', {
        complaintId: complaint.complaintId,
        error: error.message,
      });
      return undefined;
    }
  },
};
