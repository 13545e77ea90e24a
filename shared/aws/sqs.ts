/** SQS for queue consumers, with the SDK evaluated on the first call (./lazy.ts). */
import type * as sdk from '@aws-sdk/client-sqs';
import { LazyClient, lazyCommand } from './lazy';

export const ChangeMessageVisibilityCommand = lazyCommand<
  sdk.ChangeMessageVisibilityCommandInput,
  sdk.ChangeMessageVisibilityCommandOutput
>('ChangeMessageVisibilityCommand');

/** `new SQSClient(config)` as with the SDK; the SDK's client is built on the first send. */
export class SQSClient extends LazyClient {
  constructor(config: sdk.SQSClientConfig) {
    super(async () => {
      const commands = await import('@aws-sdk/client-sqs');
      return { client: new commands.SQSClient(config), commands };
    });
  }
}
