/**
 * A local cloud whose handlers log at a chosen level, with every line they write to stdout kept
 * for the test to read (the log tests assert what is, and is not, in those lines).
 */
import { afterAll, beforeAll } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { startTestCloud } from './local-cloud';

export function capturedLogCloud(level: 'DEBUG' | 'INFO'): { cloud: () => LocalCloud; captured: string[] } {
  let cloud: LocalCloud | undefined;
  const captured: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);
  const originalLevel = process.env.POWERTOOLS_LOG_LEVEL;
  beforeAll(async () => {
    // the logger reads its level when the handler modules load
    process.env.POWERTOOLS_LOG_LEVEL = level;
    cloud = await startTestCloud(topology);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      captured.push(String(chunk));
      return originalWrite(chunk, ...rest);
    }) as typeof process.stdout.write;
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    process.env.POWERTOOLS_LOG_LEVEL = originalLevel;
    await cloud?.stop();
  });
  return {
    cloud: () => {
      if (!cloud) throw new Error('the local cloud has not started');
      return cloud;
    },
    captured,
  };
}
