/**
 * `npm run bench`: bundle size and module init time of every function, for the real topology and
 * the fixture topology, then the intake load bench against the local cloud (bench/intake.ts), then
 * the triage bench (bench/triage.ts, in a process of its own: pure decisions per second and the
 * time from a complaint's 201 to its complaint.triaged on the local cloud), then the case queue
 * bench (bench/cases.ts, in a process of its own: GET /v1/cases with 50,000 complaints), then the
 * SLA sweep bench (bench/sla.ts, a process per case: one timer sweep with 1,000 and 100,000 open
 * complaints), then the notify bench (bench/notify.ts, in a process of its own: messages per second
 * to the local SES without a send-rate limit, and a 5,000-message burst at 14/s), then the care
 * planner bench (bench/care.ts), then the customer import bench (bench/care-import.ts, in a process
 * of its own: lines/s of `npm run customers:import` for new, unchanged and 10%-changed customers),
 * then the console bench (bench/console-web.ts: first screen JS and the queue in Chromium), then
 * the cost model (bench/cost.ts: USD per 1,000 complaint lifecycles and per 10,000 care messages).
 * Prints tables with PASS/OVER against the targets; never fails on a target. It exits non-zero only
 * when it could not measure something (a bundle that does not build or import, an intake, triage,
 * case queue or SLA bench that cannot run). `npm run bench -- intake` (or `-- bundles`, `-- triage`,
 * `-- cases`, `-- sla`, `-- notify`, `-- care`, `-- segments`, `-- care-import`, `-- console`, `-- cost`, `-- returns`, `-- claims`, or several) runs those sections only.
 *
 * Knobs: BENCH_RUNS (timed rounds, default 15), BENCH_WARMUPS (discarded rounds, default 2);
 * BENCH_INTAKE_SECONDS (default 60), BENCH_INTAKE_CONNECTIONS (10), BENCH_INTAKE_SEQUENTIAL (300),
 * BENCH_INTAKE_WARMUPS (50); BENCH_TRIAGE_*, BENCH_CASES_*, BENCH_SLA_* (see bench/README.md).
 */
// first: the log level must be set before any import creates the handlers' logger
import './log-level';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { topology } from '../infra/topology';
import type { Topology } from '../infra/topology-types';
import { fixtureTopology } from '../test/fixtures/topology';
import { CARE_IMPORT_RESULT_MARKER } from './care-import-main';
import { CARE_RESULT_MARKER } from './care-main';
import { CASES_RESULT_MARKER } from './cases-main';
import { CLAIMS_RESULT_MARKER } from './claims';
import { intFromEnv, progress } from './console';
import { CONSOLE_RESULT_MARKER } from './console-web-main';
import { COST_RESULT_MARKER } from './cost-main';
import { type Column, heading, KIB, kb, median, ms, quantile, table } from './format';
import { checkImport, type ImportCheck, type InitSamples, lambdaLikeEnv, measureInit } from './init';
import { NOTIFY_RESULT_MARKER } from './notify-main';
import { RETURNS_RESULT_MARKER } from './returns-main';
import { SEGMENTS_RESULT_MARKER } from './segments-main';
import { type BundleReport, bundleAndMeasure, esbuildOptions } from './sizes';
import { SLA_RESULT_MARKER } from './sla-main';
import { SLA_WRITES_RESULT_MARKER } from './sla-writes';
import { RESULT_MARKER } from './triage-main';

/** Issue 16: the whole bundle, AWS SDK counted. */
const SIZE_TARGET_BYTES = 200 * KIB;
const INIT_TARGET_RATIO = 2;
const TOP_LIBRARIES = 5;
/** Packages named per function in the size table. */
const DOMINANT_LIBRARIES = 3;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_ROOT = path.join(REPO_ROOT, '.bench', 'bundles');

const RUNS = Math.max(1, intFromEnv('BENCH_RUNS', 15));
const WARMUPS = intFromEnv('BENCH_WARMUPS', 2);

