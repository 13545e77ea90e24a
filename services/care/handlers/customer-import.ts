/**
 * POST /v1/customers/import (admin): NDJSON, one customer per line, at most 10,000 lines. Every
 * line is validated on its own; valid lines are written even when others are rejected, and the
 * answer names each rejected line by its number in the request. When no line at all is valid the
 * answer is a 400 problem (with the same `rejected` list): nothing was written, and a client that
 * only looks at the status still notices it sent the wrong file. A request that runs short of
 * time stops starting lines and answers `resumeFromLine` (see importCustomers): the client sends
 * the rest again.
 */
import * as z from 'zod/mini';
import { settings } from '#shared/config/settings';
import { PayloadTooLarge, ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { dynamoCustomerStore } from '../adapters/dynamo-customer-store';
import {
  IMPORT_MAX_BODY_BYTES,
  IMPORT_MAX_LINES,
  importCustomers,
  type LineError,
  parseCustomerLines,
} from '../domain/customer-import';

/**
 * Upserts in flight at once. Each is a read, a query and a transaction (~3 round trips); 10,000
 * of them must finish well inside API Gateway's 30 s (measured: see README, Customer import).
 */
const concurrency = () => settings().CUSTOMER_IMPORT_CONCURRENCY ?? 32;

/**
 * No new line is started after this long: the function times out at 29 s and API Gateway at 30 s,
 * and the upserts in flight and the answer need the rest. Lines not reached come back as
 * `resumeFromLine` for the client to send again.
 */
const timeBudgetMs = () => settings().CUSTOMER_IMPORT_TIME_BUDGET_MS ?? 24_000;

const MAX_PROBLEM_ERRORS = 200;

class NoValidLine extends ValidationFailed {
  constructor(rejected: readonly LineError[]) {
    // the problem's `errors` name the first lines' fields; `rejected` has every line
    const errors = rejected.flatMap((r) =>
      r.errors.map((e) => ({ path: `line ${r.line}: ${e.path}`, message: e.message })),
    );
    super(
      errors.slice(0, MAX_PROBLEM_ERRORS),
      `None of the ${rejected.length} lines is a valid customer; nothing was imported.` +
        (errors.length > MAX_PROBLEM_ERRORS
          ? ` The first ${MAX_PROBLEM_ERRORS} errors are listed; see rejected.`
          : ''),
    );
    this.extensions.rejected = rejected;
    this.extensions.created = 0;
    this.extensions.updated = 0;
    this.extensions.unchanged = 0;
  }
}

/** Counts lines before anything is parsed, so an oversized request costs no validation work. */
function countedLines(raw: string): string {
  let lines = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) lines++;
  if (!raw.endsWith('\n')) lines++;
  if (lines > IMPORT_MAX_LINES)
    throw new PayloadTooLarge(
      `An import request takes at most ${IMPORT_MAX_LINES.toLocaleString('en')} lines; this one has ` +
        `${lines.toLocaleString('en')}. Send the file in parts (npm run customers:import does).`,
    );
  return raw;
}

export const handler = httpRoute(
  {
    body: z.string(),
    mediaTypes: ['application/x-ndjson'],
    parseBody: countedLines,
    maxBodyBytes: IMPORT_MAX_BODY_BYTES,
  },
  async ({ body }) => {
    const startedAt = performance.now();
    const budget = timeBudgetMs();
    const parsed = parseCustomerLines(body);
    if (parsed.customers.length === 0) {
      if (parsed.rejected.length === 0)
        throw new ValidationFailed([{ path: 'body', message: 'The import has no customer lines' }]);
      throw new NoValidLine(parsed.rejected);
    }
    const summary = await importCustomers(
      parsed,
      dynamoCustomerStore,
      concurrency(),
      () => performance.now() - startedAt > budget,
    );
    return { status: 200, body: summary };
  },
);
