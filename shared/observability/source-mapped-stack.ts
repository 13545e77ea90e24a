/**
 * Stack traces of a deployed bundle, mapped back to the TypeScript sources only when an error is
 * logged. `NODE_OPTIONS=--enable-source-maps` makes Node read and parse the bundle's map (about as
 * large as the bundle) while the bundle loads, on every cold start, for the rare invocation that
 * logs an error: measured, up to half of a function's module init (bench/README.md). Here the map
 * esbuild writes next to a bundle (`index.js.map`) is read the first time a frame of that bundle is
 * formatted and kept for the life of the process.
 *
 * Frames of files without a map next to them (Node's own, tsx and vitest runs, whose frames already
 * name `.ts` files) are left as they are, as is any stack whose map cannot be read.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `    at name (file:line:col)`, `    at file:line:col`, `    at async name (file:line:col)`. */
const FRAME = /^(\s+at )(?:(.*?) \()?(.+?):(\d+):(\d+)(\)?)$/;

const maps = new Map<string, SourceMap | undefined>();

function mapOf(file: string): SourceMap | undefined {
  if (maps.has(file)) return maps.get(file);
  let map: SourceMap | undefined;
  if (/\.[cm]?js$/.test(file)) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // no map next to this file, or not one Node can read: the frame stays as it is
    }
  }
  maps.set(file, map);
  return map;
}

interface Mapped {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The identifier at this position in the source (for a call site: the function called). */
  readonly name?: string;
}

function lookUp(file: string, line: number, column: number): Mapped | undefined {
  const local = file.startsWith('file://') ? fileURLToPath(file) : file;
  const map = mapOf(local);
  if (!map) return undefined;
  const entry = map.findEntry(line - 1, column - 1) as Partial<
    Record<'originalSource' | 'name', string> & Record<'originalLine' | 'originalColumn', number>
  >;
  if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined)
    return undefined;
  // esbuild names sources relative to the map; shown from the bundle's folder up, e.g.
  // `services/sla/handlers/sweep.ts` rather than `../../services/...`
  const source = path.normalize(entry.originalSource).replace(/^(\.\.[/\\])+/, '');
  return { file: source, line: entry.originalLine + 1, column: entry.originalColumn + 1, name: entry.name };
}

/** The stack with every frame of a bundle that has a map rewritten to its source position. */
export function sourceMappedStack(stack: string): string {
  const lines = stack.split('\n');
  const frames = lines.map((line) => {
    const match = FRAME.exec(line);
    if (!match) return undefined;
    const [, at, callee, file, line_, column] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
      string,
      string,
    ];
    return { at, callee, mapped: lookUp(file, Number(line_), Number(column)) };
  });
  return lines
    .map((line, i) => {
      const frame = frames[i];
      if (!frame?.mapped) return line;
      const { mapped } = frame;
      // A minified function's name is recovered from where its caller calls it, the next frame down
      // (what Node's own --enable-source-maps does when the function has no name of its own).
      const caller = frames[i + 1]?.mapped;
      const callee =
        frame.callee && caller?.name ? frame.callee.replace(/[\w$]+$/, caller.name) : frame.callee;
      const where = `${mapped.file}:${mapped.line}:${mapped.column}`;
      return callee ? `${frame.at}${callee} (${where})` : `${frame.at}${where}`;
    })
    .join('\n');
}
