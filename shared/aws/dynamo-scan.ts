/**
 * Scan, apart from the other commands (./dynamo.ts): a function bundles what it imports, and only
 * the privacy office's access export (a small table, rarely) and the sweeps after a long gap
 * (./due-pointers.ts) scan, so no other function carries it.
 */
import type * as lib from '@aws-sdk/lib-dynamodb';
import { lazyCommand } from './lazy';

export const ScanCommand = /* @__PURE__ */ lazyCommand<lib.ScanCommandInput, lib.ScanCommandOutput>(() =>
  import('#shared/aws/sdk/dynamodb-scan').then((m) => m.ScanCommand),
);
