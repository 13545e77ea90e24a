/**
 * Keeps domain code pure: a domain module takes ports and a Clock, so it imports no AWS SDK, no
 * Lambda or middy types, no HTTP module and no adapter, neither itself nor through the modules it
 * imports (a pure-looking shared helper that pulls in the SDK would bundle it all the same). And a service reaches another service's
 * rules through their contract, never by building that service's wiring or store. Scans imports
 * with the TypeScript parser (static, `export … from`, `import()` and `require`), so comments that
 * name a module to explain it never count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SOURCE = /\.(ts|mts|cts)$/;
const TEST = /\.test\.(ts|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !TEST.test(entry.name) ? [path] : [];
  });
}

interface Import {
  /** The specifier, a relative or `#shared/` one resolved to a path from the repository root. */
  readonly target: string;
  /** `import type` / `export type`: erased by the build, so it loads nothing at run time. */
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    false,
  );
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map(({ specifier, typeOnly }) => ({
    target: specifier.startsWith('.')
      ? relative(ROOT, join(ROOT, dirname(file), specifier))
          .split(sep)
          .join('/')
      : specifier.replace(/^#shared\//, 'shared/'), // the package.json import alias of shared/
    typeOnly,
  }));
}

const serviceDirs = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What a domain module may not depend on: the cloud, the Lambda trigger, the HTTP edge, adapters. */
const IMPURE: ReadonlyArray<[RegExp, string]> = [
  [/^@aws-sdk\//, 'AWS SDK'],
  [/^@aws-lambda-powertools\//, 'Powertools'],
  [/^@middy\//, 'middy'],
  [/^aws-lambda$/, 'Lambda event types'],
  [/^shared\/(http|aws|middleware)(\/|$)/, 'shared edge or AWS module'],
  [/(^|\/)adapters(\/|$)/, 'adapter'],
];

/** The repository file a resolved relative import names, if it is TypeScript source. */
function sourceFileOf(target: string): string | undefined {
  return [`${target}.ts`, `${target}/index.ts`, target].find(
    (candidate) => SOURCE.test(candidate) && existsSync(join(ROOT, candidate)),
  );
}

/**
 * Every impure import of a file, and every one its value imports load in turn, with the chain to
 * it. A type-only import is checked where it is written (a domain file names no SDK type) but not
 * followed, since nothing of it is loaded.
 */
function impureImports(file: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>([file]);
  const queue: Array<{ file: string; chain: string }> = [{ file, chain: file }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const { target, typeOnly } of importsOf(next.file)) {
      const impure = IMPURE.find(([pattern]) => pattern.test(target));
      if (impure) {
        found.push(`${next.chain} → ${target} (${impure[1]})`);
        continue;
      }
      const local = target.startsWith('services/') || target.startsWith('shared/');
      const imported = local && !typeOnly ? sourceFileOf(target) : undefined;
      if (imported && !seen.has(imported)) {
        seen.add(imported);
        queue.push({ file: imported, chain: `${next.chain} → ${imported}` });
      }
    }
  }
  return found;
}

/** A service may read another's rules and contracts, not build its wiring or its store. */
function foreignWiringImports(file: string): string[] {
  const owner = file.split('/')[1];
  return importsOf(file)
    .map(({ target }) => target)
    .filter((target) => {
      const match = /^services\/([^/]+)\/adapters\/(deps|dynamo-[^/]*-store)$/.exec(target);
      return match !== null && match[1] !== owner;
    })
    .map((target) => `${file} → ${target}`);
}

describe('domain purity', () => {
  const domainFiles = [
    ...serviceDirs.flatMap((service) => {
      try {
        return sourceFiles(`services/${service}/domain`);
      } catch {
        return [];
      }
    }),
    ...sourceFiles('shared/domain'),
    ...sourceFiles('shared/calendar'),
    ...sourceFiles('shared/care'),
    ...sourceFiles('shared/templates'),
  ];

  it('scans every service domain', () => {
    expect(domainFiles.filter((file) => file.startsWith('services/')).length).toBeGreaterThan(20);
  });

  it('domain code imports no AWS SDK, middy, Lambda types, HTTP/AWS/middleware module or adapter', () => {
    expect(domainFiles.flatMap(impureImports)).toEqual([]);
  });

  it("no service builds another service's wiring or store", () => {
    const files = serviceDirs.flatMap((service) => sourceFiles(`services/${service}`));
    expect(files.flatMap(foreignWiringImports)).toEqual([]);
  });
});
