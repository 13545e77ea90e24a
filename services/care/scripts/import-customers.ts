/**
 * `npm run customers:import -- <file.jsonl> [--api URL] [--token JWT] [--chunk-lines N]`
 *
 * Streams an NDJSON customer file (never held whole in memory) to POST /v1/customers/import in
 * chunks of at most 1,000 lines (and 4 MiB), two requests in flight, and reports rejected lines by
 * their line number in the FILE. The API defaults to the local cloud, where an admin token is
 * fetched from /dev/token; elsewhere pass --token or set CARE_API_TOKEN. Exit code 0 when every
 * line was imported, 1 when lines were rejected, 2 when the import could not run.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

interface FieldError {
  readonly path: string;
  readonly message: string;
}
interface RejectedLine {
  readonly line: number;
  readonly errors: readonly FieldError[];
}
interface Totals {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
}

/** The server takes 10,000 lines and 5 MiB; smaller chunks keep each request short and retryable. */
const MAX_CHUNK_LINES = 10_000;
const CHUNK_BYTES = 4 * 1024 * 1024;
const IN_FLIGHT = 2;
const RETRIES = 3;

class Fatal extends Error {}

function usage(): never {
  process.stderr.write(
    `usage: npm run customers:import -- <file.jsonl> [--api ${localApi()}] [--token JWT] [--chunk-lines 1000]\n`,
  );
  process.exit(2);
}

/** The local cloud on this machine, on `PORT` as `npm start` is. */
const localApi = () => `http://localhost:${process.env.PORT || 3000}`;

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      token: { type: 'string' },
      'chunk-lines': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) usage();
  const chunkLines = Number(values['chunk-lines'] ?? 1000);
  if (!Number.isInteger(chunkLines) || chunkLines < 1 || chunkLines > MAX_CHUNK_LINES) {
    process.stderr.write(`--chunk-lines must be a whole number from 1 to ${MAX_CHUNK_LINES}\n`);
    process.exit(2);
  }
  return {
    file: positionals[0]!,
    api: (values.api ?? (process.env.CARE_API_URL || localApi())).replace(/\/$/, ''),
    token: values.token ?? process.env.CARE_API_TOKEN,
    chunkLines,
  };
}

const isLocal = (api: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(api).hostname);

async function adminToken(api: string, given: string | undefined): Promise<string> {
  if (given) return given;
  if (!isLocal(api)) throw new Fatal('No token: pass --token or set CARE_API_TOKEN (an admin ID token).');
  const res = await fetch(`${api}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'customer-import-cli', role: 'admin' }),
  });
  if (!res.ok) throw new Fatal(`The local cloud gave no token (${res.status}); is npm start running?`);
  return ((await res.json()) as { token: string }).token;
}

/** One chunk to the API; `firstLine` is the file line number of its first line. */
async function sendChunk(api: string, token: string, lines: string[], firstLine: number, totals: Totals) {
  let failures = 0;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(`${api}/v1/customers/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: `${lines.join('\n')}\n`,
      });
    } catch (error) {
      if (++failures > RETRIES) throw new Fatal(`The API is unreachable: ${(error as Error).message}`);
      await pause(failures);
      continue;
    }
    const answer = (await res.json().catch(() => ({}))) as Partial<Totals> & {
      detail?: string;
      resumeFromLine?: number;
    };
    // a 400 carrying `rejected` is a chunk without a single valid line: still a per-line answer
    if (res.ok || (res.status === 400 && Array.isArray(answer.rejected))) {
      totals.created += answer.created ?? 0;
      totals.updated += answer.updated ?? 0;
      totals.unchanged += answer.unchanged ?? 0;
      for (const r of answer.rejected ?? [])
        totals.rejected.push({ line: r.line + firstLine - 1, errors: r.errors });
      const resume = answer.resumeFromLine;
      if (!res.ok || resume === undefined) return;
      // the request ran out of time: send the lines it did not reach again
      if (resume <= 1 && ++failures > RETRIES)
        throw new Fatal(`The API makes no progress at line ${firstLine}`);
      lines = lines.slice(resume - 1);
      firstLine += resume - 1;
      continue;
    }
    // re-sending is safe: an import of the same lines changes nothing the second time
    if ((res.status >= 500 || res.status === 429) && ++failures <= RETRIES) {
      await pause(failures);
      continue;
    }
    throw new Fatal(
      `The API refused lines ${firstLine}-${firstLine + lines.length - 1} (${res.status}): ${answer.detail ?? res.statusText}`,
    );
  }
}

