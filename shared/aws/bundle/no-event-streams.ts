/**
 * Put in place of `@smithy/core/event-streams` by the bundle's alias (infra/bundling.ts). The SDK's
 * protocol code loads event-stream support (~15 KB) only for operations with event-stream members;
 * none of the clients this project depends on has one (`event-streams.test.ts` checks every
 * `@aws-sdk/client-*` dependency), so the code is dead weight in every bundle. A client that did
 * need it imports `resolveEventStreamSerdeConfig` statically, which this module lacks, so such a
 * bundle fails to build rather than fail at run time.
 */
function unavailable(): never {
  throw new Error(
    'event streams are not bundled: remove the @smithy/core/event-streams alias in infra/bundling.ts',
  );
}

export const eventStreamSerdeProvider = unavailable;

export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}
