/** The console's generated API types are those of today's contracts (run `npm run console:api-types`). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_API_TYPES, consoleApiTypes } from './console-types';

describe('web/console/src/api/schema.d.ts', () => {
  it('is up to date with the OpenAPI document', async () => {
    const committed = await readFile(CONSOLE_API_TYPES, 'utf8');
    expect(committed === (await consoleApiTypes()), 'out of date: run `npm run console:api-types`').toBe(
      true,
    );
  });

  it('types the paths and the answers of the console', async () => {
    const types = await consoleApiTypes();
    for (const name of ['CaseQueuePage', 'CaseDetail', 'CaseSummary', 'ComplaintReport', 'Problem'])
      expect(types).toContain(`${name}: {`);
    expect(types).toContain('"/v1/cases/{complaintId}": {');
  });
});
