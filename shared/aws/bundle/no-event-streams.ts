/**
 * Put in place of `@smithy/core/event-streams` by the bundle's alias (infra/bundling.ts). The SDK's
 * protocol code loads event-stream support (~15 KB) for operations with event-stream members, and
 * S3's client sets it up in its constructor for SelectObjectContent; no function of ours calls such
 * an operation (`event-streams.test.ts` checks the code for every one our clients have), so the
 * code is dead weight in every bundle. A client still gets the marshaller its constructor asks for,
 * and using it throws, naming this stub.
 */
function unavailable(): never {
  throw new Error(
    'event streams are not bundled: remove the @smithy/core/event-streams alias in infra/bundling.ts',
  );
}

const noEventStreams = { serialize: unavailable, deserialize: unavailable };

export const eventStreamSerdeProvider = () => noEventStreams;

export const resolveEventStreamSerdeConfig = <T extends object>(input: T) =>
  Object.assign(input, { eventStreamMarshaller: noEventStreams });

export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}
