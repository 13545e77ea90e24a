/** Lambda entry point of the outbox relay: table stream → EventBridge. */
import { awsOutboxPorts } from './relay-adapters';
import { relay } from './relay';
import { streamHandler } from '../middleware/stream';

export const handler = streamHandler((records) => relay(records, awsOutboxPorts));
