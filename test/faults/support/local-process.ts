/**
 * Runs the local cloud as `npm start` runs it, in a child process of its own (own process group,
 * own data directory and ports), so fault tests can SIGKILL it and start it again on the same data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../../infra/local/ports';
import { repoRoot } from '../../support/local-cloud';

const READY_LINE = 'local cloud ready in';

export interface LocalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
}

export interface LocalProcessPorts {
  readonly port: number;
  readonly sesPort: number;
}

export async function freeLocalProcessPorts(): Promise<LocalProcessPorts> {
  return { port: await freePort(), sesPort: await freePort() };
}

/**
 * Starts `infra/local/main.ts` (what `npm start` runs) with its database in `dataDir` and resolves
 * once it prints its ready line. `node --import tsx` keeps it one Node process: the SIGKILL a test
 * sends reaches the process that serves the API and owns DynamoDB Local, as a crash would.
 */
export function startLocalProcess(dataDir: string, ports: LocalProcessPorts): Promise<LocalProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(ports.port),
      SES_PORT: String(ports.sesPort),
      LOCAL_DATA_DIR: dataDir,
      LOCAL_CLOUD_QUIET: 'true',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (!output.includes(READY_LINE)) return;
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      resolve({ url: `http://localhost:${ports.port}`, child, output: () => output });
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the local cloud exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGKILL to the Node process alone: no shutdown hook runs, DynamoDB Local is left orphaned. */
export async function killHard(local: LocalProcess): Promise<void> {
  if (local.child.exitCode !== null || local.child.signalCode !== null) return;
  const exited = new Promise((r) => local.child.once('exit', r));
  local.child.kill('SIGKILL');
  await exited;
}

/** Stops the process cleanly (Ctrl-C), then kills whatever is left of its process group. */
export async function stopLocalProcess(local: LocalProcess | undefined): Promise<void> {
  if (!local) return;
  if (local.child.exitCode === null && local.child.signalCode === null) {
    const exited = new Promise((r) => local.child.once('exit', r));
    local.child.kill('SIGINT');
    await exited;
  }
  try {
    if (local.child.pid) process.kill(-local.child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
