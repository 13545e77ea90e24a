/**
 * Open feedback (畅通反馈渠道): suggestions, praise and questions from the public form, each routed
 * to a team with the date an answer is expected, and answered by staff. Feedback is never a
 * complaint: a text that reads like one is answered with the complaint path instead of being filed,
 * unless the customer, having been offered that path, asks for it to be kept as feedback.
 */
import type { BusinessCalendar } from '#shared/calendar/business-calendar';
import { feedbackAnswerRoute } from '#shared/contracts/events/feedback-answered';
import type { Team } from '#shared/contracts/vocabulary';
import { Conflict, Forbidden, NotFound, PreconditionFailed } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import type { FeedbackAnswer, FeedbackKind, FeedbackRequest } from './feedback-contracts';

/**
 * Words that make a text a complaint in the insurer's sense (an expression of dissatisfaction that
 * asks for a remedy): the customer is offered the complaint form, where the regulatory clocks run.
 */
const COMPLAINT_SIGNS = [
  /投诉|举报|不满|拒赔|拒绝理赔|欺骗|误导|退保|赔偿|维权|银保监|金融监管|12378/,
  /\b(complain(t|ts|ing)?|refund|compensat\w*|mis-?sold|unfair(ly)?|ombudsman|regulator|rejected my claim|claim (was )?(denied|declined))\b/i,
];

export function readsLikeComplaint(text: string): boolean {
  return COMPLAINT_SIGNS.some((sign) => sign.test(text));
}

/**
 * Which team answers: personal data to the privacy office, claims to the claims team, policies to
 * policy services, the rest to customer service.
 */
const TOPIC_TEAMS: readonly [RegExp, Team][] = [
  [/个人信息|隐私|\bprivacy\b|personal data/i, 'privacy-office'],
  [/理赔|赔付|报案|\bclaims?\b/i, 'claims'],
  [/保单|保全|续期|缴费|受益人|\bpolic(y|ies)\b|premium|beneficiar/i, 'policy-services'],
];

/** Business days within which an answer is expected: a question is answered sooner than the rest. */
export const ANSWER_BUSINESS_DAYS: Readonly<Record<FeedbackKind, number>> = {
  question: 2,
  suggestion: 5,
  praise: 5,
};

export function feedbackTeam(text: string): Team {
  return TOPIC_TEAMS.find(([topic]) => topic.test(text))?.[1] ?? 'customer-service';
}

/** Close of business of the n-th business day after receipt, in the company's calendar. */
export function answerDueAt(kind: FeedbackKind, receivedAt: Date, calendar: BusinessCalendar): string {
  return calendar.endOfNthBusinessDay(receivedAt, ANSWER_BUSINESS_DAYS[kind]).value.toISOString();
}

export interface Feedback {
  readonly feedbackId: string;
  readonly kind: FeedbackKind;
  readonly text: string;
  readonly team: Team;
  readonly state: 'open' | 'answered';
  readonly receivedAt: string;
  readonly answerDueAt: string;
  readonly language: string;
  readonly customer?: FeedbackRequest['customer'];
  readonly policyNumber?: string;
  /** Kept although it read like a complaint: the customer chose feedback over the complaint path. */
  readonly keptAsFeedback?: boolean;
  readonly answer?: { readonly text: string; readonly by: string; readonly at: string };
  /** The answer went to the contact the feedback gave (notify, once), on this channel. */
  readonly answerSentTo?: 'email' | 'sms';
  readonly version: number;
}

export interface FeedbackStore {
  /** Writes new feedback (never over an existing id). */
  create(feedback: Feedback): Promise<void>;
  /** The feedback, or undefined when there is none or its retention period is over at `now`. */
  get(feedbackId: string, now: Date): Promise<Feedback | undefined>;
  /**
   * Sets the answer when the feedback is still at `version`; false when it is not. With `sentTo`,
   * asks notify in the same write to send the answer to the feedback's contact.
   */
  answer(
    feedback: Feedback,
    answer: NonNullable<Feedback['answer']>,
    sentTo: Feedback['answerSentTo'],
  ): Promise<boolean>;
  /** A team's queue, soonest answer due first, without the feedback whose period is over at `now`. */
  queue(team: Team, state: 'open' | 'answered', limit: number, now: Date): Promise<Feedback[]>;
}

export interface FeedbackDeps {
  readonly feedback: FeedbackStore;
  readonly calendar: () => BusinessCalendar;
  readonly now: () => Date;
  readonly newId: () => string;
}

export type FeedbackOutcome =
  | { readonly filed: true; readonly feedback: Feedback }
  | { readonly filed: false; readonly complaintLike: true };

export async function receiveFeedback(
  request: FeedbackRequest,
  deps: FeedbackDeps,
): Promise<FeedbackOutcome> {
  const complaintLike = readsLikeComplaint(request.text);
  if (complaintLike && request.keepAsFeedback !== true) return { filed: false, complaintLike: true };
  const now = deps.now();
  const feedback: Feedback = {
    feedbackId: deps.newId(),
    kind: request.kind,
    text: request.text,
    team: feedbackTeam(request.text),
    state: 'open',
    receivedAt: now.toISOString(),
    answerDueAt: answerDueAt(request.kind, now, deps.calendar()),
    language: request.language ?? 'zh-CN',
    ...(request.customer && { customer: request.customer }),
    ...(request.policyNumber && { policyNumber: request.policyNumber }),
    ...(complaintLike && { keptAsFeedback: true }),
    version: 1,
  };
  await deps.feedback.create(feedback);
  return { filed: true, feedback };
}

/** Agents and leads see and answer their own team's feedback; admins any team's. */
function mayWork(principal: Principal, team: Team): boolean {
  return principal.role === 'admin' || principal.team === team;
}

export async function feedbackQueue(
  principal: Principal,
  team: Team | undefined,
  state: 'open' | 'answered',
  deps: FeedbackDeps,
): Promise<Feedback[]> {
  const wanted = team ?? (principal.team as Team | undefined);
  if (!wanted) return [];
  if (!mayWork(principal, wanted)) throw new Forbidden("Only the team's staff and admins see its feedback.");
  return deps.feedback.queue(wanted, state, 100, deps.now());
}

export async function answerFeedback(
  feedbackId: string,
  body: FeedbackAnswer,
  principal: Principal,
  deps: FeedbackDeps,
): Promise<Feedback> {
  const feedback = await deps.feedback.get(feedbackId, deps.now());
  // another team's feedback is as unknown to the caller as feedback that does not exist
  if (!feedback || !mayWork(principal, feedback.team)) throw new NotFound('No feedback with this id.');
  if (feedback.state === 'answered') throw new Conflict('This feedback has been answered already.');
  const answer = { text: body.text, by: principal.sub, at: deps.now().toISOString() };
  const sentTo = feedbackAnswerRoute(feedback.customer)?.channel;
  if (!(await deps.feedback.answer(feedback, answer, sentTo))) {
    throw new PreconditionFailed('This feedback changed while you answered it; read it again.');
  }
  return {
    ...feedback,
    state: 'answered',
    answer,
    ...(sentTo && { answerSentTo: sentTo }),
    version: feedback.version + 1,
  };
}
