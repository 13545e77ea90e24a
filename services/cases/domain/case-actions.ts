/**
 * The case state machine: which action is allowed in which status, what the status becomes, who
 * may take it. One table, so the API, the tests and the 409 message all read the same rules.
 */
import * as z from 'zod/mini';
import type { Role } from '#shared/contracts/roles';
import { RootCauseValue } from '#shared/contracts/root-causes/taxonomy';
import { type ComplaintStatus, outcomes } from '#shared/contracts/vocabulary';

export const caseActions = [
  'assign',
  'notes',
  'request-info',
  'customer-response',
  'extend',
  'resolve',
  'close',
  'reopen',
  'follow-up',
  'hardship',
  'new-facts',
] as const;
export type CaseAction = (typeof caseActions)[number];

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** The body of each action (POST /v1/cases/{id}/{action}). */
export const actionBodies = {
  assign: z.strictObject({ assignee: text(128) }),
  notes: z.strictObject({ text: text(10_000), visibility: z.enum(['internal', 'customer']) }),
  'request-info': z.strictObject({ message: text(5_000) }),
  'customer-response': z.strictObject({ message: text(10_000), newFacts: z.optional(z.boolean()) }),
  extend: z.strictObject({
    reason: text(2_000),
    days: z.number().check(z.int(), z.positive(), z.maximum(365)),
  }),
  resolve: z.strictObject({
    outcome: z.enum(outcomes),
    remedy: z.optional(text(2_000)),
    /** A code of the root-cause taxonomy, or a v1 flat value (recorded as the code it maps to). */
    rootCause: RootCauseValue,
    responseToCustomer: text(20_000),
  }),
  close: z.optional(z.strictObject({})),
  reopen: z.strictObject({ reason: text(2_000) }),
  'follow-up': z.strictObject({
    satisfaction: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
    comment: z.optional(text(5_000)),
    /** The customer asks to reopen (only taken when dissatisfied). */
    reopen: z.optional(z.boolean()),
  }),
  /** Financial hardship or a default notice (ASIC RG 271: 21 days to respond), marked or unmarked. */
  hardship: z.strictObject({ hardship: z.boolean(), reason: text(2_000) }),
  /**
   * The agent's reading of a reply that came by email or SMS: new facts restart the clock from the
   * reply's receipt where the regime says so (CN); either way the reply is no longer new material.
   */
  'new-facts': z.strictObject({ newFacts: z.boolean() }),
} as const;
export type ActionBody<A extends CaseAction> = z.infer<(typeof actionBodies)[A]>;

export interface ActionRule {
  readonly from: readonly ComplaintStatus[];
  /** The status after the action; undefined keeps the current one. */
  readonly to?: ComplaintStatus;
  readonly roles: readonly Role[];
  /** Changes the case: needs If-Match and bumps the version. */
  readonly changesState: boolean;
}

const working: ComplaintStatus[] = ['triaged', 'assigned', 'in-progress', 'awaiting-customer'];
const everyone: Role[] = ['agent', 'lead', 'admin'];

export const actionRules: Record<CaseAction, ActionRule> = {
  // agents may take a case themselves; giving it to someone else is for leads and admins
  assign: { from: working, roles: everyone, changesState: true },
  notes: { from: ['received', ...working, 'resolved', 'closed'], roles: everyone, changesState: false },
  'request-info': {
    from: ['assigned', 'in-progress'],
    to: 'awaiting-customer',
    roles: everyone,
    changesState: true,
  },
  'customer-response': {
    from: ['awaiting-customer'],
    to: 'in-progress',
    roles: everyone,
    changesState: true,
  },
  // who may extend how far is the regime's to say (services/sla): the state machine only says when
  extend: { from: working, roles: everyone, changesState: true },
  resolve: {
    from: ['assigned', 'in-progress', 'awaiting-customer'],
    to: 'resolved',
    roles: everyone,
    changesState: true,
  },
  close: { from: ['resolved'], to: 'closed', roles: everyone, changesState: true },
  reopen: { from: ['resolved', 'closed'], to: 'in-progress', roles: ['lead', 'admin'], changesState: true },
  'follow-up': { from: ['resolved', 'closed'], roles: everyone, changesState: true },
  // whoever handles the case learns of the hardship first; the regime says what it does to the clock
  hardship: { from: working, roles: everyone, changesState: true },
  'new-facts': { from: working, roles: everyone, changesState: true },
};

export const REOPEN_WINDOW_DAYS = 30;

/** The actions open in a status, for the 409 that lists them. */
export function allowedActions(status: ComplaintStatus): CaseAction[] {
  return caseActions.filter((a) => actionRules[a].from.includes(status));
}
