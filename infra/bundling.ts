/**
 * How a function is bundled: the one set of esbuild settings that CDK's NodejsFunction uses and that
 * `npm run bench` measures, so the benchmark sees exactly what is deployed.
 *
 * CommonJS, not ESM: on Node 22 an ESM bundle that imports `node:http` (the AWS SDK does) also loads
 * undici, http2 and zlib at start-up (nodejs/node#59686); measured, CommonJS starts the same code
 * 12-15 ms sooner, with no cost moved to the first request.
 */
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
  // The AWS SDK is bundled, not taken from the runtime, so the version we test is the version we run.
  external: [] as string[],
  // Parts of the SDK no function runs, replaced by small modules of ours (paths from the repository
  // root, where both CDK and the bench run esbuild): see each module's first lines for why.
  alias: {
    '@aws-sdk/credential-provider-node': './shared/aws/bundle/lambda-credentials.ts',
    '@smithy/core/event-streams': './shared/aws/bundle/no-event-streams.ts',
    '@aws-sdk/client-dynamodb': './shared/aws/bundle/client-dynamodb.ts',
  } as Record<string, string>,
} as const;

/** What NodejsFunction has no option for, as its `esbuildArgs`: the aliases and the conditions. */
export function esbuildArgs(): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(bundling.alias).map(([from, to]) => [`--alias:${from}`, to])),
    '--conditions': bundling.conditions.join(','),
  };
}
