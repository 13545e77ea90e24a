/**
 * Knowledge articles (持续知识输出) as data: a title, summary and body in every language the platform
 * speaks, a topic, the products the article is about (the campaign catalog's product codes) and an
 * optional link to read more. Admins write them (`POST|PUT /v1/articles`); content campaigns send
 * them, each customer an article at most once. Kept with a version for optimistic concurrency.
 */
import * as z from 'zod/mini';
import { languages } from '#shared/contracts/vocabulary';
import catalog from '../../campaigns/campaigns.json';

export const articleTopics = ['insurance-knowledge', 'risk-management', 'policy-interpretation'] as const;
export type ArticleTopic = (typeof articleTopics)[number];

/** The product vocabulary: the codes the campaign catalog names (`productNames`). */
export const productCodes = Object.keys(catalog.productNames) as [string, ...string[]];
export const ProductTag = z.enum(productCodes);

const ArticleText = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  summary: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
});
/** Every language must be there, as with campaign content: a customer never gets an empty article. */
const ArticleContent = z.strictObject(
  Object.fromEntries(languages.map((l) => [l, ArticleText])) as Record<
    (typeof languages)[number],
    typeof ArticleText
  >,
);

/** What `POST /v1/articles` and `PUT /v1/articles/{articleId}` take. */
export const ArticleDraft = z.strictObject({
  topic: z.enum(articleTopics),
  /** The products the article is about; none = for every customer. */
  productTags: z._default(z.array(ProductTag).check(z.maxLength(productCodes.length)), []),
  content: ArticleContent,
  linkUrl: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(500),
        z.url({ protocol: /^https$/, error: 'Must be an absolute https URL' }),
      ),
  ),
});
export type ArticleDraft = z.infer<typeof ArticleDraft>;

export const ArticleId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'Must be an article id'));
export const ArticlePath = z.strictObject({ articleId: ArticleId });

export const Article = z.object({
  articleId: z.string(),
  ...ArticleDraft.shape,
  productTags: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Article = z.infer<typeof Article>;
export const ArticleList = z.object({ articles: z.array(Article) });

export class StaleArticle extends Error {}

export interface ArticleStore {
  /** Every article, in library order (`libraryOrder`). */
  list(): Promise<Article[]>;
  get(articleId: string): Promise<Article | undefined>;
  /** Writes a new article; false when one with its id exists (the seed's concurrent cold starts). */
  create(article: Article): Promise<boolean>;
  /** Replaces the article at `expectedVersion`; StaleArticle when another change came first. */
  replace(article: Article, expectedVersion: number): Promise<void>;
}

export function newArticle(articleId: string, draft: ArticleDraft, by: string, at: Date): Article {
  const now = at.toISOString();
  return { articleId, ...draft, version: 1, createdAt: now, createdBy: by, updatedAt: now, updatedBy: by };
}

/** The article after a PUT; `ifMatch` (optional) must name the version the author read. */
export function revisedArticle(
  current: Article,
  draft: ArticleDraft,
  ifMatch: number | undefined,
  by: string,
  at: Date,
): Article {
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new StaleArticle(`Article ${current.articleId} is at version ${current.version}.`);
  // a PUT replaces the whole text: a link it leaves out is gone, not kept from the old version
  const { linkUrl: _dropped, ...kept } = current;
  return { ...kept, ...draft, version: current.version + 1, updatedAt: at.toISOString(), updatedBy: by };
}

/** The order content campaigns offer articles in: oldest first (a series reads in order), then by id. */
export const libraryOrder = (a: Article, b: Article) =>
  a.createdAt.localeCompare(b.createdAt) || a.articleId.localeCompare(b.articleId);

/** The shipped articles (services/care/articles/articles.json): each a draft with its id. */
export const ArticleSeed = z.strictObject({
  articles: z.array(z.extend(ArticleDraft, { articleId: ArticleId })).check(z.minLength(1)),
});
export type ArticleSeed = z.infer<typeof ArticleSeed>;

/** Writes the shipped articles the store does not have yet (an admin's changes always win). */
export async function seedMissingArticles(store: ArticleStore, seed: ArticleSeed, at: Date): Promise<number> {
  const known = new Set((await store.list()).map((a) => a.articleId));
  let seeded = 0;
  for (const { articleId, ...draft } of seed.articles) {
    if (known.has(articleId)) continue;
    // false: another cold start seeded it first
    if (await store.create(newArticle(articleId, draft, 'seed', at))) seeded++;
  }
  return seeded;
}
