/** The fields every SLA event carries: which clock of which complaint, and its deadline. */
import * as z from 'zod/mini';
import { priorities } from '../vocabulary';
import { complaintFields, id, instant } from './fields';

export const slaClockFields = {
  ...complaintFields,
  clock: id(),
  regime: id(),
  dueAt: instant(),
  customerFacing: z.boolean(),
};

/** A warning or a breach: who the alert goes to. */
export const slaAlertFields = {
  ...slaClockFields,
  assignee: z.optional(id()),
  team: z.optional(z.string()),
  priority: z.optional(z.enum(priorities)),
  /** Fraction of the period passed (1 at the breach). */
  threshold: z.optional(z.number()),
  /** Who is alerted: `assignee`, `team-lead` or a team (the escalation desk). */
  notify: z.string(),
};
