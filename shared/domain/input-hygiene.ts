/**
 * Text that passes JSON and zod but is still not text a person wrote: bytes that are not UTF-8, NUL
 * characters, lone UTF-16 surrogates (which DynamoDB and every UTF-8 consumer downstream refuse or
 * mangle), and JSON objects that name a field twice (JSON.parse silently keeps the last one, so
 * two readers of the same body could see different complaints). Each is a field error.
 */
import type { FieldError } from './errors';

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REPLACEMENT = '\uFFFD';

type Segment = string | number;

/** A path as a chain to its parent: deep nesting costs one link per level, not a copy per level. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly segment: Segment;
}

function segmentsOf(link: PathLink | undefined): Segment[] {
  const segments: Segment[] = [];
  for (let at = link; at; at = at.parent) segments.push(at.segment);
  return segments.reverse();
}

const pathOf = (prefix: readonly Segment[], segments: readonly Segment[]) =>
  [...prefix, ...segments].map(String).join('.') || '(root)';

/** Walks strings (values and field names) without recursion, so nesting depth cannot overflow. */
function stringsOf(value: unknown, visit: (text: string, path: () => Segment[]) => void): void {
  const pending: [unknown, PathLink | undefined][] = [[value, undefined]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') visit(current, () => segmentsOf(path));
    else if (Array.isArray(current))
      current.forEach((item, i) => {
        pending.push([item, { parent: path, segment: i }]);
      });
    else if (current && typeof current === 'object')
      for (const [key, item] of Object.entries(current)) {
        const link = { parent: path, segment: key };
        visit(key, () => segmentsOf(link));
        pending.push([item, link]);
      }
  }
}

/** A field error for every string holding NUL or a lone surrogate. */
export function unsafeTextErrors(value: unknown, prefix: readonly Segment[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  stringsOf(value, (text, path) => {
    if (!UNSAFE_TEXT.test(text)) return;
    const at = pathOf(prefix, path());
    if (!seen.has(at)) {
      seen.add(at);
      errors.push({ path: at, message: 'Must not contain NUL characters or unpaired surrogates' });
    }
  });
  return errors;
}

/**
 * The fields of a body that was not valid UTF-8: decoded leniently, the broken bytes are U+FFFD,
 * which marks the strings they were in. A body that does not even parse then is one error.
 */
export function invalidUtf8Errors(leniently: unknown, prefix: readonly Segment[] = []): FieldError[] {
  const errors: FieldError[] = [];
  stringsOf(leniently, (text, path) => {
    if (text.includes(REPLACEMENT))
      errors.push({ path: pathOf(prefix, path()), message: 'Must be valid UTF-8 text' });
  });
  return errors.length > 0 ? errors : [{ path: pathOf(prefix, []), message: 'Must be valid UTF-8 text' }];
}

/** Decodes bytes as UTF-8, or says they are not. */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), valid: false };
  }
}

/**
 * The paths of fields named twice in one object of a JSON text that JSON.parse accepted. A small
 * scanner over the same text: keys are compared decoded (`"a"` and `"\u0061"` are one name).
 */
export function duplicateKeyPaths(json: string): Segment[][] {
  const duplicates: Segment[][] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < json.length && (json[i] === ' ' || json[i] === '\t' || json[i] === '\n' || json[i] === '\r'))
      i++;
  };
  const readString = (): string => {
    const start = i++;
    while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(json.slice(start, i)) as string;
  };
  // an explicit stack of open containers, so nesting depth cannot overflow the call stack
  type Open = { keys: Set<string>; path?: PathLink } | { index: number; path?: PathLink };
  const stack: Open[] = [];
  const valueStart = (path: PathLink | undefined) => {
    skipSpace();
    const c = json[i];
    if (c === '{') {
      i++;
      stack.push({ keys: new Set(), path });
    } else if (c === '[') {
      i++;
      stack.push({ index: 0, path });
    } else if (c === '"') readString();
    else while (i < json.length && !',]} \t\n\r'.includes(json[i]!)) i++;
  };
  valueStart(undefined);
  while (stack.length > 0 && i < json.length) {
    const open = stack[stack.length - 1]!;
    skipSpace();
    const c = json[i];
    if (c === '}' || c === ']') {
      i++;
      stack.pop();
      continue;
    }
    if (c === ',') {
      i++;
      skipSpace();
    }
    if ('keys' in open) {
      const key = readString();
      if (open.keys.has(key)) duplicates.push([...segmentsOf(open.path), key]);
      open.keys.add(key);
      skipSpace();
      i++; // the colon
      valueStart({ parent: open.path, segment: key });
    } else {
      valueStart({ parent: open.path, segment: open.index++ });
    }
  }
  return duplicates;
}

/** Duplicate field names as field errors. */
export function duplicateKeyErrors(json: string, prefix: readonly Segment[] = []): FieldError[] {
  return duplicateKeyPaths(json).map((path) => ({
    path: pathOf(prefix, path),
    message: 'Appears more than once',
  }));
}