const topologies: readonly { title: string; topology: Topology }[] = [
  { title: 'infra/topology.ts (deployed functions)', topology },
  { title: 'test/fixtures/topology.ts (fixture functions)', topology: fixtureTopology },
];

const slug = (entry: string) => entry.replace(/\.[cm]?tsx?$/, '').replace(/[^A-Za-z0-9]+/g, '-');

const started = Date.now();

/** Sections 1 and 2: bundle size and module init of every function of both topologies. */
async function bundleSections(): Promise<{ out: string[]; unmeasured: number }> {
  // --- bundle every distinct entry point once (the relay appears in both topologies) ---
  const entries = new Map<string, { fn: string; topology: Topology }>();
  for (const { topology: t } of topologies) {
    for (const [fn, spec] of Object.entries(t.functions)) {
      if (!entries.has(spec.entry)) entries.set(spec.entry, { fn, topology: t });
    }
  }

  const reports = new Map<string, BundleReport>();
  const buildErrors = new Map<string, string>();
  for (const entry of entries.keys()) {
    progress(`bundling ${entry}`);
    try {
      reports.set(entry, await bundleAndMeasure(REPO_ROOT, entry, path.join(OUT_ROOT, slug(entry))));
    } catch (error) {
      buildErrors.set(entry, (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
    }
  }

  // --- import check (untimed, network guard on), then interleaved timing of what imports cleanly ---
  const checks = new Map<string, ImportCheck>();
  const envOf = (entry: string) => {
    const { fn, topology: t } = entries.get(entry)!;
    return lambdaLikeEnv(fn, t.functions[fn]!, t);
  };
  for (const [entry, report] of reports) {
    progress(`checking import of ${entry}`);
    checks.set(entry, checkImport(report.outfile, envOf(entry)));
  }
  const timed = [...reports.entries()]
    .filter(([entry]) => checks.get(entry)?.ok)
    .map(([entry, report]) => ({
      key: entry,
      bundle: report.outfile,
      sdkFile: report.sdkFile,
      env: envOf(entry),
    }));
  const init = measureInit(timed, RUNS, WARMUPS, (round, total) =>
    progress(`timing round ${round}/${total} (${timed.length} bundles)`),
  );
  const layers = await initLayers(envOf);
  progress('');

  // --- report ---
  const out: string[] = [];
  const { banner: _banner, ...shownOptions } = esbuildOptions();
  out.push(
    `Complaint & Care bench — node ${process.version} (${process.platform}/${process.arch}), esbuild ${esbuildVersion}`,
    `esbuild options (infra/bundling.ts, banner omitted): ${JSON.stringify(shownOptions)}`,
    `init timing: ${RUNS} timed rounds after ${WARMUPS} warm-up rounds; per round and function: bare node, deployed import, deployed import + first DynamoDB call's SDK`,
  );
  const allBare = [...init.values()].flatMap((s) => s.bareMs);
  const allBareCpu = [...init.values()].flatMap((s) => s.bareCpuMs);
  if (allBare.length > 0)
    out.push(
      `bare \`node -e ""\` across the whole run: median ${ms(median(allBare))} ms wall, ${ms(median(allBareCpu))} ms CPU (${allBare.length} runs)`,
    );

  const notes: string[] = [];

  for (const { title, topology: t } of topologies) {
    const functions = Object.entries(t.functions);
    out.push(heading(`${title}: ${functions.length} function(s)`));

    // 1. Bundle size: all-in (every byte Lambda loads, AWS SDK included) against the goal
    const sizeColumns: Column[] = [
      { header: 'function' },
      { header: 'all-in KB', align: 'right' },
      { header: 'goal', align: 'right' },
      { header: 'status' },
      { header: 'index.js KB', align: 'right' },
      { header: 'AWS SDK KB', align: 'right' },
      { header: 'libs KB', align: 'right' },
      { header: 'ours KB', align: 'right' },
      { header: 'glue KB', align: 'right' },
      { header: `largest ${DOMINANT_LIBRARIES} packages (KB)` },
      { header: 'entry' },
    ];
    const goal = `≤ ${kb(SIZE_TARGET_BYTES)}`;
    const sizeRows = functions.map(([fn, spec]) => {
      const r = reports.get(spec.entry);
      if (!r) return [fn, '', goal, 'ERROR', '', '', '', '', '', '', spec.entry];
      return [
        fn,
        kb(r.totalBytes),
        goal,
        r.totalBytes <= SIZE_TARGET_BYTES ? 'PASS' : 'OVER',
        kb(r.indexBytes),
        kb(r.bytes.sdk),
        kb(r.bytes.libs),
        kb(r.bytes.ours),
        kb(r.glueBytes),
        r.libraries
          .slice(0, DOMINANT_LIBRARIES)
          .map((l) => `${l.name} ${kb(l.bytes)}`)
          .join(', '),
        spec.entry,
      ];
    });
    out.push(
      '',
      'Bundle size, all-in (minified index.js + sdk.js, AWS SDK counted; KB = 1024 bytes)',
      table(sizeColumns, sizeRows),
    );

    // 2. Largest libraries: the union of each function's top five, KB per function
    const measured = functions.filter(([, spec]) => reports.has(spec.entry));
    const union = new Map<string, { max: number; folder: string; folderBytes: number; viaSdk: boolean }>();
    for (const [, spec] of measured) {
      for (const lib of reports.get(spec.entry)!.libraries.slice(0, TOP_LIBRARIES)) {
        const seen = union.get(lib.name);
        if (!seen || lib.bytes > seen.max)
          union.set(lib.name, {
            max: lib.bytes,
            folder: lib.largestFolder.folder,
            folderBytes: lib.largestFolder.bytes,
            viaSdk: lib.onlyViaSdk && (seen?.viaSdk ?? true),
          });
      }
    }
    const libColumns: Column[] = [
      { header: 'library package' },
      ...measured.map(([fn]) => ({ header: fn, align: 'right' as const })),
      { header: 'largest folder (KB)' },
      { header: 'note' },
    ];
    const libRows = [...union.entries()]
      .sort((a, b) => b[1].max - a[1].max)
      .map(([name, info]) => [
        name,
        ...measured.map(([, spec]) => {
          const lib = reports.get(spec.entry)!.libraries.find((l) => l.name === name);
          return lib ? kb(lib.bytes) : '-';
        }),
        `${info.folder} (${kb(info.folderBytes)})`,
        info.viaSdk ? 'only pulled in by the AWS SDK' : '',
      ]);
    out.push(
      '',
      `Largest packages, AWS SDK included (each function's top ${TOP_LIBRARIES}, KB in that function's bundle)`,
      table(libColumns, libRows),
    );

    // 3. Module init time
    const target = `≤ ${INIT_TARGET_RATIO.toFixed(2)}x`;
    const initColumns: Column[] = [
      { header: 'function' },
      { header: 'bare node ms', align: 'right' },
      { header: 'bundle ms', align: 'right' },
      { header: 'wall ratio', align: 'right' },
      { header: 'goal', align: 'right' },
      { header: 'status' },
      { header: 'CPU ratio', align: 'right' },
      { header: 'goal', align: 'right' },
      { header: 'status' },
      { header: 'require() ms', align: 'right' },
      { header: 'bundle p25-p75 ms', align: 'right' },
      { header: 'SDK at first call ms', align: 'right' },
      { header: 'network on import' },
    ];
    const initRows = functions.map(([fn, spec]) => {
      const check = checks.get(spec.entry);
      const s: InitSamples | undefined = init.get(spec.entry);
      if (!check?.ok || !s || s.bundleMs.length === 0)
        return [
          fn,
          '',
          '',
          '',
          target,
          'ERROR',
          '',
          target,
          'ERROR',
          '',
          '',
          '',
          check?.networkAttempts.length ? 'ATTEMPTED' : '',
        ];
      const bare = median(s.bareMs);
      const bareCpu = median(s.bareCpuMs);
      const ratio = median(s.bundleMs) / bare;
      const cpuRatio = median(s.bundleCpuMs) / bareCpu;
      return [
        fn,
        ms(bare),
        ms(median(s.bundleMs)),
        `${ratio.toFixed(2)}x`,
        target,
        ratio <= INIT_TARGET_RATIO ? 'PASS' : 'OVER',
        `${cpuRatio.toFixed(2)}x`,
        target,
        cpuRatio <= INIT_TARGET_RATIO ? 'PASS' : 'OVER',
        ms(median(s.importMs)),
        `${ms(quantile(s.bundleMs, 0.25))}-${ms(quantile(s.bundleMs, 0.75))}`,
        s.firstCallMs.length > 0 ? ms(median(s.firstCallMs)) : '',
        check.networkAttempts.length === 0 ? 'none' : `ATTEMPTED (${check.networkAttempts.length})`,
      ];
    });
    out.push(
      '',
      'Module init (fresh process: require() of the bundle vs bare node, same rounds)',
      table(initColumns, initRows),
    );

    for (const [fn, spec] of functions) {
      const buildError = buildErrors.get(spec.entry);
      const check = checks.get(spec.entry);
      const failures = init.get(spec.entry)?.failures ?? 0;
      if (buildError) notes.push(`${fn}: bundle failed to build: ${buildError}`);
      else if (check && !check.ok) notes.push(`${fn}: bundle failed to import: ${check.error}`);
      if (check && check.networkAttempts.length > 0)
        notes.push(`${fn}: network use during import: ${check.networkAttempts.join(', ')}`);
      if (failures > 0) notes.push(`${fn}: ${failures} timed import run(s) failed and were left out`);
      for (const w of reports.get(spec.entry)?.warnings ?? []) notes.push(`${fn}: esbuild warning: ${w}`);
    }
  }

  out.push(...layers);

  const uniqueNotes = [...new Set(notes)];
  const unmeasured = buildErrors.size + [...checks.values()].filter((c) => !c.ok).length;
  if (uniqueNotes.length > 0) out.push(heading('Problems'), ...uniqueNotes.map((n) => `- ${n}`));

  out.push(
    heading('Legend'),
    `Sizes come from esbuild's metafile (bytesInOutput of each input in the minified bundle),`,
    `built with infra/bundling.ts into .bench/bundles/. KB = 1024 bytes; the source map is not counted.`,
    '  all-in     every byte Lambda loads, index.js + sdk.js = AWS SDK + libs + ours + glue',
    '  index.js   of which the bundle required at init; sdk.js (the AWS SDK modules the function sends',
    '             with, shared/aws/bundle/sdk-file.mjs) is required on its first AWS call',
    `  goal       all-in ≤ ${kb(SIZE_TARGET_BYTES)} KB per function (issue 16, SDK counted): PASS, else OVER`,
    '  AWS SDK    @aws-sdk/*, @smithy/*, @aws-crypto/*',
    '  libs       other node_modules packages',
    '  ours       repository files outside node_modules (shared/, services/, test/fixtures/ ...)',
    '  glue       output bytes no input owns: the require() banner, esbuild runtime helpers',
    '  packages   @smithy/core and @aws-sdk/core by submodule (e.g. @smithy/core/protocols)',
    '  largest folder / note: where inside the biggest package the bytes sit, and libraries that are',
    '             only transitive dependencies of the AWS SDK',
    'Init: a fresh `node -e "require(index.cjs)"` (import() for an ESM bundle) vs bare `node -e ""`, both in',
    '  the deployed env (no NODE_OPTIONS, Powertools settings, dummy table/bus names, no AWS credentials).',
    '  Each round runs each kind back to back (order rotating); medians over the timed rounds.',
    `  wall ratio median wall time of the bundle process / of bare node; goal ≤ ${INIT_TARGET_RATIO.toFixed(2)}x`,
    '  CPU ratio  the same with the CPU time each child used (user + system, process.cpuUsage() at exit):',
    '             other processes on a shared machine stretch wall times far more than CPU times',
    '  require() ms  time of the require() alone, measured inside the child (module init without node boot)',
    '  p25-p75    spread of the bundle runs (noise indicator)',
    '  SDK at first call: functions load the AWS SDK (sdk.js) on their first AWS call, not at init',
    '             (shared/aws/lazy.ts); this is that deferred cost, measured in a process that has',
    '             required the bundle: requiring its sdk.js and building the DynamoDB document client',
    '             and one command where the function has them (no credentials, signing or request)',
    '  network on import: one extra untimed import with net/dns/fetch blocked; "none" = no attempts',
    `Measured on this machine's node ${process.version}; Lambda runs node22 on ARM64, so absolute ms differ`,
    'and the ratio is the portable figure. Functions sharing an entry point share one bundle and one',
    'measurement. Targets are informational: the bench never fails on them.',
  );
  return { out, unmeasured };
}

/** Shared layers a function loads, each bundled alone (bench/init-layers/), for the init table by layer. */
const INIT_LAYERS: readonly { file: string; what: string }[] = [
  { file: 'contracts', what: 'zod schemas: complaint requests + every event (built at module scope)' },
  { file: 'logger', what: 'Powertools logger (shared/observability/logger.ts)' },
  { file: 'http-middleware', what: 'HTTP middleware: middy, security headers, logger' },
  { file: 'lazy-sdk', what: 'lazy DynamoDB client + GetCommand: the SDK in sdk.js, not loaded at init' },
  { file: 'calendar', what: 'business calendars and their holiday data' },
];

/**
 * Init CPU by layer: what each shared layer adds to a fresh process on its own, timed like the
 * functions (same rounds, bare node interleaved), so the table says which lever moves init most.
 */
async function initLayers(envOf: (entry: string) => NodeJS.ProcessEnv): Promise<string[]> {
  const intakeEntry = topology.functions['intake-web']?.entry;
  if (!intakeEntry) return [];
  const env = envOf(intakeEntry);
  const built: { key: string; what: string; bytes: number; bundle: string; sdkFile: string | undefined }[] =
    [];
  for (const { file, what } of INIT_LAYERS) {
    progress(`bundling bench/init-layers/${file}.ts`);
    const entry = `bench/init-layers/${file}.ts`;
    const report = await bundleAndMeasure(REPO_ROOT, entry, path.join(OUT_ROOT, slug(entry)));
    built.push({
      key: entry,
      what,
      bytes: report.indexBytes,
      bundle: report.outfile,
      sdkFile: report.sdkFile,
    });
  }
  const samples = measureInit(
    built.map((b) => ({ key: b.key, bundle: b.bundle, sdkFile: b.sdkFile, env })),
    RUNS,
    WARMUPS,
    (round, total) => progress(`timing init layers, round ${round}/${total}`),
  );
  const columns: Column[] = [
    { header: 'layer (bench/init-layers/)' },
    { header: 'KB', align: 'right' },
    { header: 'bare node CPU ms', align: 'right' },
    { header: 'with layer CPU ms', align: 'right' },
    { header: 'added CPU ms', align: 'right' },
    { header: 'CPU ratio', align: 'right' },
  ];
  const rows = built.map((b) => {
    const s = samples.get(b.key);
    const bare = s ? median(s.bareCpuMs) : Number.NaN;
    const withLayer = s ? median(s.bundleCpuMs) : Number.NaN;
    return [
      `${b.key.replace('bench/init-layers/', '')}: ${b.what}`,
      kb(b.bytes),
      ms(bare),
      ms(withLayer),
      ms(withLayer - bare),
      `${(withLayer / bare).toFixed(2)}x`,
    ];
  });
  return [
    heading('Module init by shared layer (intake-web environment)'),
    '',
    `Each layer bundled alone (infra/bundling.ts) and required in a fresh process, interleaved with bare node; the`,
    `goal (≤ ${INIT_TARGET_RATIO.toFixed(2)}x bare node for a whole function) leaves about one bare node of CPU for every layer a function loads.`,
    table(columns, rows),
  ];
}

/** Section 3: the intake load bench against the local cloud (bench/intake.ts). */
async function intakeSection(): Promise<{ out: string[]; measured: boolean }> {
  // before the local cloud imports the handlers: they create their loggers on import
  process.env.LOCAL_CLOUD_QUIET = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  try {
    const { runIntakeBench } = await import('./intake');
    const report = await runIntakeBench({
      root: REPO_ROOT,
      seconds: Math.max(1, intFromEnv('BENCH_INTAKE_SECONDS', 60)),
      connections: Math.max(1, intFromEnv('BENCH_INTAKE_CONNECTIONS', 10)),
      sequential: Math.max(1, intFromEnv('BENCH_INTAKE_SEQUENTIAL', 300)),
      warmups: Math.max(1, intFromEnv('BENCH_INTAKE_WARMUPS', 50)),
      progress,
    });
    const out = [...report.lines];
    if (report.problems.length > 0)
      out.push(heading('Intake problems'), ...report.problems.map((p) => `- ${p}`));
    return { out, measured: report.measured };
  } catch (error) {
    progress('');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      out: [heading('Intake problems'), `- the intake bench could not run: ${message}`],
      measured: false,
    };
  }
}

/**
 * A bench in a child process with this node and loader: its local cloud must be the first of its
 * process (see bench/triage-main.ts). The child prints one `<marker><json>` line; knobs pass by env.
 */
async function childSection(
  script: string,
  marker: string,
  name: string,
): Promise<{ out: string[]; measured: boolean }> {
  const fail = (why: string) => ({
    out: [heading(`${name} problems`), `- the ${name.toLowerCase()} bench could not run: ${why}`],
    measured: false,
  });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, path.join(REPO_ROOT, 'bench', script)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.once('error', (error) => resolve(fail(error.message)));
    child.once('exit', (code, signal) => {
      progress('');
      const lines = stdout.split('\n');
      const result = lines.find((l) => l.startsWith(marker));
      if (!result) {
        resolve(fail(`it exited with ${signal ?? code} without a result: ${stdout.trim().slice(-500)}`));
        return;
      }
      const report = JSON.parse(result.slice(marker.length)) as {
        lines: string[];
        problems: string[];
        measured: boolean;
      };
      // anything else the child printed on stdout (a handler logging an error) is worth seeing
      const stray = lines.filter((l) => l.trim() && !l.startsWith(marker));
      const problems = [
        ...report.problems,
        ...stray.slice(0, 5).map((l) => `${name.toLowerCase()} process printed: ${l.slice(0, 300)}`),
        ...(stray.length > 5 ? [`... and ${stray.length - 5} more line(s)`] : []),
      ];
      const out = [...report.lines];
      if (problems.length > 0) out.push(heading(`${name} problems`), ...problems.map((p) => `- ${p}`));
      resolve({ out, measured: report.measured && code === 0 });
    });
  });
}

