/** Lambda entry point of the outbox relay: table stream → EventBridge. */

import { streamHandler } from '../middleware/stream';
import { relay } from './relay';
import { awsOutboxPorts } from './relay-adapters';

export const handler = streamHandler((records) => relay(records, awsOutboxPorts));
