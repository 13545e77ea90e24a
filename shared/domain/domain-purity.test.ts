/**
 * Keeps domain code pure: a domain module takes ports and a Clock, so it imports no AWS SDK, no
 * Lambda or middy types, no HTTP module and no adapter. And a service reaches another service's
 * rules through their contract, never by building that service's wiring or store. Scans imports
 * with the TypeScript parser (static, `export … from`, `import()` and `require`), so comments that
 * name a module to explain it never count.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

/** Module specifiers a file imports, relative ones resolved to a path from the repository root. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    false,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((specifier) =>
    specifier.startsWith('.')
      ? relative(ROOT, join(ROOT, dirname(file), specifier))
          .split(sep)
          .join('/')
      : specifier,
  );
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

function impureImports(file: string): string[] {
  return importsOf(file).flatMap((target) =>
    IMPURE.filter(([pattern]) => pattern.test(target)).map(([, what]) => `${file} → ${target} (${what})`),
  );
}

/** A service may read another's rules and contracts, not build its wiring or its store. */
function foreignWiringImports(file: string): string[] {
  const owner = file.split('/')[1];
  return importsOf(file)
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
