/** Identifiers: ULIDs sort by creation time, which keeps timelines and outbox items in order. */
import { monotonicFactory } from 'ulid';
import { clock } from './clock';

const nextUlid = monotonicFactory();

export function newId(): string {
  return nextUlid(clock.now().getTime());
}
