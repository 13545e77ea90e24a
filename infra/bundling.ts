/**
 * How a function is bundled: the one set of esbuild settings that CDK's NodejsFunction uses and that
 * `npm run bench` measures, so the benchmark sees exactly what is deployed.
 *
 * CommonJS, not ESM: on Node 22 an ESM bundle that imports `node:http` (the AWS SDK does) also loads
 * undici, http2 and zlib at start-up (nodejs/node#59686); measured, CommonJS starts the same code
 * 12-15 ms sooner, with no cost moved to the first request.
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { SDK_MODULES } from '../shared/aws/bundle/sdk-file.mjs';

export const LAMBDA_NODE_TARGET = 'node22';

export const bundling = {
  format: 'cjs',
  platform: 'node',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  // Source maps keep stack traces readable for operations; without the sources inside, Node
  // reads a third of the bytes at start-up.
  sourcemap: true,
  sourcesContent: false,
  // Prefer packages' ES module builds: they tree-shake far better, even into a CommonJS bundle.
  mainFields: ['module', 'main'],
  // `lambda-bundle` resolves the `#aws-sdk/<package>/<file>` imports of shared/aws/sdk/ to the SDK
  // package's own ES module of that class (Node, outside bundles, takes the package's entry point):
  // those modules are imported lazily, and esbuild tree-shakes a lazily imported package only when
  // it is not entered through its index (../shared/aws/lazy.ts). `module` is esbuild's default.
  conditions: ['lambda-bundle', 'module'],
  // The external `import('#shared/aws/sdk/...')` of the lazy adapters as `require()`: Node loads the
  // SDK file as CommonJS on the first call, without starting its ES module loader for it.
  supported: { 'dynamic-import': false } as Record<string, boolean>,
  // The AWS SDK is bundled, not taken from the runtime, so the version we test is the version we run;
  // but in a second file, `sdk.js`, that the function requires on its first AWS call
  // (shared/aws/bundle/sdk-file.mjs): the lazy adapters' SDK modules stay external here.
  external: [SDK_MODULES] as string[],
  // Parts of the SDK no function runs, replaced by small modules of ours (paths from the repository
  // root, where both CDK and the bench run esbuild): see each module's first lines for why.
  alias: {
    '@aws-sdk/credential-provider-node': './shared/aws/bundle/lambda-credentials.ts',
    '@smithy/core/event-streams': './shared/aws/bundle/no-event-streams.ts',
    '@aws-sdk/client-dynamodb': './shared/aws/bundle/client-dynamodb.ts',
  } as Record<string, string>,
} as const;

/** What NodejsFunction has no option for, as its `esbuildArgs`: aliases, conditions, supported syntax. */
export function esbuildArgs(): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(bundling.alias).map(([from, to]) => [`--alias:${from}`, to])),
    ...Object.fromEntries(
      Object.entries(bundling.supported).map(([feature, on]) => [`--supported:${feature}`, String(on)]),
    ),
    '--conditions': bundling.conditions.join(','),
  };
}

/**
 * `bundling` is written in NodejsFunction's vocabulary; esbuild's JS API (the bench, tests and the
 * SDK file's build) differs only in the banner (a string there, `{ js }` here) and in wanting
 * mutable arrays. Every other key is passed through unchanged, so an option added there is measured
 * here too (esbuild rejects unknown keys).
 */
export function esbuildOptions(): BuildOptions {
  const { banner, ...rest } = bundling as Record<string, unknown> & { banner?: unknown };
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) options[key] = Array.isArray(value) ? [...value] : value;
  if (typeof banner === 'string') options.banner = { js: banner };
  else if (banner !== undefined) options.banner = banner;
  return options as BuildOptions;
}

/**
 * The shell command NodejsFunction runs after bundling a function: the SDK file beside its
 * index.js, built with the same settings (shared/aws/bundle/sdk-file.mjs).
 */
export function sdkFileCommand(repoRoot: string, outputDir: string): string {
  const script = path.join(repoRoot, 'shared/aws/bundle/sdk-file.mjs');
  const options = Buffer.from(JSON.stringify(esbuildOptions())).toString('base64');
  return `node "${script}" "${outputDir}" ${options}`;
}
