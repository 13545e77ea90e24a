/**
 * `npm run deploy -- --stage <name> [cdk options]`: deploys every stack of that stage. npm passes
 * `--stage` through; the CDK CLI wants `--context stage=<name>`, so this maps one to the other and
 * hands every other argument to `cdk deploy` unchanged. A stage of one's own is a stage file:
 * `--stage-config <file>` (checked here, before CDK starts).
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { stageConfigFrom, stageFrom } from '../config/stages';
import { repoRoot } from '../paths';

export function deployArgs(argv: readonly string[]): string[] {
  const rest: string[] = [];
  let stage: string | undefined;
  let stageConfig: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--stage') stage = argv[++i];
    else if (arg.startsWith('--stage=')) stage = arg.slice('--stage='.length);
    else if (arg === '--stage-config') stageConfig = argv[++i];
    else if (arg.startsWith('--stage-config=')) stageConfig = arg.slice('--stage-config='.length);
    else rest.push(arg);
  }
  if (stageConfig !== undefined) {
    const config = stageConfigFrom({ stage, stageConfig });
    return [
      'deploy',
      '--all',
      '--context',
      `stage=${config.stage}`,
      '--context',
      `stageConfig=${stageConfig}`,
      ...rest,
    ];
  }
  if (stage === undefined)
    throw new Error(
      'Say which stage to deploy: npm run deploy -- --stage <dev|prod> (or --stage-config <file>)',
    );
  return ['deploy', '--all', '--context', `stage=${stageFrom(stage)}`, ...rest];
}

function main(): void {
  let args: string[];
  try {
    args = deployArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const result = spawnSync('npx', ['cdk', ...args], { cwd: repoRoot, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
