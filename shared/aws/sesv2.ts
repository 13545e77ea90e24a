/** SES (v2) for the email sender, with the SDK evaluated on the first call (./lazy.ts). */
import type * as sdk from '@aws-sdk/client-sesv2';
import { LazyClient, lazyCommand } from './lazy';

export const SendEmailCommand = /* @__PURE__ */ lazyCommand<
  sdk.SendEmailCommandInput,
  sdk.SendEmailCommandOutput
>(() => import('#shared/aws/sdk/sesv2-send-email').then((m) => m.SendEmailCommand));

/** `new SESv2Client(config)` as with the SDK; the SDK's client is built on the first send. */
export class SESv2Client extends LazyClient {
  constructor(config: sdk.SESv2ClientConfig) {
    super(async () => new (await import('#shared/aws/sdk/sesv2-client')).SESv2Client(config));
  }
}
