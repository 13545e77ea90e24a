/**
 * Every function, route, queue subscription, bus rule, schedule and stream of Complaint & Care.
 * CDK (infra/constructs) builds the AWS resources from this object and the local cloud
 * (infra/local) wires the same handlers from it; nothing about wiring is written anywhere else.
 */
import type { Topology } from './topology-types';

export const topology: Topology = {
  functions: {
    'outbox-relay': {
      service: 'platform',
      entry: 'shared/outbox/relay.handler.ts',
      memoryMb: 256,
      timeoutSeconds: 30,
      publishesEvents: true,
    },
  },
  routes: [],
  subscriptions: [],
  schedules: [],
  streams: [
    { table: 'Complaints', function: 'outbox-relay', batchSize: 100, maxRetries: 10 },
    { table: 'Campaigns', function: 'outbox-relay', batchSize: 100, maxRetries: 10 },
  ],
};
