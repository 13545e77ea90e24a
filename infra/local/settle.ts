/**
 * `cloud.settle()`: waits until every queue and stream of the local cloud is drained and no handler
 * runs. When its deadline passes with work left it throws `CloudNotSettled`, naming what was left:
 * a settle that returned quietly on its deadline once let a bench report intake figures while triage
 * had run 0.66 times per complaint, and let tests assert on a half-finished cloud.
 */

/** What settle watches of a poller: enough to tell busy from quiet and to name it. */
export interface SettleWatched {
  /** e.g. `queue triage` or `stream Complaints`. */
  readonly label: string;
  /** Work this poller has taken and not finished (batches in flight, records buffered). */
  readonly inProgress: number;
  /** Whether its last look at the source found nothing new. */
  readonly idle: boolean;
}

export class CloudNotSettled extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly left: readonly SettleWatched[],
  ) {
    super(
      `The local cloud did not settle within ${timeoutMs} ms; still busy: ${left
        .map((w) => `${w.label} (${w.inProgress} in progress${w.idle ? '' : ', more to receive'})`)
        .join(', ')}. Wait on a condition, or give this settle a deadline the work fits in.`,
    );
    this.name = 'CloudNotSettled';
  }
}

/** Five polls of quiet (a second): longer than a stream poll after an empty read, so a fresh commit is seen. */
const QUIET_ROUNDS = 5;
const POLL_MS = 200;

export async function settle(watch: () => readonly SettleWatched[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  for (;;) {
    const busy = watch().filter((w) => w.inProgress > 0 || !w.idle);
    quietRounds = busy.length > 0 ? 0 : quietRounds + 1;
    if (quietRounds >= QUIET_ROUNDS) return;
    // past the deadline a quiet cloud may finish its quiet second; a busy one is reported
    if (busy.length > 0 && Date.now() >= deadline) throw new CloudNotSettled(timeoutMs, busy);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
