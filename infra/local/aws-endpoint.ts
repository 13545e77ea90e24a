/**
 * The local stand-ins for AWS APIs that have no emulator package here: EventBridge `PutEvents` and
 * End User Messaging SMS `SendTextMessage`. They speak the same JSON protocol, so the production
 * SDK adapters talk to them unchanged through `AWS_ENDPOINT_URL_<SERVICE>`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { LocalBus, PutEventsEntry } from './bus';

export interface SentSms {
  readonly messageId: string;
  readonly destinationPhoneNumber: string;
  readonly messageBody: string;
  readonly originationIdentity?: string;
  readonly messageType?: string;
  readonly context?: Record<string, string>;
  readonly sentAt: string;
}

export class SmsSink {
  readonly messages: SentSms[] = [];
}

export async function startAwsEndpoint(
  bus: LocalBus,
  sms: SmsSink,
  now: () => Date,
): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    };
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      if (target === 'AWSEvents.PutEvents') {
        const entries = (input.Entries ?? []) as PutEventsEntry[];
        if (entries.length < 1 || entries.length > 10) {
          return reply(400, {
            __type: 'ValidationException',
            message: 'Entries must contain 1 to 10 items.',
          });
        }
        const results = await bus.putEvents(entries);
        return reply(200, { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results });
      }
      if (target === 'PinpointSMSVoiceV2.SendTextMessage') {
        const message: SentSms = {
          messageId: randomUUID(),
          destinationPhoneNumber: String(input.DestinationPhoneNumber ?? ''),
          messageBody: String(input.MessageBody ?? ''),
          originationIdentity: input.OriginationIdentity as string | undefined,
          messageType: input.MessageType as string | undefined,
          context: input.Context as Record<string, string> | undefined,
          sentAt: now().toISOString(),
        };
        sms.messages.push(message);
        return reply(200, { MessageId: message.messageId });
      }
      return reply(400, { __type: 'UnknownOperationException', message: `Unsupported operation ${target}` });
    } catch (error) {
      return reply(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}
