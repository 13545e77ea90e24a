/**
 * What one catalog event is: its type (a public contract), the version of its `data` shape and the
 * zod schema of that shape. Schemas are loose objects: a consumer reads the fields it knows and a
 * producer may add fields (additive changes keep the version); removing or retyping one needs a
 * new version.
 */
import type * as z from 'zod/mini';
import type { EventType } from './envelope';

export interface EventContract<T extends EventType = EventType, S extends z.ZodMiniType = z.ZodMiniType> {
  readonly type: T;
  readonly version: number;
  readonly data: S;
}

export function defineEvent<T extends EventType, S extends z.ZodMiniType>(
  type: T,
  version: number,
  data: S,
): EventContract<T, S> {
  return { type, version, data };
}
