/** The local cloud's own console output (handlers log through Powertools as on AWS). */
const quiet = () => process.env.LOCAL_CLOUD_QUIET === 'true';

export const localLog = {
  info(message: string): void {
    if (!quiet()) console.log(`[local-cloud] ${message}`);
  },
  warn(message: string, error?: unknown): void {
    console.warn(`[local-cloud] ${message}${error ? `: ${(error as Error).message ?? String(error)}` : ''}`);
  },
};
