/**
 * NPS (净推荐值): asked after a claim payment, a complaint's resolution and a customer event, at
 * most once per 90 days per customer whatever the touchpoint, and answered 0–10 through a signed
 * link. The cap is a conditional write of the customer's last ask, so two touchpoints at once, or
 * one event delivered twice, ask once.
 */

import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import type { NpsTouchpoint } from '#shared/contracts/events/nps-recorded';
import { Conflict, NotFound } from '#shared/domain/errors';

export const NPS_INTERVAL_DAYS = 90;
export const NPS_CAMPAIGN_ID = 'nps-survey';

/** Asks at or before this instant no longer hold a new one back. */
export const askCutoff = (now: Date) => new Date(now.getTime() - NPS_INTERVAL_DAYS * 86_400_000);

export interface NpsAsk {
  readonly askId: string;
  readonly customerId: string;
  readonly touchpoint: NpsTouchpoint;
  /** What the ask is about: the complaint, claim or customer event (never personal data). */
  readonly subject: string;
  /** The customer's segment when asked (their tier), so the report groups answers as they were. */
  readonly segment: string;
  readonly askedAt: string;
}

export interface NpsAnswer extends NpsAsk {
  readonly score: number;
  readonly comment?: string;
  readonly answeredAt: string;
}

export interface NpsStore {
  /**
   * Records the ask, moves the customer's last ask to it and queues the survey message, in one
   * transaction guarded by the cap; false when the cap refused it (asked within the interval).
   */
  ask(ask: NpsAsk, surveyUrl: string, profile: EffectiveProfile, cutoff: Date): Promise<boolean>;
  getAsk(askId: string): Promise<NpsAsk | undefined>;
  /** Stores the answer once, with the profile's latest `npsScore` and `nps.recorded`; false if answered. */
  answer(answer: NpsAnswer): Promise<boolean>;
  /** The answers given from `from` to `to` (dates), without those whose period is over at `now`. */
  answersBetween(from: string, to: string, now: Date): Promise<NpsAnswer[]>;
}

export interface NpsDeps {
  readonly nps: NpsStore;
  readonly profile: (customerId: string) => Promise<EffectiveProfile | undefined>;
  readonly surveyUrl: (askId: string) => Promise<string>;
  readonly now: () => Date;
  readonly newId: () => string;
}

export type AskOutcome = 'asked' | 'capped' | 'unknown-customer' | 'no-consent';

export async function askForNps(
  request: { customerId: string; touchpoint: NpsTouchpoint; subject: string },
  deps: NpsDeps,
): Promise<AskOutcome> {
  const profile = await deps.profile(request.customerId);
  if (!profile || profile.deceased) return 'unknown-customer';
  // a survey is a service message: without that consent we do not even spend the customer's cap
  if (!profile.consent.service) return 'no-consent';
  const now = deps.now();
  const ask: NpsAsk = {
    askId: deps.newId(),
    customerId: request.customerId,
    touchpoint: request.touchpoint,
    subject: request.subject,
    segment: profile.tier,
    askedAt: now.toISOString(),
  };
  const asked = await deps.nps.ask(ask, await deps.surveyUrl(ask.askId), profile, askCutoff(now));
  return asked ? 'asked' : 'capped';
}

export async function answerNps(
  askId: string,
  body: { score: number; comment?: string },
  deps: Pick<NpsDeps, 'nps' | 'now'>,
): Promise<NpsAnswer> {
  const ask = await deps.nps.getAsk(askId);
  if (!ask) throw new NotFound('This survey link is unknown.');
  const answer: NpsAnswer = {
    ...ask,
    score: body.score,
    ...(body.comment && { comment: body.comment }),
    answeredAt: deps.now().toISOString(),
  };
  if (!(await deps.nps.answer(answer)))
    throw new Conflict('This survey has been answered already. 您已提交过评分。');
  return answer;
}

/** The survey message's text per language: the question and the link. */
export function surveyContent(url: string): Record<string, { headline: string; body: string }> {
  return {
    'zh-CN': {
      headline: '您有多大可能向亲友推荐我们？',
      body: `请用 0–10 分告诉我们您向亲友推荐我们的可能性：${url}`,
    },
    en: {
      headline: 'How likely are you to recommend us?',
      body: `On a scale of 0 to 10, how likely are you to recommend us to a friend? ${url}`,
    },
  };
}
