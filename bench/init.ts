/**
 * Module init time of a bundle as Lambda loads it (require() of the CommonJS bundle, as Lambda does, in a fresh Node
 * process) against bare Node startup, measured with interleaved child processes: wall time, and the
 * CPU time the child used (its own threads only, so other load on a shared machine barely moves it).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { secretSources } from '#shared/aws/secrets';
import { tables } from '#shared/contracts/tables';
import { ENV, queueUrlEnvVar } from '#shared/env';
import type { FunctionSpec, Topology } from '../infra/topology-types';

const NET_GUARD = fileURLToPath(new URL('./net-guard.mjs', import.meta.url));
const CHILD_TIMEOUT_MS = 20_000;

/**
 * A Lambda-like environment with dummy values: region, function identity, the Powertools and Node
 * settings of the deployed function, every table variable and every variable of shared/env.ts. It
 * is built from scratch (only PATH is inherited), so the import runs with no AWS credentials, no
 * profile and no endpoint overrides.
 */
export function lambdaLikeEnv(name: string, spec: FunctionSpec, topology: Topology): NodeJS.ProcessEnv {
  const routeRoles: Record<string, readonly string[]> = {};
  for (const route of topology.routes) {
    if (route.function === name && route.auth.kind === 'jwt')
      routeRoles[`${route.method} ${route.path}`] = route.auth.roles;
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `bench-${name}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    // like infra/constructs/lambda-function.ts (which needs aws-cdk-lib and a stack to run): no NODE_OPTIONS
    POWERTOOLS_SERVICE_NAME: spec.service,
    POWERTOOLS_METRICS_NAMESPACE: 'ComplaintCare',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    [ENV.stage]: 'bench',
    [ENV.eventBusName]: 'bench-bus',
    [ENV.routeRoles]: JSON.stringify(routeRoles),
    [secretSources['hotline-signing'].arnEnvVar]:
      'arn:aws:secretsmanager:eu-west-1:000000000000:secret:bench-hotline',
    [secretSources['hotline-signing'].localEnvVar]: 'bench-hotline-secret',
  };
  for (const table of Object.values(tables)) env[table.envVar] = `bench-${table.id}`;
  for (const queue of spec.sendsToQueues ?? [])
    env[queueUrlEnvVar(queue)] = `https://sqs.eu-west-1.amazonaws.com/000000000000/bench-${queue}`;
  return env;
}

interface ChildResult {
  readonly wallMs: number;
  /** What the child printed: `{"importMs":…,"cpuMs":…}` (no importMs for bare node). */
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function runNode(args: readonly string[], env: NodeJS.ProcessEnv): ChildResult {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: CHILD_TIMEOUT_MS,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { wallMs, ok: child.status === 0, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

/** The child's CPU time (user + system, all its threads) when it exits, printed as JSON. */
const CPU_MS = '(()=>{const u=process.cpuUsage();return (u.user+u.system)/1000})()';

const BARE_ARGS = ['-e', `process.stdout.write(JSON.stringify({cpuMs:${CPU_MS}}));`];

/** Lambda loads a CommonJS handler with require() and an ESM one with import(): so does the bench. */
function importArgs(bundle: string): string[] {
  if (bundle.endsWith('.cjs')) {
    return [
      '-e',
      `const t=performance.now();require(${JSON.stringify(bundle)});const importMs=performance.now()-t;process.stdout.write(JSON.stringify({importMs,cpuMs:${CPU_MS}}));`,
    ];
  }
  const url = JSON.stringify(pathToFileURL(bundle).href);
  return [
    '--input-type=module',
    '-e',
    `const t=performance.now();await import(${url});const importMs=performance.now()-t;process.stdout.write(JSON.stringify({importMs,cpuMs:${CPU_MS}}));`,
  ];
}

export interface ImportCheck {
  readonly ok: boolean;
  /** First lines of stderr when the import failed or the bundle exports no `handler` function. */
  readonly error?: string;
  readonly networkAttempts: readonly string[];
}

/**
 * One untimed import with the network guard preloaded: does the bundle load without credentials,
 * export a `handler` function, and stay off the network (including calls its module scope starts
 * asynchronously, given a short grace period)?
 */
export function checkImport(bundle: string, env: NodeJS.ProcessEnv): ImportCheck {
  const verify = `if(typeof m.handler!=='function'){console.error('bundle exports no handler function');process.exit(3);}`;
  const args = bundle.endsWith('.cjs')
    ? ['-e', `const m=require(${JSON.stringify(bundle)});setTimeout(()=>{${verify}},250);`]
    : [
        '--input-type=module',
        '-e',
        `const m=await import(${JSON.stringify(pathToFileURL(bundle).href)});await new Promise((r)=>setTimeout(r,250));${verify}`,
      ];
  const result = runNode(['--import', pathToFileURL(NET_GUARD).href, ...args], env);
  const marker = result.stderr.match(/BENCH_NET (.*)$/m);
  const networkAttempts = marker?.[1] ? (JSON.parse(marker[1]) as string[]) : [];
  if (result.ok) return { ok: true, networkAttempts };
  const error =
    result.stderr
      .replace(/BENCH_NET .*$/m, '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .slice(0, 3)
      .join(' | ') || 'child process failed or timed out';
  return { ok: false, error, networkAttempts };
}

export interface InitSamples {
  readonly bareMs: number[];
  readonly bareCpuMs: number[];
  /** Wall time of the bundle import with the deployed environment. */
  readonly bundleMs: number[];
  readonly bundleCpuMs: number[];
  /** `performance.now()` around the `require()` inside the child: the module init alone. */
  readonly importMs: number[];
  /**
   * In a process that has required the bundle, `performance.now()` around requiring its SDK file
   * (sdk.js) and building the DynamoDB document client and one command where the function has them:
   * the reading, compiling and evaluation of the SDK that the function defers to its first AWS call.
   */
  readonly firstCallMs: number[];
  failures: number;
}

export interface InitTarget {
  readonly key: string;
  readonly bundle: string;
  /** The bundle's SDK file, if it has one (shared/aws/bundle/sdk-file.mjs). */
  readonly sdkFile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Requires the function's bundle, then times what its first AWS call loads: the SDK file, and the
 * DynamoDB document client with one command when the function sends to DynamoDB (no credentials,
 * signing or request).
 */
function firstCallArgs(bundle: string, sdkFile: string): string[] {
  const build = `if(m.dynamo)m.dynamo();if(m.GetCommand)new m.GetCommand({TableName:'bench',Key:{pk:'first-call'}});`;
  return [
    '-e',
    `require(${JSON.stringify(bundle)});const t=performance.now();const m=require(${JSON.stringify(sdkFile)});${build}const firstCallMs=performance.now()-t;process.stdout.write(JSON.stringify({firstCallMs,cpuMs:${CPU_MS}}));`,
  ];
}

/**
 * Runs `warmups + runs` rounds. In each round every bundle gets one bare-node run, one deployed
 * import and one import followed by its SDK file's first-call work back to back, in rotating order, so
 * drift and noise fall on every side of each ratio. Warm-up rounds are discarded.
 */
export function measureInit(
  targets: readonly InitTarget[],
  runs: number,
  warmups: number,
  onRound?: (round: number, total: number) => void,
): Map<string, InitSamples> {
  const samples = new Map<string, InitSamples>(
    targets.map((t) => [
      t.key,
      {
        bareMs: [],
        bareCpuMs: [],
        bundleMs: [],
        bundleCpuMs: [],
        importMs: [],
        firstCallMs: [],
        failures: 0,
      },
    ]),
  );
  const rounds = warmups + runs;
  for (let round = 0; round < rounds; round++) {
    onRound?.(round + 1, rounds);
    const measured = round >= warmups;
    for (const [i, target] of targets.entries()) {
      const s = samples.get(target.key)!;
      const run =
        (
          args: readonly string[],
          env: NodeJS.ProcessEnv,
          record: (r: ChildResult, out: ChildOutput) => void,
        ) =>
        () => {
          const r = runNode(args, env);
          if (!measured) return;
          const out = parseOutput(r.stdout);
          if (!r.ok || !out) {
            s.failures++;
            return;
          }
          record(r, out);
        };
      const steps = [
        run(BARE_ARGS, target.env, (r, out) => {
          s.bareMs.push(r.wallMs);
          s.bareCpuMs.push(out.cpuMs);
        }),
        run(importArgs(target.bundle), target.env, (r, out) => {
          s.bundleMs.push(r.wallMs);
          s.bundleCpuMs.push(out.cpuMs);
          if (out.importMs !== undefined) s.importMs.push(out.importMs);
        }),
      ];
      const { sdkFile } = target;
      if (sdkFile)
        steps.push(
          run(firstCallArgs(target.bundle, sdkFile), target.env, (_r, out) => {
            if (out.firstCallMs !== undefined) s.firstCallMs.push(out.firstCallMs);
          }),
        );
      const shift = (round + i) % steps.length;
      for (const step of [...steps.slice(shift), ...steps.slice(0, shift)]) step();
    }
  }
  return samples;
}

interface ChildOutput {
  readonly cpuMs: number;
  readonly importMs?: number;
  readonly firstCallMs?: number;
}

function parseOutput(stdout: string): ChildOutput | undefined {
  try {
    const out = JSON.parse(stdout) as Partial<ChildOutput>;
    return typeof out.cpuMs === 'number' && Number.isFinite(out.cpuMs) ? (out as ChildOutput) : undefined;
  } catch {
    return undefined;
  }
}
