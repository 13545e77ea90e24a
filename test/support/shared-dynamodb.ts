/**
 * Vitest global setup: in-memory DynamoDB Locals for the whole test run, one per test worker.
 * Starting its JVM is the slowest part of starting a local cloud (seconds, far more on a busy
 * machine), and nearly every test file starts one; each cloud now creates its own tables in its
 * worker's DynamoDB Local under a prefix of its own and deletes them when it stops
 * (infra/local/cloud.ts). One per worker, not one for all: a DynamoDB Local serves its requests
 * through one embedded database, so two workers sharing one would queue behind each other.
 * Clouds with a data directory (the durability and crash tests) still start a JVM of their own,
 * since they stop and kill it.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, stopDynamoDbLocal } from '../../infra/local/emulators';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedDynamoEndpoints: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const jvms = await Promise.all(Array.from({ length: workers }, () => startDynamoDbLocal(undefined)));
  project.provide(
    'sharedDynamoEndpoints',
    jvms.map((jvm) => jvm.endpoint),
  );
  return async () => {
    await Promise.all(jvms.map((jvm) => stopDynamoDbLocal(jvm.process)));
  };
}

/** The DynamoDB Local of the worker this test file runs in (VITEST_POOL_ID counts from 1). */
export function workerDynamoEndpoint(endpoints: readonly string[]): string {
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return endpoints[(Math.max(1, worker) - 1) % endpoints.length]!;
}
