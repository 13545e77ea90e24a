/**
 * The console on the local cloud, as CloudFront/S3 serve it on AWS: the built files of
 * web/console/dist under /console/, index.html for every other /console/* path (the single-page
 * app routes itself), and the stage's config.json — the local one signs in through /dev/token and
 * calls the API on this same origin.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { ConsoleConfig } from '../../web/console/src/config-contract';

export const CONSOLE_PATH = '/console';

/** The local stage's config.json; on AWS the CDK deployment writes its own. */
export const localConsoleConfig: ConsoleConfig = {
  stage: 'local',
  apiBaseUrl: '',
  signIn: { kind: 'dev' },
};

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** Answers a GET under /console; false when the path is not the console's. */
export async function serveConsole(res: ServerResponse, pathname: string, distDir: string): Promise<boolean> {
  if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return false;
  if (pathname === CONSOLE_PATH) {
    res.writeHead(308, { location: `${CONSOLE_PATH}/` });
    res.end();
    return true;
  }
  const relative = pathname.slice(CONSOLE_PATH.length + 1);
  if (relative === 'config.json') {
    res.writeHead(200, { 'content-type': MEDIA_TYPES['.json']!, 'cache-control': 'no-store' });
    res.end(JSON.stringify(localConsoleConfig));
    return true;
  }
  const file = join(distDir, normalize(`/${relative}`));
  const inside = resolve(file).startsWith(`${resolve(distDir)}/`);
  if (inside && relative !== '' && (await sendFile(res, file, relative.startsWith('assets/')))) return true;
  // a missing built file is a 404, not the page: a stale tab asking for an old chunk must fail
  if (relative.startsWith('assets/') || relative.startsWith('.vite/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return true;
  }
  if (await sendFile(res, join(distDir, 'index.html'), false)) return true;
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('The console is not built: npm run build:console');
  return true;
}

async function sendFile(res: ServerResponse, file: string, immutable: boolean): Promise<boolean> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
    // hashed asset names never change content; the page itself must always be fresh
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(content);
  return true;
}