const pause = (attempt: number) => new Promise((r) => setTimeout(r, 500 * 2 ** attempt));

/** A bar on a terminal, a plain line every few seconds otherwise (CI logs, pipes). */
function progressReporter(totalBytes: number) {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastPlain = started;
  const rate = (lines: number) => Math.round(lines / Math.max((Date.now() - started) / 1000, 0.001));
  return {
    update(bytes: number, lines: number) {
      const share = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ` +
            `${lines.toLocaleString('en')} lines  ${rate(lines).toLocaleString('en')} lines/s `,
        );
      } else if (Date.now() - lastPlain >= 5_000) {
        lastPlain = Date.now();
        process.stderr.write(`${(share * 100).toFixed(0)}% — ${lines} lines sent, ${rate(lines)} lines/s\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
      return (Date.now() - started) / 1000;
    },
  };
}

async function main(): Promise<number> {
  const { file, api, token: given, chunkLines } = options();
  const size = (await stat(file)).size;
  const token = await adminToken(api, given);
  const totals: Totals = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const progress = progressReporter(size);

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const dispatch = async (lines: string[], firstLine: number) => {
    // blank lines travel with their chunk (so numbers stay right) but a chunk of only blanks has
    // nothing to import
    if (lines.every((l) => l.trim() === '')) return;
    const request = sendChunk(api, token, lines, firstLine, totals)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  };

  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let bytesRead = 0;
  let chunk: string[] = [];
  let chunkBytes = 0;
  let chunkStart = 1;
  for await (const line of reader) {
    lineNo++;
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (chunk.length > 0 && (chunk.length >= chunkLines || chunkBytes + bytes > CHUNK_BYTES)) {
      await dispatch(chunk, chunkStart);
      chunk = [];
      chunkBytes = 0;
      chunkStart = lineNo;
      progress.update(bytesRead, lineNo - 1);
    }
    chunk.push(line);
    chunkBytes += bytes;
    bytesRead += bytes;
    if (failure) break;
  }
  reader.close();
  if (!failure && chunk.length > 0) await dispatch(chunk, chunkStart);
  await Promise.all(inFlight);
  progress.update(bytesRead, lineNo);
  const seconds = progress.done();
  if (failure) throw failure;

  totals.rejected.sort((a, b) => a.line - b.line);
  const SHOWN = 200;
  for (const r of totals.rejected.slice(0, SHOWN)) {
    for (const e of r.errors) process.stderr.write(`line ${r.line}: ${e.path}: ${e.message}\n`);
  }
  if (totals.rejected.length > SHOWN)
    process.stderr.write(`… and ${totals.rejected.length - SHOWN} more rejected lines\n`);
  const imported = totals.created + totals.updated + totals.unchanged;
  const linesPerSecond = Math.round((imported + totals.rejected.length) / Math.max(seconds, 0.001));
  process.stdout.write(
    `created ${totals.created}, updated ${totals.updated}, unchanged ${totals.unchanged}, ` +
      `rejected ${totals.rejected.length} — ${imported + totals.rejected.length} lines in ${seconds.toFixed(1)} s ` +
      `(${linesPerSecond} lines/s)\n`,
  );
  return totals.rejected.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`customers:import: ${error instanceof Fatal ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
