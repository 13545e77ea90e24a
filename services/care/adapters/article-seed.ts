/**
 * The shipped knowledge articles (services/care/articles/articles.json) seed the library on first
 * use, like the shipped campaigns: the first articles request or content campaign run after a
 * deploy writes the articles the store lacks (a conditional write each). Nothing to run by hand.
 */
import { parseConfiguration } from '#shared/domain/validation';
import raw from '../articles/articles.json';
import { ArticleSeed, seedMissingArticles } from '../domain/knowledge/articles';
import { dynamoArticleStore } from './dynamo-article-store';

export const articleSeed = parseConfiguration(ArticleSeed, raw, 'knowledge articles');

let seeding: Promise<number> | undefined;

export function ensureArticleSeed(now: Date): Promise<number> {
  seeding ??= seedMissingArticles(dynamoArticleStore, articleSeed, now).catch((error) => {
    seeding = undefined; // the next invocation tries again
    throw error;
  });
  return seeding;
}
