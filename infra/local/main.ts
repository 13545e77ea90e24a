/**
 * `npm start`: the whole system on this machine. Starts the emulators and every handler of the
 * topology, seeds demo data on first start, prints one ready line, and stops everything on Ctrl-C.
 */
import { resolve } from 'node:path';
import { dynamoReturnCounters } from '../../services/cases/adapters/dynamo-return-counters';
import { rebuildReturnCounters } from '../../services/quality/adapters/rebuild-return-counters';
import { topology } from '../topology';
import { consoleDist, ensureConsoleBuilt } from './build-console';
import { buildWeb } from './build-web';
import { startLocalCloud } from './cloud';
import { PortInUseError } from './ports';
import { seedDemoData } from './seed';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.PORT ?? 3000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const started = Date.now();

try {
  await Promise.all([buildWeb(root), ensureConsoleBuilt(root)]);
  const cloud = await startLocalCloud({
    topology,
    port,
    sesPort,
    root,
    // LOCAL_DATA_DIR lets a test (or a second checkout) keep its database elsewhere
    dataDir: resolve(root, process.env.LOCAL_DATA_DIR ?? '.data/dynamodb'),
    s3Dir: resolve(root, process.env.LOCAL_S3_DIR ?? '.data/s3'),
    webDir: resolve(root, 'web'),
    consoleDir: consoleDist(root),
  });
  const seeded = await seedDemoData(cloud);
  // the returns' counters count every complaint of a new database once, so a return may cover any period
  if (!(await dynamoReturnCounters.coverage()).rebuiltAt)
    await rebuildReturnCounters({ since: new Date('2015-01-01T00:00:00Z') });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud…`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(
    [
      `Complaint & Care local cloud ready in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      `  Complaint form  ${cloud.url}/`,
      `  Console     ${cloud.url}/console/   (dev sign-in: /console/dev-sign-in?sub=ann&role=agent&team=claims)`,
      `  API         ${cloud.url}   (health: ${cloud.url}/health)`,
      `  Mailbox     http://localhost:${new URL(cloud.sesUrl).port}   (SES; JSON at /store)`,
      `  SMS sink    ${cloud.url}/dev/sms`,
      `  Dev routes  POST /dev/token · GET|POST /dev/clock · POST /dev/schedules/{name}/run · GET /dev/events · POST /dev/inbound/email|sms`,
      `  Demo data   ${seeded}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof PortInUseError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(`Cannot start the local cloud: ${(error as Error).message}`);
  }
  process.exit(1);
}
