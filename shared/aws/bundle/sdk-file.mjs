/**
 * A function's AWS SDK in a file of its own beside its bundle, required on the first AWS call.
 *
 * The lazy adapters (../lazy.ts) import each SDK module as `#shared/aws/sdk/<module>`. A function's
 * bundle keeps those imports external (infra/bundling.ts), so Node neither reads nor compiles the
 * SDK's 180-320 KB when the function loads; this second build bundles the modules the function's
 * bundle still requires after tree shaking, with the same esbuild settings, into `sdk.js`, and a
 * `package.json` beside it maps every `#shared/aws/sdk/*` to that one file (Node resolves `#`
 * imports from the nearest package.json). Unbundled (local cloud, tests) the repository's own
 * package.json maps the same names to the TypeScript modules, so nothing changes there.
 *
 * Plain JavaScript so that CDK's NodejsFunction can run it after bundling
 * (`node shared/aws/bundle/sdk-file.mjs <outputDir> <options>`, infra/constructs/lambda-function.ts),
 * and the bench imports the same function (bench/sizes.ts).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The import names of the lazily loaded SDK modules: external in a function's bundle. */
export const SDK_MODULES = '#shared/aws/sdk/*';
export const SDK_FILE = 'sdk.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The SDK modules a minified CommonJS bundle requires (only code that survived tree shaking). */
export function sdkModulesRequiredBy(bundleText) {
  const found = bundleText.matchAll(/(?:require|import)\("#shared\/aws\/sdk\/([\w-]+)"\)/g);
  return [...new Set([...found].map((m) => m[1]))].sort();
}

/**
 * Writes `sdk.js` (and its map) and `package.json` next to `bundleFile` in `outDir`. Returns the
 * modules bundled and esbuild's metafile, or undefined when the bundle requires no SDK module.
 * Every module exports distinct names (one client or command each), so `export *` loses none
 * (bundle.test.ts checks it for every module).
 */
export async function buildSdkFile({ outDir, bundleFile = 'index.js', options }) {
  const modules = sdkModulesRequiredBy(await readFile(path.join(outDir, bundleFile), 'utf8'));
  if (modules.length === 0) return undefined;
  const result = await build({
    ...options,
    external: (options.external ?? []).filter((e) => e !== SDK_MODULES),
    absWorkingDir: repoRoot,
    stdin: {
      contents: modules.map((m) => `export * from '#shared/aws/sdk/${m}';`).join('\n'),
      resolveDir: repoRoot,
      sourcefile: 'lambda-sdk.js',
      loader: 'js',
    },
    bundle: true,
    outfile: path.join(outDir, SDK_FILE),
    metafile: true,
    write: true,
    logLevel: 'silent',
  });
  await writeFile(
    path.join(outDir, 'package.json'),
    `${JSON.stringify({ private: true, imports: { [SDK_MODULES]: `./${SDK_FILE}` } })}\n`,
  );
  return { modules, metafile: result.metafile };
}

// CDK's afterBundling hook: `node sdk-file.mjs <outputDir> <esbuild options as base64 JSON>`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, encoded] = process.argv.slice(2);
  if (!outDir || !encoded || !existsSync(path.join(outDir, 'index.js'))) {
    console.error('usage: node sdk-file.mjs <outputDir with index.js> <base64 JSON esbuild options>');
    process.exit(2);
  }
  const options = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  await buildSdkFile({ outDir, options });
}
