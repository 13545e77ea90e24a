/**
 * A file-backed local cloud in a process of its own, for the tests that SIGKILL it
 * (killable-cloud.ts starts it). Its emails go through the fault gate to the mailbox named in
 * FAULT_MAILBOX_URL, which the test runs itself so the mail sent before the kill survives it.
 * Prints one JSON line when ready.
 */

import { startLocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { repoRoot } from '../../support/local-cloud';

const dataDir = process.env.FAULT_DATA_DIR;
if (!dataDir) throw new Error('FAULT_DATA_DIR is required');
const cloud = await startLocalCloud({
  topology,
  port: 0,
  sesPort: 0,
  root: repoRoot,
  dataDir,
  visibilityTimeoutSeconds: 1,
  faults: true,
  mailboxUrl: process.env.FAULT_MAILBOX_URL,
});
console.log(JSON.stringify({ ready: true, url: cloud.url, pid: process.pid }));
