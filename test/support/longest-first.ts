/**
 * Runs the slowest test files first. With two workers, a five-minute file that starts near the end
 * of the run leaves one worker busy alone for minutes; started first, it overlaps the many short
 * files on the other worker. Vitest orders by the durations it cached from an earlier run, and a
 * clean clone (CI) has none, so the slow files are named here: the longest of a clean-clone CI run,
 * longest first. A file missing from the list keeps vitest's own order after them.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FILES: readonly string[] = [
  'test/faults/clock-jump.test.ts',
  'test/faults/duplicate-delivery.test.ts',
  'test/console/console.test.ts',
  'test/e2e/event-contracts.test.ts',
  'services/sla/test/legacy-timers.test.ts',
  'test/e2e/status-page.test.ts',
  'services/sla/test/sla-flow.test.ts',
  'test/faults/durability.test.ts',
  'test/faults/crash-mid-burst.test.ts',
  'services/notify/test/care-rules.test.ts',
  'services/notify/test/feedback-unsubscribe.test.ts',
  'services/cases/test/response-contracts.test.ts',
  'services/sla/test/clock-rules-flow.test.ts',
  'services/notify/test/notify.test.ts',
  'services/cases/test/lifecycle.test.ts',
  'services/notify/test/send-rate.test.ts',
  'test/platform/demo-data.test.ts',
];

/** Where a file stands in the slow list; files not in it come after, in the order given. */
export function slowestFirst<T>(files: readonly T[], pathOf: (file: T) => string): T[] {
  const rank = (file: T) => {
    const path = pathOf(file).replaceAll('\\', '/');
    const index = SLOWEST_FILES.findIndex((slow) => path.endsWith(`/${slow}`) || path === slow);
    return index < 0 ? SLOWEST_FILES.length : index;
  };
  // Array.prototype.sort is stable: the files outside the list keep vitest's order
  return [...files].sort((a, b) => rank(a) - rank(b));
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return slowestFirst(await super.sort(files), (file) => file.moduleId);
  }
}
