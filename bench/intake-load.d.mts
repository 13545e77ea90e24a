/** Types of the parts of intake-load.mjs the TypeScript bench imports. */
export declare function intakeRequest(
  run: string,
  n: number,
): { headers: Record<string, string>; body: string };

/** The JSON line the child prints. */
export interface LoadSummary {
  readonly seconds: number;
  readonly connections: number;
  readonly sent: number;
  readonly responses: number;
  readonly requestsPerSecond: { readonly mean: number; readonly stddev: number };
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly replayed: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly latencyMs: {
    readonly count: number;
    readonly mean: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly autocannonLatencyMs: { readonly p50: number; readonly p99: number };
  readonly requestsIssued: number;
}
