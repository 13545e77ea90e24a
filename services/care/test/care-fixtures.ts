/** Test data and helpers shared by the care tests: one import line as the design brief shows it, and the import CLI. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../../test/support/local-cloud';

export const customerLine = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    customerId: 'C0001',
    name: '李四',
    birthDate: '1958-03-02',
    phone: '13900139000',
    email: 'li@example.com',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: 'sms',
    tier: 'gold',
    consent: { service: true, marketing: true },
    policies: [
      {
        policyNumber: 'P2024000123',
        product: 'critical-illness',
        startDate: '2021-05-10',
        premiumDueDate: '2026-12-05',
        premiumAmount: 3600,
        status: 'in-force',
      },
    ],
    lastContactAt: '2026-01-15T02:00:00Z',
    ...overrides,
  });

/** A valid import line without policies: customer `<idPrefix>NNNN`, phone `<phonePrefix>NNNN`. */
export const numberedCustomerLine = (idPrefix: string, phonePrefix: string, n: number) =>
  customerLine({
    customerId: `${idPrefix}${String(n).padStart(4, '0')}`,
    phone: `${phonePrefix}${String(n).padStart(4, '0')}`,
    policies: [],
  });

/** Runs the import CLI (services/care/scripts/import-customers.ts) as `npm run customers:import` would, without a token. */
export function runImportCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'services/care/scripts/import-customers.ts'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, CARE_API_TOKEN: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
