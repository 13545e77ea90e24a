/**
 * Bundles the static pages' scripts (web/src → web/dist) with esbuild: the complaint form, the
 * customer's status page and the rating page. The form imports the API's own zod contract, so the
 * browser checks exactly what the server checks.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

export async function buildWeb(root: string): Promise<void> {
  await build({
    entryPoints: ['form', 'status', 'rate', 'rsvp'].map((page) => resolve(root, `web/src/${page}.ts`)),
    outdir: resolve(root, 'web/dist'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await buildWeb(resolve(import.meta.dirname, '../..'));
}
