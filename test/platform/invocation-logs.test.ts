/**
 * The local cloud runs every function in one process, many invocations at once. Each log line
 * still names its own function and request, and carries only its own invocation's keys, as on
 * Lambda (where each function has its own execution environment).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { api } from '../support/local-cloud';
import { capturedLogCloud } from '../support/log-capture';

const logged = capturedLogCloud('INFO');
const captured = logged.captured;

interface LogLine {
  message?: string;
  function_name?: string;
  function_request_id?: string;
  complaintId?: string;
  status?: number;
}

function logLines(): LogLine[] {
  return captured
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

it('names its own function in every log line while functions run concurrently', async () => {
  const file = () =>
    api(logged.cloud(), '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: 'Ann Lee', email: 'ann@example.com' },
        description: `My premium was taken twice this month. ${randomUUID()}`,
        consent: { dataProcessing: true },
      },
    });
  const lookUp = () => api(logged.cloud(), '/v1/complaints/CMP-20261206-000000/status?contact=1234');
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? file() : lookUp())));
  expect(answers.map((a) => a.status).sort()).toEqual([...Array(6).fill(201), ...Array(6).fill(404)]);

  const lines = logLines();
  const filed = lines.filter((l) => l.message === 'complaint filed');
  const rejected = lines.filter((l) => l.message === 'request rejected' && l.status === 404);
  expect(filed).toHaveLength(6);
  expect(rejected).toHaveLength(6);
  for (const line of filed) expect(line.function_name).toBe('intake-web');
  for (const line of rejected) {
    expect(line.function_name).toBe('intake-status');
    // a key another invocation appended does not leak into this one
    expect(line.complaintId).toBeUndefined();
  }
  expect(new Set([...filed, ...rejected].map((l) => l.function_request_id)).size).toBe(12);
});
