/**
 * `nps.recorded`: a customer answered an NPS survey (0–10), once per ask. The relationship service
 * keeps the latest score on the customer's profile and recomputes their relationship health.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id, instant } from './fields';

export const npsTouchpoints = ['claim-payment', 'resolution', 'event'] as const;
export type NpsTouchpoint = (typeof npsTouchpoints)[number];

export const NpsRecorded = defineEvent(
  'nps.recorded',
  1,
  z.looseObject({
    askId: id(),
    customerId: id(),
    touchpoint: z.enum(npsTouchpoints),
    score: z.number().check(z.int(), z.gte(0), z.lte(10)),
    answeredAt: instant(),
  }),
);
