/**
 * Knowledge articles and the customers' article claims in the Campaigns table (keys:
 * shared/tables/campaigns.ts). The library is one partition, read with one query; a customer's
 * claims are their own partition (what they have had, one small query per member), and a claim is
 * released only by the message that made it (its dedupe key), so a late duplicate cannot free a
 * later claim.
 */
import {
  ConditionalCheckFailedException,
  DeleteCommand,
  dynamo,
  GetCommand,
  PutCommand,
  QueryCommand,
  tableName,
} from '#shared/aws/dynamo';
import {
  ARTICLE_CLAIM_PREFIX,
  ARTICLES_PARTITION,
  articleClaimKey,
  articleKey,
  decisionKey,
  readerPartition,
} from '#shared/tables/campaigns';
import { type Article, type ArticleStore, libraryOrder, StaleArticle } from '../domain/knowledge/articles';

const toArticle = ({ pk: _pk, sk: _sk, kind: _kind, ...article }: Record<string, unknown>) =>
  article as unknown as Article;

export const dynamoArticleStore: ArticleStore = {
  async list() {
    const articles: Article[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName('Campaigns'),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': ARTICLES_PARTITION },
          ExclusiveStartKey,
        }),
      );
      articles.push(...(page.Items ?? []).map(toArticle));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return articles.sort(libraryOrder);
  },

  async get(articleId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName('Campaigns'), Key: articleKey(articleId), ConsistentRead: true }),
    );
    return Item ? toArticle(Item) : undefined;
  },

  async create(article) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Campaigns'),
          Item: { ...articleKey(article.articleId), kind: 'article', ...article },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async replace(article, expectedVersion) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Campaigns'),
          Item: { ...articleKey(article.articleId), kind: 'article', ...article },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleArticle();
      throw error;
    }
  },
};

/** The ids of the articles the customer has had (planned or sent). */
export async function articlesHad(customerId: string): Promise<Set<string>> {
  const had = new Set<string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Campaigns'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :claim)',
        ExpressionAttributeValues: { ':pk': readerPartition(customerId), ':claim': ARTICLE_CLAIM_PREFIX },
        ProjectionExpression: 'articleId',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) had.add(String(item.articleId));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return had;
}

/**
 * The article a message was not delivered with goes back to the customer's unsent articles: the
 * planned decision marker names it, and the claim is removed only while that message still holds
 * it. Answers whether a claim was released (false for messages that send no article).
 */
export async function releaseArticleClaim(dedupeKey: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName('Campaigns'),
      Key: decisionKey(dedupeKey, 'planned'),
      ProjectionExpression: 'articleId, customerId',
    }),
  );
  if (!Item?.articleId) return false;
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: tableName('Campaigns'),
        Key: articleClaimKey(String(Item.customerId), String(Item.articleId)),
        ConditionExpression: 'dedupeKey = :key',
        ExpressionAttributeValues: { ':key': dedupeKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false; // released already
    throw error;
  }
}
