/** Types of sdk-file.mjs for the TypeScript that imports it (infra/bundling.ts, bench, tests). */
import type { BuildOptions, Metafile } from 'esbuild';

export declare const SDK_MODULES: '#shared/aws/sdk/*';
export declare const SDK_FILE: 'sdk.js';
export declare function sdkModulesRequiredBy(bundleText: string): string[];
export declare function buildSdkFile(args: {
  outDir: string;
  bundleFile?: string;
  options: BuildOptions;
}): Promise<{ modules: string[]; metafile: Metafile } | undefined>;
