/**
 * Content campaigns' two rules, pure: which local dates are a cadence's sending days, and which
 * article a customer gets next — the first in library order they have not had (planned or sent),
 * among the campaign's topic and tags, about a product they hold where the article names products.
 */
import { type LocalDate, toEpochDay } from '#shared/calendar/local-date';
import type { Article, ArticleTopic } from './articles';

export const contentCadences = ['monthly', 'fortnightly', 'weekly'] as const;
export type ContentCadence = (typeof contentCadences)[number];

/** Monday 4 January 2021: fortnights are counted from it, so they run on across year ends. */
const FORTNIGHT_EPOCH = toEpochDay('2021-01-04');

/**
 * Monthly on the 1st; weekly on Mondays; fortnightly on every other Monday (counted from a fixed
 * Monday, so a 53-week year does not put two sending days in a row).
 */
export function isContentDay(date: LocalDate, cadence: ContentCadence): boolean {
  if (cadence === 'monthly') return date.slice(8, 10) === '01';
  const days = toEpochDay(date) - FORTNIGHT_EPOCH;
  const period = cadence === 'weekly' ? 7 : 14;
  return ((days % period) + period) % period === 0;
}

export interface ArticleFilter {
  readonly topic?: ArticleTopic;
  readonly productTags?: readonly string[];
}

/** The articles a campaign sends, in library order: its topic, and a tag it names where it names some. */
export function campaignArticles(library: readonly Article[], filter: ArticleFilter): Article[] {
  return library.filter(
    (a) =>
      (!filter.topic || a.topic === filter.topic) &&
      (!filter.productTags || a.productTags.some((t) => filter.productTags!.includes(t))),
  );
}

/**
 * The first article (of `articles`, in their order) the customer has not had and that suits them:
 * an article naming products goes only to holders of one of them. Undefined when they have had
 * them all.
 */
export function nextArticle(
  articles: readonly Article[],
  had: ReadonlySet<string>,
  productsHeld: readonly string[],
): Article | undefined {
  return articles.find(
    (a) =>
      !had.has(a.articleId) &&
      (a.productTags.length === 0 || a.productTags.some((t) => productsHeld.includes(t))),
  );
}
