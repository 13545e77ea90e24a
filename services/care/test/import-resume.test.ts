/**
 * An import request that runs short of time (here: a budget of 1 ms, so each request imports one
 * line) stops starting lines and answers `resumeFromLine`; the CLI sends the rest again until the
 * whole file is in, with every rejected line still reported once, by its line in the file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud } from '../../../test/support/local-cloud';
import { changeSettings } from '../../../test/support/settings';
import { numberedCustomerLine, runImportCli } from './care-fixtures';

let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  // the handlers run in this process: the import reads its budget per request
  cloud = await startTestCloud(topology);
  changeSettings({ CUSTOMER_IMPORT_TIME_BUDGET_MS: '1' });
  dir = await mkdtemp(join(tmpdir(), 'customers-resume-'));
});
afterAll(async () => {
  changeSettings({ CUSTOMER_IMPORT_TIME_BUDGET_MS: undefined });
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const good = (n: number) => numberedCustomerLine('R', '1380013', n);

describe('an import out of time', () => {
  it('answers where to resume, reporting only the rejected lines before it', async () => {
    const token = (await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'a', role: 'admin' } })).body
      .token;
    const res = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: [good(1), 'bad', good(3), 'bad again', good(5)].join('\n'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 2, errors: [{ path: '(line)', message: 'Not valid JSON' }] }],
      resumeFromLine: 3,
    });
  });

  it('is completed by the CLI, which sends the rest again', async () => {
    const file = join(dir, 'customers.jsonl');
    await writeFile(file, [good(1), 'bad', good(3), 'bad again', good(5), good(6)].join('\n'));
    const run = await runImportCli([file, '--api', cloud.url]);
    expect(run.code, run.stderr).toBe(1);
    // R0001 came in with the first test; the other three are new
    expect(run.stdout).toMatch(/created 3, updated 0, unchanged 1, rejected 2/);
    expect(run.stderr.match(/^line \d+:/gm)).toEqual(['line 2:', 'line 4:']);
  });
});
