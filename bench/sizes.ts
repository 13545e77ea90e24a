/**
 * Bundles one Lambda entry point with exactly the deployed esbuild settings (infra/bundling.ts) and
 * splits the minified output (the bundle and its SDK file, shared/aws/bundle/sdk-file.mjs) by where
 * its bytes come from, using esbuild's metafile.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundling, esbuildOptions } from '../infra/bundling';
import { buildSdkFile, SDK_FILE } from '../shared/aws/bundle/sdk-file.mjs';

export { esbuildOptions };

/** Packages counted as "the AWS SDK" (shown apart; counted in the all-in size like every byte). */
const AWS_SDK_SCOPES = ['@aws-sdk/', '@smithy/', '@aws-crypto/'];

export type Origin = 'ours' | 'libs' | 'sdk';

export interface PackageBytes {
  /** The package, or for a package built of submodules (`@smithy/core`) the submodule: `@smithy/core/protocols`. */
  readonly name: string;
  readonly origin: Exclude<Origin, 'ours'>;
  readonly bytes: number;
  /** The folder inside the package holding the most output bytes, e.g. `v4/locales`. */
  readonly largestFolder: { readonly folder: string; readonly bytes: number };
  /** Every module of this package is reached only through the AWS SDK (a transitive SDK dependency). */
  readonly onlyViaSdk: boolean;
}

export interface BundleReport {
  readonly entry: string;
  readonly outfile: string;
  /** The function's AWS SDK file beside the bundle, required on its first AWS call (none if it uses no AWS). */
  readonly sdkFile: string | undefined;
  /** All-in: the bundle and its SDK file, every byte the Lambda loads (source maps not counted). */
  readonly totalBytes: number;
  /** Of which the bundle Lambda requires at init. */
  readonly indexBytes: number;
  readonly bytes: Record<Origin, number>;
  /** Output bytes not attributed to any input: the banner, esbuild's runtime helpers, export glue. */
  readonly glueBytes: number;
  /** Packages (libraries and the AWS SDK), largest first. */
  readonly libraries: readonly PackageBytes[];
  readonly warnings: readonly string[];
}

export function packageOf(inputPath: string): string | undefined {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = inputPath.slice(at + marker.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The package of a node_modules path, with its submodule where the package has them. */
export function libraryOf(inputPath: string): string | undefined {
  const pkg = packageOf(inputPath);
  const submodule = /\/dist-[a-z]+\/submodules\/([^/]+)\//.exec(inputPath)?.[1];
  return pkg && submodule ? `${pkg}/${submodule}` : pkg;
}

export function originOf(inputPath: string): Origin {
  const pkg = packageOf(inputPath);
  if (pkg === undefined) return 'ours';
  return AWS_SDK_SCOPES.some((scope) => pkg.startsWith(scope)) ? 'sdk' : 'libs';
}

/** Modules reachable from the entry without passing through an AWS SDK module. */
function reachableWithoutSdk(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const imported of metafile.inputs[current]?.imports ?? []) {
      if (imported.external || seen.has(imported.path)) continue;
      if (originOf(imported.path) === 'sdk') continue;
      queue.push(imported.path);
    }
  }
  return seen;
}

export async function bundleAndMeasure(
  repoRoot: string,
  entry: string,
  outDir: string,
): Promise<BundleReport> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // .cjs so Node loads it as CommonJS inside this "type": "module" repository, as Lambda loads index.js
  const outfile = path.join(outDir, bundling.format === 'cjs' ? 'index.cjs' : 'index.mjs');
  const result = await build({
    ...esbuildOptions(),
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    outfile,
    metafile: true,
    write: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`esbuild produced no entry output for ${entry}`);
  const sdk = await buildSdkFile({ outDir, bundleFile: path.basename(outfile), options: esbuildOptions() });
  const sdkOutput = sdk && Object.values(sdk.metafile.outputs).find((o) => o.entryPoint !== undefined);
  const metafile: Metafile = {
    inputs: { ...result.metafile.inputs, ...sdk?.metafile.inputs },
    outputs: { ...result.metafile.outputs, ...sdk?.metafile.outputs },
  };
  const totalBytes = output.bytes + (sdkOutput?.bytes ?? 0);

  const direct = reachableWithoutSdk(metafile, path.relative(repoRoot, path.resolve(repoRoot, entry)));
  const bytes: Record<Origin, number> = { ours: 0, libs: 0, sdk: 0 };
  const packages = new Map<
    string,
    { origin: Exclude<Origin, 'ours'>; bytes: number; folders: Map<string, number>; viaSdkOnly: boolean }
  >();
  let attributed = 0;
  const counted = [...Object.entries(output.inputs), ...Object.entries(sdkOutput?.inputs ?? {})];
  for (const [inputPath, input] of counted) {
    const n = input.bytesInOutput;
    attributed += n;
    const origin = originOf(inputPath);
    bytes[origin] += n;
    if (origin === 'ours') continue;
    const name = libraryOf(inputPath)!;
    const pkg = packages.get(name) ?? { origin, bytes: 0, folders: new Map(), viaSdkOnly: origin === 'libs' };
    pkg.bytes += n;
    if (n > 0 && direct.has(inputPath)) pkg.viaSdkOnly = false;
    const packageName = packageOf(inputPath)!;
    const inside = inputPath.slice(inputPath.lastIndexOf(`${packageName}/`) + packageName.length + 1);
    const dir = path.posix.dirname(inside);
    const folder = dir === '.' ? '(package root)' : dir;
    pkg.folders.set(folder, (pkg.folders.get(folder) ?? 0) + n);
    packages.set(name, pkg);
  }
  const libraries = [...packages.entries()]
    .map(([name, p]): PackageBytes => {
      const [folder, folderBytes] = [...p.folders.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['.', 0];
      return {
        name,
        origin: p.origin,
        bytes: p.bytes,
        largestFolder: { folder, bytes: folderBytes },
        onlyViaSdk: p.viaSdkOnly,
      };
    })
    .filter((p) => p.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);

  return {
    entry,
    outfile,
    sdkFile: sdk && path.join(outDir, SDK_FILE),
    totalBytes,
    indexBytes: output.bytes,
    bytes,
    glueBytes: totalBytes - attributed,
    libraries,
    warnings: result.warnings.map((w) => w.text),
  };
}
