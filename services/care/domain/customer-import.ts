/**
 * Importing customers from NDJSON, one customer per line: every line is validated on its own, the
 * valid ones are upserted even when others fail, and errors name their line number.
 */
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { duplicateKeyErrors, unsafeTextErrors } from '#shared/domain/input-hygiene';
import { fieldErrors } from '#shared/domain/validation';
import { lastContactDateOf } from '#shared/tables/customers';
import type { ImportSummary, RejectedLine } from './care-responses';

export type { ImportSummary };

/** Lines one import request may carry; a bigger file goes in several requests (the CLI splits). */
export const IMPORT_MAX_LINES = 10_000;

/**
 * Bytes one import request may carry. Lambda takes at most 6 MB per synchronous invocation, event
 * envelope included; 5 MiB leaves room for it and holds 10,000 typical lines (about 450 bytes with
 * one policy). Lines with many policies are longer: the CLI splits by bytes as well as by lines.
 */
export const IMPORT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Field errors reported per rejected line (the rest are counted, not listed). */
export const MAX_ERRORS_PER_LINE = 20;

/** A rejected line by its number in the request (care-responses.ts). */
export type LineError = RejectedLine;

export interface ParsedLines {
  readonly customers: { readonly line: number; readonly customer: ImportedCustomer }[];
  readonly rejected: LineError[];
}

export function parseCustomerLine(text: string, line: number): { customer: ImportedCustomer } | LineError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { line, errors: [{ path: '(line)', message: 'Not valid JSON' }] };
  }
  const errors = [...duplicateKeyErrors(text), ...unsafeTextErrors(json)];
  const result = ImportedCustomer.safeParse(json);
  if (result.success && errors.length === 0) return { customer: result.data };
  if (!result.success) errors.push(...fieldErrors(result.error.issues));
  // a line of 40 wrong policies must not make a 10,000-line answer larger than Lambda can return
  return errors.length <= MAX_ERRORS_PER_LINE
    ? { line, errors }
    : {
        line,
        errors: [
          ...errors.slice(0, MAX_ERRORS_PER_LINE),
          { path: '(line)', message: `${errors.length - MAX_ERRORS_PER_LINE} more errors not shown` },
        ],
      };
}

/** Blank lines are skipped but still counted, so numbers match the file the insurer sent. */
export function parseCustomerLines(ndjson: string): ParsedLines {
  const parsed: ParsedLines = { customers: [], rejected: [] };
  ndjson.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const outcome = parseCustomerLine(text, index + 1);
    if ('customer' in outcome) parsed.customers.push({ line: index + 1, customer: outcome.customer });
    else parsed.rejected.push(outcome);
  });
  return parsed;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface CustomerStore {
  /**
   * Lists time zones as having customers (the planner's hourly "who is at 09:00?"), and the
   * last-contact months (YYYY-MM) the import writes (where a "last contact before" segment starts).
   */
  registerTimeZones(zones: ReadonlySet<string>, contactMonths?: ReadonlySet<string>): Promise<void>;
  /** Writes the customer, their policies and lookup items; `unchanged` when the stored import is identical. */
  upsert(customer: ImportedCustomer): Promise<UpsertOutcome>;
}

/**
 * Upserts with bounded concurrency (a 10,000-line request must not open 10,000 connections), in
 * file order. `outOfTime` is asked before each line is started: once it says so, the upserts in
 * flight finish and the rest is left for the caller to send again, so a slow table never turns a
 * large import into a gateway timeout with nothing said about what was written.
 */
export async function importCustomers(
  parsed: ParsedLines,
  store: CustomerStore,
  concurrency = 16,
  outOfTime: () => boolean = () => false,
): Promise<ImportSummary> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  // a customer whose own preferences chose another zone had it registered when they chose it
  await store.registerTimeZones(
    new Set(parsed.customers.map(({ customer }) => customer.timeZone)),
    new Set(
      parsed.customers.flatMap(({ customer: { lastContactAt, timeZone } }) =>
        lastContactAt ? [lastContactDateOf(lastContactAt, timeZone).slice(0, 7)] : [],
      ),
    ),
  );
  let next = 0;
  const worker = async () => {
    // the first line always starts, so every request makes progress however slow the table is
    while (next < parsed.customers.length && !(next > 0 && outOfTime())) {
      const { customer } = parsed.customers[next++]!;
      counts[await store.upsert(customer)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, parsed.customers.length) }, worker));
  if (next >= parsed.customers.length) return { ...counts, rejected: parsed.rejected };
  const resumeFromLine = parsed.customers[next]!.line;
  return { ...counts, rejected: parsed.rejected.filter((r) => r.line < resumeFromLine), resumeFromLine };
}
