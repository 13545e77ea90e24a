/** SQS for queue consumers, with the SDK evaluated on the first call (./lazy.ts). */
import type * as sdk from '@aws-sdk/client-sqs';
import { LazyClient, lazyCommand } from './lazy';

export const ChangeMessageVisibilityCommand = /* @__PURE__ */ lazyCommand<
  sdk.ChangeMessageVisibilityCommandInput,
  sdk.ChangeMessageVisibilityCommandOutput
>(() =>
  import('#shared/aws/sdk/sqs-change-message-visibility').then((m) => m.ChangeMessageVisibilityCommand),
);

/** `new SQSClient(config)` as with the SDK; the SDK's client is built on the first send. */
export class SQSClient extends LazyClient {
  constructor(config: sdk.SQSClientConfig) {
    super(async () => new (await import('#shared/aws/sdk/sqs-client')).SQSClient(config));
  }
}
