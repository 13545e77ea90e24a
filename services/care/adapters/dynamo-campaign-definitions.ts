/**
 * Campaign heads and versions in the Campaigns table (shared/tables/campaigns.ts). A head and the
 * version it adds or approves are written in one transaction, conditional on the head's revision,
 * so two admins acting at once never both win and a version is never left without its head.
 */
import {
  dynamo,
  GetCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  tableName,
} from '#shared/aws/dynamo';
import {
  CAMPAIGN_HEADS_PARTITION,
  campaignHeadKey,
  campaignVersionKey,
  campaignVersionPartition,
} from '#shared/tables/campaigns';
import { CampaignChangedMeanwhile, type CampaignDefinitionStore } from '../domain/authoring/author-campaign';
import type { CampaignHead, CampaignVersion } from '../domain/authoring/campaign-authoring';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const strip = <T>({ pk: _pk, sk: _sk, kind: _kind, ...rest }: Record<string, unknown>) => rest as T;

async function queryAll(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Campaigns'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

async function get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName('Campaigns'), Key: key, ConsistentRead: true }),
  );
  return Item ? strip<T>(Item) : undefined;
}

export const dynamoCampaignDefinitions: CampaignDefinitionStore = {
  async heads() {
    return (await queryAll(CAMPAIGN_HEADS_PARTITION)).map((i) => strip<CampaignHead>(i));
  },
  head: (campaignId) => get<CampaignHead>(campaignHeadKey(campaignId)),
  version: (campaignId, version) => get<CampaignVersion>(campaignVersionKey(campaignId, version)),
  async versions(campaignId) {
    return (await queryAll(campaignVersionPartition(campaignId))).map((i) => strip<CampaignVersion>(i));
  },

  async write(head, expectedRevision, change) {
    const table = tableName('Campaigns');
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table,
          Item: { ...campaignHeadKey(head.campaignId), kind: 'campaign-head', ...head },
          ...(expectedRevision === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'revision = :expected',
                ExpressionAttributeValues: { ':expected': expectedRevision },
              }),
        },
      },
    ];
    if (change.added)
      items.push({
        Put: {
          TableName: table,
          Item: {
            ...campaignVersionKey(change.added.campaignId, change.added.version),
            kind: 'campaign-version',
            ...change.added,
          },
          // a version once written is never overwritten
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    if (change.approved)
      items.push({
        Update: {
          TableName: table,
          Key: campaignVersionKey(change.approved.campaignId, change.approved.version),
          UpdateExpression: 'SET approvedBy = :by, approvedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(approvedBy)',
          ExpressionAttributeValues: { ':by': change.approved.approvedBy, ':at': change.approved.approvedAt },
        },
      });
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new CampaignChangedMeanwhile();
      throw error;
    }
  },
};
