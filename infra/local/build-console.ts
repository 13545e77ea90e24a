/**
 * Builds the console (web/console → web/console/dist) with Vite, as `npm start`, the console tests
 * and synth need it. Also measures what the first screen (the queue) loads, from Vite's manifest.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const CONSOLE_BASE = '/console/';

export function consoleDist(root: string): string {
  return resolve(root, 'web/console/dist');
}

export async function buildConsole(root: string, options: { quiet?: boolean } = {}): Promise<void> {
  await build({
    root: resolve(root, 'web/console'),
    base: CONSOLE_BASE,
    configFile: false,
    logLevel: options.quiet ? 'warn' : 'info',
    plugins: [react()],
    build: {
      outDir: consoleDist(root),
      emptyOutDir: true,
      manifest: true,
      sourcemap: true,
      target: 'es2022',
      // terser packs the first screen ~4% tighter than esbuild's minifier (300 KB gzip budget)
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      // the bench and the size check read the numbers from the manifest, not from warnings
      chunkSizeWarningLimit: 2000,
    },
  });
}

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

export interface FirstScreenSize {
  readonly files: readonly { file: string; gzipBytes: number }[];
  readonly gzipBytes: number;
}

/**
 * The JavaScript a browser loads to show the queue: the entry with its static imports, the
 * messages of one language, and the queue page's chunk with its own static imports.
 */
export async function firstScreenJs(root: string): Promise<FirstScreenSize> {
  const dist = consoleDist(root);
  const manifest = JSON.parse(await readFile(resolve(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const needed = new Set<string>();
  const visit = (key: string) => {
    if (needed.has(key) || !manifest[key]) return;
    needed.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('the console manifest has no entry');
  visit(entry);
  for (const key of Object.keys(manifest)) {
    const src = manifest[key]!.src ?? key;
    if (src.endsWith('pages/queue/queue-page.tsx') || src.includes('i18n/messages/all.zh-CN')) visit(key);
  }
  const files = await Promise.all(
    [...needed].map(async (key) => {
      const file = manifest[key]!.file;
      return { file, gzipBytes: gzipSync(await readFile(resolve(dist, file))).length };
    }),
  );
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const root = resolve(import.meta.dirname, '../..');
  await buildConsole(root);
  const size = await firstScreenJs(root);
  console.log(
    `first screen (queue): ${(size.gzipBytes / 1024).toFixed(1)} KB gzip in ${size.files.length} files`,
  );
}