/** Section 4: the triage bench (bench/triage.ts), in a child process (bench/triage-main.ts). */
const triageSection = () => childSection('triage-main.ts', RESULT_MARKER, 'Triage');

/**
 * Section 5: the case queue bench (bench/cases.ts), in a child process (bench/cases-main.ts):
 * GET /v1/cases latency and items read per page with 50,000 complaints, against 5,000.
 */
const casesSection = () => childSection('cases-main.ts', CASES_RESULT_MARKER, 'Case queue');

/**
 * Section 6: the SLA sweep bench (bench/sla.ts), in a child process (bench/sla-main.ts) that runs
 * each case in a process of its own: items read and time of one sweep with 10 timers due, with
 * 1,000 and with 100,000 open complaints; then (bench/sla-writes.ts) the write units the clocks
 * cost per complaint from intake to running clocks, against the goal of issue 16 (≤ 12).
 */
const slaSection = async () => {
  const sweep = await childSection('sla-main.ts', SLA_RESULT_MARKER, 'SLA');
  // write units per complaint from intake to running clocks (bench/sla-writes.ts)
  const writes = await childSection('sla-writes.ts', SLA_WRITES_RESULT_MARKER, 'SLA writes');
  return { out: [...sweep.out, ...writes.out], measured: sweep.measured && writes.measured };
};

