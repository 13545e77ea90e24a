/**
 * The local stand-ins for the customer's replies from outside the API: `POST /dev/inbound/email`
 * (a raw RFC 5322 message) does what SES's receipt rule does on AWS — store the message in the
 * inbound-mail bucket, then invoke the topology's inbound email function with the receipt — and
 * `POST /dev/inbound/sms` `{from, body}` publishes what End User Messaging would to the SMS
 * function, as SNS delivers it. Both answer what the function returned.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent, SNSEvent } from 'aws-lambda';
import { inboundMailObjectKey } from '#shared/contracts/buckets';
import { MalformedRequest, UnsupportedMediaType, ValidationFailed } from '#shared/http/errors';
import type { InboundSpec } from '../topology-types';
import type { Invoker } from './invoke';

export class LocalInbound {
  readonly #s3: S3Client;

  constructor(
    private readonly spec: InboundSpec,
    private readonly invoker: Invoker,
    private readonly inboundMailBucket: string,
    s3: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } },
    private readonly now: () => Date,
  ) {
    this.#s3 = new S3Client({ ...s3, forcePathStyle: true });
  }

  async email(contentType: string | undefined, raw: Buffer): Promise<unknown> {
    if (!/^message\/rfc822\b/i.test(contentType ?? ''))
      throw new UnsupportedMediaType('Send the raw email as message/rfc822.');
    if (raw.length === 0) throw new MalformedRequest('The body is empty: send a raw RFC 5322 message.');
    // SES names the stored object by its own message id, not the email's Message-ID
    const sesMessageId = randomUUID();
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.inboundMailBucket,
        Key: inboundMailObjectKey(sesMessageId),
        Body: raw,
        ContentType: 'message/rfc822',
      }),
    );
    const timestamp = this.now().toISOString();
    const event = {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: {
              messageId: sesMessageId,
              timestamp,
              source: '',
              destination: [],
              headersTruncated: false,
              headers: [],
              commonHeaders: {},
            },
            // the envelope's recipients come from the message's own headers locally
            receipt: { timestamp, recipients: [], processingTimeMillis: 0, action: { type: 'Lambda' } },
          },
        },
      ],
    } as unknown as SESEvent;
    return this.invoker.invoke(this.spec.email, event);
  }

  async sms(body: Record<string, unknown>): Promise<unknown> {
    const errors = [
      ...(typeof body.from === 'string' && body.from.trim()
        ? []
        : [{ path: 'body.from', message: 'The sender\'s number, e.g. "+8613900139000"' }]),
      ...(typeof body.body === 'string' ? [] : [{ path: 'body.body', message: 'The text of the message' }]),
    ];
    if (errors.length > 0) throw new ValidationFailed(errors);
    const message = {
      originationNumber: String(body.from).trim(),
      destinationNumber: '+8610690000',
      messageKeyword: '',
      messageBody: String(body.body),
      inboundMessageId: typeof body.messageId === 'string' ? body.messageId : randomUUID(),
      previousPublishedMessageId: '',
    };
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:local:000000000000:inbound-sms',
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: 'arn:aws:sns:local:000000000000:inbound-sms',
            Subject: null,
            Message: JSON.stringify(message),
            Timestamp: this.now().toISOString(),
            MessageAttributes: {},
          },
        },
      ],
    } as unknown as SNSEvent;
    return this.invoker.invoke(this.spec.sms, event);
  }

  stop(): void {
    this.#s3.destroy();
  }
}
