/**
 * The post-event survey: each guest who checked in is asked for an NPS answer (touchpoint `event`)
 * once the event is over, at a civil hour of their own day. Checking in plans it (a due pointer on
 * the invitation); the hourly care planner asks the ones due, each in one transaction that takes
 * the pointer away with the ask (or with the reason none went), so a rerun of the hour, a
 * redelivery or a clock jump asks nobody twice. The 90-day NPS cap still decides whether it goes.
 */
import { addDays } from '#shared/calendar/local-date';
import { instantIn, localDateIn, wallClockIn } from '#shared/calendar/zoned-time';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import { askCutoff, type NpsAsk } from './nps';

/** An event without an end given is over this long after it starts. */
export const DEFAULT_EVENT_HOURS = 2;
/** Surveys fall due from 09:00 to 19:00 the guest's time; the hourly run asks them by 20:00. */
export const SURVEY_FROM = '09:00';
const SURVEY_LAST_HOUR = 19;

const HOUR_MS = 3_600_000;

/** When the event is over: its `endsAt`, or the default duration after its start. */
export const endOf = (event: { startsAt: string; endsAt?: string }) =>
  event.endsAt ?? new Date(Date.parse(event.startsAt) + DEFAULT_EVENT_HOURS * HOUR_MS).toISOString();

export interface PlannedSurvey {
  /** The instant it falls due (ISO). */
  readonly at: string;
  readonly timeZone: string;
}

/**
 * When a guest checked in at `now` is asked: once the event is over (and not before now), moved to
 * 09:00 when that falls in the guest's night (before 09:00, or after 19:00 to the next morning).
 */
export function surveyDueAt(endsAt: string, timeZone: string, now: Date): PlannedSurvey {
  const earliest = new Date(Math.max(Date.parse(endsAt), now.getTime()));
  const { hour, minute, second } = wallClockIn(earliest.getTime(), timeZone);
  const day = localDateIn(earliest, timeZone);
  const lateEvening = hour > SURVEY_LAST_HOUR || (hour === SURVEY_LAST_HOUR && (minute > 0 || second > 0));
  const at =
    hour < 9
      ? instantIn(day, SURVEY_FROM, timeZone)
      : lateEvening
        ? instantIn(addDays(day, 1), SURVEY_FROM, timeZone)
        : earliest;
  return { at: at.toISOString(), timeZone };
}

export interface DueSurvey {
  readonly eventId: string;
  readonly customerId: string;
  readonly at: string;
}

/** Why a due survey was not asked, kept on the invitation. */
export type SurveyOutcome = 'asked' | 'capped' | 'no-consent' | 'unknown-customer';

export interface EventSurveyStore {
  /** The pointers due at `now` since the last sweep (and whether this is the first sweep ever). */
  dueSurveys(now: Date): Promise<DueSurvey[]>;
  /**
   * Asks (the NPS ask, the cap, the survey message and the event's `surveysAsked`) and takes the
   * pointer away in one transaction: `capped` when the 90-day cap held it back (the pointer is then
   * taken away with that outcome), `gone` when the pointer was taken away already.
   */
  ask(
    due: DueSurvey,
    ask: NpsAsk,
    surveyUrl: string,
    profile: EffectiveProfile,
    cutoff: Date,
  ): Promise<'asked' | 'capped' | 'gone'>;
  /** Takes the pointer away with the reason no survey went; false when it was gone already. */
  settle(due: DueSurvey, outcome: Exclude<SurveyOutcome, 'asked'>): Promise<boolean>;
  advanceCheckpoint(now: Date): Promise<void>;
}

export interface EventSurveyDeps {
  readonly surveys: EventSurveyStore;
  readonly profile: (customerId: string) => Promise<EffectiveProfile | undefined>;
  readonly surveyUrl: (askId: string) => Promise<string>;
  readonly newId: () => string;
}

/** The surveys due at the scheduled hour `at`, asked (or settled with the reason they were not). */
export async function askDueSurveys(at: Date, deps: EventSurveyDeps) {
  const due = await deps.surveys.dueSurveys(at);
  const tally: Record<SurveyOutcome, number> = {
    asked: 0,
    capped: 0,
    'no-consent': 0,
    'unknown-customer': 0,
  };
  for (const survey of due) {
    const profile = await deps.profile(survey.customerId);
    const refusal: Exclude<SurveyOutcome, 'asked' | 'capped'> | undefined =
      !profile || profile.deceased
        ? 'unknown-customer'
        : // a survey is a service message: without that consent the customer's cap is not spent
          !profile.consent.service
          ? 'no-consent'
          : undefined;
    if (refusal) {
      if (await deps.surveys.settle(survey, refusal)) tally[refusal]++;
      continue;
    }
    const ask: NpsAsk = {
      askId: deps.newId(),
      customerId: survey.customerId,
      touchpoint: 'event',
      subject: survey.eventId,
      segment: profile!.tier,
      askedAt: at.toISOString(),
    };
    const outcome = await deps.surveys.ask(
      survey,
      ask,
      await deps.surveyUrl(ask.askId),
      profile!,
      askCutoff(at),
    );
    if (outcome !== 'gone') tally[outcome]++;
  }
  await deps.surveys.advanceCheckpoint(at);
  return { due: due.length, ...tally };
}