/**
 * Section 7: the notify bench (bench/notify.ts), in a child process (bench/notify-main.ts): messages
 * per second to the local SES without a send-rate limit, and a 5,000-message burst at 14/s.
 */
const notifySection = () => childSection('notify-main.ts', NOTIFY_RESULT_MARKER, 'Notify');

/**
 * Section 8: the care planner bench (bench/care.ts), in a child process (bench/care-main.ts): one
 * day's birthday campaign planned over 100,000 customers, items read per audience member.
 */
const careSection = () => childSection('care-main.ts', CARE_RESULT_MARKER, 'Care');

/**
 * The segment bench (bench/segments.ts), in a child process (bench/segments-main.ts): segments over
 * 100,000 customers, items read per member and seconds.
 */
const segmentsSection = () => childSection('segments-main.ts', SEGMENTS_RESULT_MARKER, 'Segments');

/**
 * Section 9: the customer import bench (bench/care-import.ts), in a child process
 * (bench/care-import-main.ts): `npm run customers:import` against the local cloud, lines/s for
 * 10,000 new customers, the same file again (unchanged) and a file with 10% of them changed.
 */
const careImportSection = () => childSection('care-import-main.ts', CARE_IMPORT_RESULT_MARKER, 'Care import');

/**
 * Section 10: the console bench (bench/console-web.ts), in a child process (bench/console-web-main.ts):
 * the first screen's JavaScript in gzip KB and the time to an interactive queue of 500 cases in
 * Chromium, beside the API's own time for that page.
 */
