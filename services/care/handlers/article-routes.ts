/**
 * The knowledge library's routes, served by the campaigns API function: GET|POST /v1/articles
 * and GET|PUT /v1/articles/{articleId} (leads and admins read, admins write; the version is the
 * ETag, a PUT's If-Match is optional and a stale one answers 412). The shipped articles are
 * seeded on first use.
 */
import { clock } from '#shared/clock';
import { NotFound, PreconditionFailed, Unauthenticated } from '#shared/http/errors';
import { versionOf } from '#shared/http/if-match';
import { newId } from '#shared/ids';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { ensureArticleSeed } from '../adapters/article-seed';
import { dynamoArticleStore } from '../adapters/dynamo-article-store';
import {
  type Article,
  ArticleDraft,
  ArticlePath,
  newArticle,
  revisedArticle,
  StaleArticle,
} from '../domain/knowledge/articles';

const noStore = { 'cache-control': 'no-store' };
const etag = (article: Article) => ({ ...noStore, etag: `"${article.version}"` });

async function articleOr404(articleId: string): Promise<Article> {
  await ensureArticleSeed(clock.now());
  const article = await dynamoArticleStore.get(articleId);
  if (!article) throw new NotFound(`There is no article ${articleId}.`);
  return article;
}

const list = httpRoute({}, async () => {
  await ensureArticleSeed(clock.now());
  return { status: 200, body: { articles: await dynamoArticleStore.list() }, headers: noStore };
});

const create = httpRoute({ body: ArticleDraft }, async ({ body, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  const article = newArticle(newId(), body, principal.sub, clock.now());
  await dynamoArticleStore.create(article);
  logger.info('article created', { articleId: article.articleId, topic: article.topic });
  return {
    status: 201,
    body: article,
    headers: { ...etag(article), location: `/v1/articles/${article.articleId}` },
  };
});

const read = httpRoute({ path: ArticlePath }, async ({ path }) => {
  const article = await articleOr404(path.articleId);
  return { status: 200, body: article, headers: etag(article) };
});

const replace = httpRoute(
  { path: ArticlePath, body: ArticleDraft },
  async ({ path, body, headers, principal }) => {
    if (!principal) throw new Unauthenticated('A valid bearer token is required.');
    const current = await articleOr404(path.articleId);
    try {
      const revised = revisedArticle(
        current,
        body,
        versionOf(headers['if-match'], 'article'),
        principal.sub,
        clock.now(),
      );
      await dynamoArticleStore.replace(revised, current.version);
      logger.info('article changed', { articleId: revised.articleId, version: revised.version });
      return { status: 200, body: revised, headers: etag(revised) };
    } catch (error) {
      if (error instanceof StaleArticle)
        throw new PreconditionFailed('The article changed since you read it; read it again.');
      throw error;
    }
  },
);

export const articleRoutes = {
  'GET /v1/articles': list,
  'POST /v1/articles': create,
  'GET /v1/articles/{articleId}': read,
  'PUT /v1/articles/{articleId}': replace,
};
