/**
 * `npm run customers:import` against the local cloud, as a user runs it: a file with bad lines,
 * sent in small chunks, reports each bad line by its number in the FILE (not in its chunk), imports
 * the rest, exits 1, and a second run changes nothing. A clean file exits 0.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { startTestCloud } from '../../../test/support/local-cloud';
import { numberedCustomerLine, runImportCli } from './care-fixtures';

let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  dir = await mkdtemp(join(tmpdir(), 'customers-import-'));
});
afterAll(async () => {
  await cloud?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const good = (n: number) => numberedCustomerLine('F', '1390013', n);

describe('npm run customers:import', () => {
  it('imports the good lines in chunks and names the bad ones by their line in the file', async () => {
    // 12 lines in chunks of 5: bad lines at 2 (chunk 1), 7 (chunk 2, its 2nd line) and 12 (chunk 3)
    const lines = [
      good(1),
      '{"customerId":',
      good(3),
      good(4),
      '',
      good(6),
      good(7).replace('"13900', '"x3900'),
      good(8),
      good(9),
      good(10),
      good(11),
      good(12).replace('"1958-03-02"', '"1958-02-30"'),
    ];
    const file = join(dir, 'customers.jsonl');
    await writeFile(file, `${lines.join('\r\n')}\r\n`);

    const first = await runImportCli([file, '--api', cloud.url, '--chunk-lines', '5']);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(
      /created 8, updated 0, unchanged 0, rejected 3 — 11 lines in [\d.]+ s \(\d+ lines\/s\)/,
    );
    expect(first.stderr).toContain('line 2: (line): Not valid JSON');
    expect(first.stderr).toContain('line 7: phone:');
    expect(first.stderr).toContain('line 12: birthDate:');
    expect(first.stderr).not.toMatch(/^line (1|3|4|5|6|8|9|10|11):/m);

    const again = await runImportCli([file, '--api', cloud.url, '--chunk-lines', '5']);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/created 0, updated 0, unchanged 8, rejected 3/);
  });

  it('exits 0 for a clean file, and 2 with a message when it cannot import at all', async () => {
    const file = join(dir, 'clean.jsonl');
    await writeFile(file, [good(20), good(21), good(22)].join('\n'));
    const clean = await runImportCli([file, '--api', cloud.url]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/created 3, updated 0, unchanged 0, rejected 0/);

    const wrongToken = await runImportCli([file, '--api', cloud.url, '--token', 'not-a-jwt']);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.stderr).toMatch(/refused lines 1-3 \(401\)/);

    const noFile = await runImportCli([join(dir, 'missing.jsonl'), '--api', cloud.url]);
    expect(noFile.code).toBe(2);
  });

  it('finds the local cloud on PORT when no --api is given', async () => {
    const file = join(dir, 'port.jsonl');
    await writeFile(file, [good(30), good(31)].join('\n'));
    const run = await runImportCli([file], { PORT: new URL(cloud.url).port, CARE_API_URL: '' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/created 2, updated 0, unchanged 0, rejected 0/);
  });
});
