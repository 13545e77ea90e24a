/** Port helpers: a clear message for a port already in use, and free ports for emulators. */
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly envVar?: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use. Stop whatever is listening there` +
        (envVar ? `, or choose another port with ${envVar}=<port>.` : '.'),
    );
  }
}

export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/**
 * Fails with PortInUseError if the port stays taken; otherwise frees it again at once. A process
 * killed a moment ago may still hold its port while the kernel tears its connections down, so a
 * taken port is tried again for a few seconds before the answer is final.
 */
export async function ensurePortFree(port: number, what: string, envVar?: string): Promise<void> {
  const deadline = Date.now() + PORT_RELEASE_MS;
  for (;;) {
    try {
      return await probePort(port, what, envVar);
    } catch (error) {
      if (!(error instanceof PortInUseError) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const PORT_RELEASE_MS = 10_000;

function probePort(port: number, what: string, envVar?: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) =>
      reject(isAddressInUse(error) ? new PortInUseError(port, what, envVar) : error),
    );
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
