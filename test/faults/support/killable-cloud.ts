/**
 * Runs the local cloud in a child process (killable-cloud-main.ts) so a test can SIGKILL it: the child
 * leads its own process group, and the kill takes the whole group, as killing `npm start` would.
 * DynamoDB Local's JVM runs in a group of its own and outlives it, as it does for `npm start`; the
 * next start stops it cleanly, and `stopOrphanedDynamoDbLocal` does at the end of a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from '../../support/local-cloud';

export interface CloudProcess {
  readonly url: string;
  /** SIGKILL to the whole process group; resolves once the child is gone. */
  kill(): Promise<void>;
}

export async function startCloudProcess(env: Record<string, string>): Promise<CloudProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(repoRoot, 'test/faults/support/killable-cloud-main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, LOCAL_CLOUD_QUIET: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // never leave a cloud (or its JVM) behind this test process
  process.once('exit', killGroup);
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        if (!line.startsWith('{"ready"')) continue;
        resolveUrl((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => reject(new Error(`the local cloud process exited with ${code}`)));
  });
  return {
    url,
    async kill() {
      killGroup();
      await exited;
      process.off('exit', killGroup);
    },
  };
}
