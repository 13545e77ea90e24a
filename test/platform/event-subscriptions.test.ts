/**
 * A consumer refuses events of types it does not declare (they go to its DLQ), so the types each
 * queue subscription routes to a function must be exactly the types its handler declares.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topology } from '../../infra/topology';
import type { DomainSubscriptionSpec } from '../../infra/topology-types';
import { repoRoot } from '../support/local-cloud';

const ours = topology.subscriptions.filter((s): s is DomainSubscriptionSpec => s.bus !== 'default');

describe('queue subscriptions and their handlers', () => {
  it.each(ours.map((s) => [s.queue, s] as const))(
    '%s: the handler takes exactly the routed types',
    async (_, s) => {
      const entry = topology.functions[s.function]!.entry;
      const module = (await import(resolve(repoRoot, entry))) as {
        handler: { eventTypes?: readonly string[] };
      };
      expect([...(module.handler.eventTypes ?? [])].sort()).toEqual([...s.eventTypes].sort());
    },
  );
});
