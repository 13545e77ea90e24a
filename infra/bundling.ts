/**
 * How a function is bundled: the one set of esbuild settings that CDK's NodejsFunction uses and that
 * `npm run bench` measures, so the benchmark sees exactly what is deployed.
 */
export const LAMBDA_NODE_TARGET = 'node22';

export const bundling = {
  format: 'esm',
  platform: 'node',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  sourcemap: true,
  // ESM bundles still meet CommonJS dependencies that call require(); give them one.
  banner:
    "import { createRequire as __ccCreateRequire } from 'module'; const require = __ccCreateRequire(import.meta.url);",
  mainFields: ['module', 'main'],
  // The AWS SDK is bundled, not taken from the runtime, so the version we test is the version we run.
  external: [] as string[],
} as const;
