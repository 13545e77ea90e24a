/** AWS End User Messaging SMS for the SMS sender, with the SDK evaluated on the first call (./lazy.ts). */
import type * as sdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { LazyClient, lazyCommand } from './lazy';

export const SendTextMessageCommand = /* @__PURE__ */ lazyCommand<
  sdk.SendTextMessageCommandInput,
  sdk.SendTextMessageCommandOutput
>(() => import('#shared/aws/sdk/sms-send-text-message').then((m) => m.SendTextMessageCommand));

/** `new PinpointSMSVoiceV2Client(config)` as with the SDK; the SDK's client is built on the first send. */
export class PinpointSMSVoiceV2Client extends LazyClient {
  constructor(config: sdk.PinpointSMSVoiceV2ClientConfig) {
    super(async () => new (await import('#shared/aws/sdk/sms-client')).PinpointSMSVoiceV2Client(config));
  }
}