const consoleSection = () => childSection('console-web-main.ts', CONSOLE_RESULT_MARKER, 'Console');

/**
 * Section 11: the cost model (bench/cost.ts), in a child process (bench/cost-main.ts): complaint
 * lifecycles and care messages through the local cloud, every billable unit priced at us-east-1.
 */
const costSection = () => childSection('cost-main.ts', COST_RESULT_MARKER, 'Cost');

/**
 * The regulators' returns bench (bench/returns.ts), in a child process (bench/returns-main.ts): a
 * quarter of 100,000 complaints, items read per complaint and seconds per return.
 */
const returnsSection = () => childSection('returns-main.ts', RETURNS_RESULT_MARKER, 'Returns');

const SECTIONS = [
  'bundles',
  'intake',
  'triage',
  'cases',
  'sla',
  'notify',
  'care',
  'segments',
  'care-import',
  'console',
  'cost',
  'returns',
  'claims',
] as const;
type Section = (typeof SECTIONS)[number];
const requested = process.argv.slice(2);
const unknown = requested.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(
    `unknown bench section(s): ${unknown.join(', ')}; use any of ${SECTIONS.join(', ')} (default: all)`,
  );
  process.exit(2);
}
const sections = new Set<Section>(requested.length > 0 ? (requested as Section[]) : SECTIONS);

let failed = false;
if (sections.has('bundles')) {
  const { out, unmeasured } = await bundleSections();
  console.log(out.join('\n'));
  if (unmeasured > 0) failed = true;
}
if (sections.has('intake')) {
  const { out, measured } = await intakeSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('triage')) {
  const { out, measured } = await triageSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('returns')) {
  const { out, measured } = await returnsSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('cases')) {
  const { out, measured } = await casesSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('sla')) {
  const { out, measured } = await slaSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('notify')) {
  const { out, measured } = await notifySection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('care')) {
  const { out, measured } = await careSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('segments')) {
  const { out, measured } = await segmentsSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('care-import')) {
  const { out, measured } = await careImportSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('console')) {
  const { out, measured } = await consoleSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('cost')) {
  const { out, measured } = await costSection();
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
if (sections.has('claims')) {
  // 10,000 core events through the batch route: events/s and write units per event (bench/claims.ts)
  const { out, measured } = await childSection('claims.ts', CLAIMS_RESULT_MARKER, 'Claims');
  console.log(out.join('\n'));
  if (!measured) failed = true;
}
console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed) process.exitCode = 1;
