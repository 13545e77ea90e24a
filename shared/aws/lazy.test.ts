/**
 * The lazy clients stand in for the SDK's until the first send: their exception stand-ins must
 * match the SDK's own errors in `instanceof` (adapters branch on them), and a load that fails must
 * not stick.
 */
import { ConditionalCheckFailedException as SdkConditionalCheckFailed } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, GetCommand, TransactionCanceledException } from './dynamo';
import { LazyClient, lazyCommand } from './lazy';

describe('exception stand-ins', () => {
  it("match the SDK's errors of the same name, and nothing else", () => {
    const sdkError = new SdkConditionalCheckFailed({
      message: 'The conditional request failed',
      $metadata: {},
    });
    expect(sdkError instanceof ConditionalCheckFailedException).toBe(true);
    expect(sdkError instanceof TransactionCanceledException).toBe(false);
    expect(new Error('The conditional request failed') instanceof ConditionalCheckFailedException).toBe(
      false,
    );
    expect({ name: 'ConditionalCheckFailedException' } instanceof ConditionalCheckFailedException).toBe(
      false,
    );
  });
});

describe('a lazy client', () => {
  class EchoCommand {
    constructor(readonly input: { value: number }) {}
  }
  const Echo = lazyCommand<{ value: number }, { echoed: number }>(async () => EchoCommand);

  it('loads once for concurrent first sends, and sends the SDK command built from the input', async () => {
    let loads = 0;
    const sent: unknown[] = [];
    const client = new LazyClient(async () => {
      loads++;
      return {
        send: async (command: unknown) => {
          sent.push(command);
          return { echoed: (command as EchoCommand).input.value };
        },
      };
    });
    const results = await Promise.all([
      client.send(new Echo({ value: 1 })),
      client.send(new Echo({ value: 2 })),
    ]);
    expect(results).toEqual([{ echoed: 1 }, { echoed: 2 }]);
    expect(loads).toBe(1);
    expect(sent.every((command) => command instanceof EchoCommand)).toBe(true);
  });

  it('tries the load again on the next send after a failed one', async () => {
    let loads = 0;
    const client = new LazyClient(async () => {
      loads++;
      if (loads === 1) throw new Error('module failed to load');
      return { send: async () => ({ echoed: 0 }) };
    });
    await expect(client.send(new Echo({ value: 1 }))).rejects.toThrow('module failed to load');
    await expect(client.send(new Echo({ value: 1 }))).resolves.toEqual({ echoed: 0 });
    expect(loads).toBe(2);
  });

  it("sends the SDK's own command class for a document client command", async () => {
    const { GetCommand: SdkGetCommand } = await import('@aws-sdk/lib-dynamodb');
    let sent: unknown;
    const client = new LazyClient(async () => ({
      send: async (command: unknown) => {
        sent = command;
        return {};
      },
    }));
    await client.send(new GetCommand({ TableName: 'complaints', Key: { pk: 'C#1' } }));
    expect(sent).toBeInstanceOf(SdkGetCommand);
    expect((sent as InstanceType<typeof SdkGetCommand>).input).toEqual({
      TableName: 'complaints',
      Key: { pk: 'C#1' },
    });
  });
});
