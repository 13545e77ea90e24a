/**
 * Checks core events as the core systems send them: one JSON body, or NDJSON lines of a batch.
 * Every field error of every line at once; the type's `data` is checked even when other fields
 * are wrong, so a sender fixes everything in one round.
 */
import {
  CORE_EVENTS_BATCH_MAX,
  type CoreEvent,
  CoreEventFields,
  type CoreEventType,
  coreEventData,
  coreEventTypes,
  isClaimEventType,
} from '#shared/contracts/core-events';
import { type FieldError, ValidationFailed } from '#shared/domain/errors';
import { fieldErrors } from '#shared/domain/validation';

export type CheckedEvent = { ok: true; event: CoreEvent } | { ok: false; errors: FieldError[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One core event, its errors under `prefix` (`body`, or `line 3`). */
export function checkCoreEvent(value: unknown, prefix: string): CheckedEvent {
  const base = CoreEventFields.safeParse(value);
  const errors = base.success ? [] : fieldErrors(base.error.issues, [prefix]);
  const type = isRecord(value) ? value.type : undefined;
  if (typeof type === 'string' && (coreEventTypes as readonly string[]).includes(type)) {
    const data = coreEventData[type as CoreEventType].safeParse(isRecord(value) ? value.data : undefined);
    if (!data.success) {
      // the base schema already says when data is not an object at all
      const dataErrors = fieldErrors(data.error.issues, [prefix, 'data']);
      for (const e of dataErrors) if (!errors.some((known) => known.path === e.path)) errors.push(e);
    }
    const claimNumber = isRecord(value) ? value.claimNumber : undefined;
    if (isClaimEventType(type) && claimNumber === undefined)
      errors.push({ path: `${prefix}.claimNumber`, message: `Required for ${type}` });
    if (!isClaimEventType(type) && claimNumber !== undefined)
      errors.push({ path: `${prefix}.claimNumber`, message: `A ${type} event names no claim` });
  }
  if (errors.length > 0 || !base.success) return { ok: false, errors };
  return { ok: true, event: base.data };
}

/** A single event: the event, or every field error as a ValidationFailed. */
export function parseCoreEvent(value: unknown): CoreEvent {
  const checked = checkCoreEvent(value, 'body');
  if (!checked.ok) throw new ValidationFailed(checked.errors);
  return checked.event;
}

/**
 * A batch (NDJSON): every line an event, at most CORE_EVENTS_BATCH_MAX. One bad line refuses the
 * whole batch with every error of every line, so nothing of a back-fill is half stored.
 */
export function parseCoreEventBatch(raw: string): CoreEvent[] {
  const lines = raw.split('\n').map((line, i) => ({ text: line.trim(), line: i + 1 }));
  const present = lines.filter((l) => l.text !== '');
  if (present.length > CORE_EVENTS_BATCH_MAX)
    throw new ValidationFailed(
      [
        {
          path: 'body',
          message: `At most ${CORE_EVENTS_BATCH_MAX} events per batch; this one has ${present.length}`,
        },
      ],
      'The batch is too long; send it in parts.',
    );
  if (present.length === 0)
    throw new ValidationFailed([{ path: 'body', message: 'The batch has no events' }]);
  const events: CoreEvent[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const { text, line } of present) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      errors.push({ path: `line ${line}`, message: 'Not valid JSON' });
      continue;
    }
    const checked = checkCoreEvent(value, `line ${line}`);
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const first = seen.get(checked.event.eventId);
    // a back-fill that repeats an event id is kept once, as a redelivery would be
    if (first === undefined) {
      seen.set(checked.event.eventId, line);
      events.push(checked.event);
    }
  }
  if (errors.length > 0)
    throw new ValidationFailed(errors, 'Some lines of the batch are invalid; nothing was stored.');
  return events;
}
