import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withObservability } from '../middleware/common';
import { metrics } from './metrics';

const context = { functionName: 'metrics-test', awsRequestId: 'request-1' } as Context;

describe('metrics flushed by the shared middleware', () => {
  afterEach(() => vi.restoreAllMocks());

  it('publishes what a handler recorded once, after the invocation', async () => {
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const handler = withObservability(async () => {
      metrics.addMetric('Probe', 'Count', 1);
      expect(publish).not.toHaveBeenCalled();
      return 'done';
    });
    await expect(handler({}, context)).resolves.toBe('done');
    expect(publish).toHaveBeenCalledTimes(1);
    metrics.clearMetrics();
  });

  it('publishes on error too, and nothing when nothing was recorded', async () => {
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    await withObservability(async () => 'quiet')({}, context);
    expect(publish).not.toHaveBeenCalled();
    const failing = withObservability(async () => {
      metrics.addMetric('Probe', 'Count', 1);
      throw new Error('handler failed');
    });
    await expect(failing({}, context)).rejects.toThrow('handler failed');
    expect(publish).toHaveBeenCalledTimes(1);
    metrics.clearMetrics();
  });
});
