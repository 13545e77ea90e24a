/**
 * Content campaigns' rules on their own: the cadences' sending days, the next article a customer
 * has not had (never a repeat, every suitable one in turn), and the planner's decision for a
 * member — the article wrapped in the campaign's texts, one decision per customer and day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay, weekday } from '#shared/calendar/local-date';
import type { CustomerProfileItem } from '#shared/contracts/customer-profile';
import shipped from '../../articles/articles.json';
import { type CampaignDefinition, campaignCatalog } from '../campaign-definitions';
import { audienceQueries, decide } from '../campaign-planner';
import { type Article, ArticleDraft, ArticleSeed, newArticle, productCodes } from './articles';
import { campaignArticles, contentCadences, isContentDay, nextArticle } from './content-programme';

const SEGMENT = '01JEXAMPLE0000000000000000';
const MONDAY = 1;

const date = fc
  .integer({ min: toEpochDay('2024-01-01'), max: toEpochDay('2035-12-31') })
  .map((day) => fromEpochDay(day));

const article = (
  articleId: string,
  productTags: string[] = [],
  topic: Article['topic'] = 'insurance-knowledge',
) =>
  newArticle(
    articleId,
    {
      topic,
      productTags,
      content: {
        'zh-CN': { title: `标题 ${articleId}`, summary: `摘要 ${articleId}`, body: '正文' },
        en: { title: `Title ${articleId}`, summary: `Summary ${articleId}`, body: 'Body' },
      },
      linkUrl: `https://care.example.com/knowledge/${articleId}`,
    },
    'seed',
    new Date('2026-12-01T00:00:00Z'),
  );

const library = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z]{1,6}$/),
      tags: fc.subarray([...productCodes], { maxLength: 2 }),
    }),
    { selector: (a) => a.id, maxLength: 8 },
  )
  .map((specs) => specs.map((s) => article(s.id, s.tags)));

describe('content cadence days', () => {
  it('sends monthly on the 1st, weekly on Mondays, fortnightly every other Monday, 14 days apart', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(isContentDay(d, 'monthly')).toBe(d.endsWith('-01'));
        expect(isContentDay(d, 'weekly')).toBe(weekday(d) === MONDAY);
        if (isContentDay(d, 'fortnightly')) {
          expect(weekday(d)).toBe(MONDAY);
          expect(isContentDay(addDays(d, 7), 'fortnightly')).toBe(false);
          expect(isContentDay(addDays(d, 14), 'fortnightly')).toBe(true);
        } else if (weekday(d) === MONDAY) expect(isContentDay(addDays(d, 7), 'fortnightly')).toBe(true);
      }),
    );
  });
});

describe('the next article', () => {
  it('ships articles that load: both languages, known topics and product tags, https links', () => {
    const { articles } = ArticleSeed.parse(shipped);
    expect(articles.length).toBeGreaterThan(3);
    expect(
      ArticleDraft.safeParse({ ...articles[0], articleId: undefined, linkUrl: 'http://x.example' }).success,
    ).toBe(false);
  });

  it('offers every suitable article exactly once, in library order, then nothing', () => {
    fc.assert(
      fc.property(library, fc.subarray([...productCodes]), (articles, held) => {
        const suitable = articles.filter(
          (a) => a.productTags.length === 0 || a.productTags.some((t) => held.includes(t)),
        );
        const had = new Set<string>();
        const sent: string[] = [];
        for (let next = nextArticle(articles, had, held); next; next = nextArticle(articles, had, held)) {
          expect(had.has(next.articleId)).toBe(false);
          had.add(next.articleId);
          sent.push(next.articleId);
        }
        expect(sent).toEqual(suitable.map((a) => a.articleId));
      }),
    );
  });

  it("keeps to the campaign's topic and product tags", () => {
    const articles = [
      article('a', ['annuity']),
      article('b', [], 'risk-management'),
      article('c', ['medical', 'annuity']),
      article('d', ['medical'], 'risk-management'),
    ];
    expect(campaignArticles(articles, {}).map((a) => a.articleId)).toEqual(['a', 'b', 'c', 'd']);
    expect(campaignArticles(articles, { topic: 'risk-management' }).map((a) => a.articleId)).toEqual([
      'b',
      'd',
    ]);
    expect(campaignArticles(articles, { productTags: ['medical'] }).map((a) => a.articleId)).toEqual([
      'c',
      'd',
    ]);
    // an untagged article suits everyone; a tagged one only holders of the product
    expect(nextArticle(articles, new Set(), [])?.articleId).toBe('b');
    expect(nextArticle(articles, new Set(['a']), ['annuity'])?.articleId).toBe('b');
  });
});

describe('a content campaign in the planner', () => {
  const rule = { kind: 'knowledge', segmentId: SEGMENT, cadence: 'weekly' } as const;
  const knowledge: CampaignDefinition = {
    id: 'knowledge-weekly',
    title: 'Weekly knowledge',
    consent: 'marketing',
    holdWhileComplaintOpen: true,
    enabled: true,
    audience: rule,
    content: {
      'zh-CN': { headline: '{{articleTitle}}', body: '{{articleSummary}} 阅读全文：{{articleLink}}' },
      en: { headline: '{{articleTitle}}', body: '{{articleSummary}} Read more: {{articleLink}}' },
    },
  };
  const member = (over: Partial<CustomerProfileItem> & { products?: string[] } = {}) => ({
    customerId: 'C0001',
    name: '李四',
    language: 'zh-CN' as const,
    timeZone: 'Asia/Shanghai',
    preferredChannel: 'sms' as const,
    tier: 'gold' as const,
    consent: { service: true, marketing: true },
    products: ['medical'],
    ...over,
  });
  const articles = [article('a', ['annuity']), article('b', ['medical']), article('c')];
  const monday = { date: '2026-12-07', timeZone: 'Asia/Shanghai' };

  it('reads the segment in the zone on cadence days only', () => {
    expect(audienceQueries(knowledge, monday)).toEqual([
      { source: 'segment', segmentId: SEGMENT, timeZone: 'Asia/Shanghai' },
    ]);
    for (const cadence of contentCadences) {
      const campaign = { ...knowledge, audience: { ...rule, cadence } };
      expect(audienceQueries(campaign, { ...monday, date: '2026-12-09' })).toEqual([]); // a Wednesday
    }
  });

  it('sends each member the next article they have not had, wrapped in the campaign texts, one per day', () => {
    const [first, second, done, other] = decide(
      campaignCatalog,
      knowledge,
      monday,
      [
        { profile: member(), articlesHad: new Set() },
        { profile: member({ customerId: 'C0002' }), articlesHad: new Set(['b']) },
        { profile: member({ customerId: 'C0003', products: [] }), articlesHad: new Set(['c']) },
        { profile: member({ customerId: 'C0004', timeZone: 'Europe/London' }), articlesHad: new Set() },
      ],
      articles,
    );
    expect(first).toMatchObject({
      outcome: 'planned',
      articleId: 'b',
      dedupeKey: 'knowledge-weekly#2026-12-07#C0001',
      message: {
        content: {
          'zh-CN': { headline: '标题 b', body: '摘要 b 阅读全文：https://care.example.com/knowledge/b' },
          en: { headline: 'Title b', body: 'Summary b Read more: https://care.example.com/knowledge/b' },
        },
      },
    });
    expect(second).toMatchObject({ outcome: 'planned', articleId: 'c' });
    // had every article that suits them (no annuity, no medical): nothing; London is planned at its own 09:00
    expect(done).toBeUndefined();
    expect(other).toBeUndefined();
  });

  it('gives the claim of a customer whose relationship ended the end read with their profile', () => {
    const [ended, goingOn] = decide(
      campaignCatalog,
      knowledge,
      monday,
      [
        { profile: { ...member(), relationshipEndedAt: '2026-03-31' }, articlesHad: new Set() },
        { profile: member({ customerId: 'C0002' }), articlesHad: new Set() },
      ],
      articles,
    );
    expect(ended).toMatchObject({ outcome: 'planned', articleId: 'b', relationshipEndedAt: '2026-03-31' });
    expect(goingOn).toMatchObject({ outcome: 'planned', articleId: 'b' });
    expect(goingOn).not.toHaveProperty('relationshipEndedAt');
  });

  it('suppresses by the care rules before choosing anything to claim', () => {
    const [decision] = decide(
      campaignCatalog,
      knowledge,
      monday,
      [{ profile: member({ consent: { service: true, marketing: false } }), articlesHad: new Set() }],
      articles,
    );
    expect(decision).toMatchObject({ outcome: 'suppressed', reason: 'no-consent' });
    expect(decision).not.toHaveProperty('articleId');
  });
});
