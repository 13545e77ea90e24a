/**
 * A consumer refuses events of types it does not declare (they go to its DLQ), so the types the
 * queue subscriptions route to a function must be exactly the types its handler declares: those of
 * its one queue, or of all its queues together when it has more than one (care-complaint-events
 * also takes customer.relationship-changed from a queue of its own).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topology } from '../../infra/topology';
import type { DomainSubscriptionSpec } from '../../infra/topology-types';
import { repoRoot } from '../support/local-cloud';

const ours = topology.subscriptions.filter((s): s is DomainSubscriptionSpec => s.bus !== 'default');
const routedTo = new Map<string, Set<string>>();
for (const s of ours)
  for (const type of s.eventTypes)
    routedTo.set(s.function, (routedTo.get(s.function) ?? new Set()).add(type));

describe('queue subscriptions and their handlers', () => {
  it.each([...routedTo].map(([fn, types]) => [fn, [...types].sort()] as const))(
    '%s: the handler takes exactly the types its queues route to it',
    async (fn, types) => {
      const entry = topology.functions[fn]!.entry;
      const module = (await import(resolve(repoRoot, entry))) as {
        handler: { eventTypes?: readonly string[] };
      };
      expect([...(module.handler.eventTypes ?? [])].sort()).toEqual(types);
    },
  );
});
