/**
 * Vitest global setup: one in-memory DynamoDB Local for the whole test run. Starting its JVM is the
 * slowest part of starting a local cloud (seconds, far more on a busy machine), and nearly every
 * test file starts one; each cloud now creates its own tables there under a prefix of its own and
 * deletes them when it stops (infra/local/cloud.ts). Clouds with a data directory (the durability
 * and crash tests) still start a JVM of their own, since they stop and kill it.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, stopDynamoDbLocal } from '../../infra/local/emulators';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedDynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal(undefined);
  project.provide('sharedDynamoEndpoint', dynamo.endpoint);
  return () => stopDynamoDbLocal(dynamo.process);
}
