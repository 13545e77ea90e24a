/**
 * Keeps key formats in their table modules: a key prefix (`'TEAM#'`, `` `CUSTOMER#${id}` ``,
 * `/^TIMER#/`) spelled anywhere else is a second copy of a format that existing data depends on,
 * and the copies drift. Scans the source with the TypeScript parser, so comments (which may name
 * a format to explain it) never count; only string, template and regular-expression literals do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['services', 'shared', 'bench', 'test', 'infra'];
const SKIPPED_DIRS = new Set(['node_modules', 'cdk.out', '.data', '.bench', '.scratch', 'dist']);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** The modules that own key formats (and the test that pins those formats). */
const KEY_MODULES = new Set([
  'shared/tables/complaints.ts',
  'shared/tables/customers.ts',
  'shared/tables/messages.ts',
  'shared/tables/campaigns.ts',
  'shared/tables/quality.ts',
  'shared/tables/claims.ts',
  'shared/tables/relationship.ts',
  'shared/tables/privacy.ts',
  'shared/tables/key-formats.test.ts',
  // outbox items have the same keys on three tables; the outbox owns them
  'shared/outbox/outbox-keys.ts',
  // items the platform tests' fixture handlers write, never production data
  'test/fixtures/fixture-items.ts',
]);

/** `TEAM#`, `CLOCK#resolve`, `SLA#SWEEP`: upper-case words before a `#` start the literal. */
const KEY_PREFIX = /^[A-Z][A-Z_]+#/;
const KEY_PREFIX_IN_PATTERN = /[A-Z][A-Z_]+#/;

function keyLiteralsIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (KEY_PREFIX.test(node.text)) found.push(node.getText(source));
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some((part) => KEY_PREFIX.test(part))) found.push(node.getText(source));
    } else if (ts.isRegularExpressionLiteral(node)) {
      if (KEY_PREFIX_IN_PATTERN.test(node.text)) found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield join(dir, entry.name);
  }
}

describe('key literals', () => {
  it('finds key prefixes in strings, templates and patterns, never in comments', () => {
    const sample = [
      '// a comment may name `TEAM#claims`',
      "const a = 'TEAM#';",
      `const b = \`CUSTOMER#\${id}\`;`,
      "const c = { sk: 'CLOCK#resolve' };",
      'const d = /^TIMER#.*/;',
      `const e = 'no key here', f = '#fff', g = \`\${x}#\${y}\`;`,
    ].join('\n');
    expect(keyLiteralsIn('sample.ts', sample)).toEqual([
      "'TEAM#'",
      `\`CUSTOMER#\${id}\``,
      "'CLOCK#resolve'",
      '/^TIMER#.*/',
    ]);
  });

  it('appear only in the table modules', () => {
    const strays: string[] = [];
    for (const top of SCANNED) {
      for (const file of sourceFiles(join(ROOT, top))) {
        const path = relative(ROOT, file).split(sep).join('/');
        if (KEY_MODULES.has(path)) continue;
        for (const literal of keyLiteralsIn(path, readFileSync(file, 'utf8')))
          strays.push(`${path}: ${literal}`);
      }
    }
    // build the key with the owning table module (shared/tables/<table>.ts) instead
    expect(strays).toEqual([]);
  });
});
