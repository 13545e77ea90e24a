/**
 * POST /v1/feedback (public, like the complaint form: validated, limited per client address) and
 * the staff's side: GET /v1/feedback (a team's queue, soonest answer due first) and
 * POST /v1/feedback/{feedbackId}/answer. Logs name the feedback id and team, never its text or contact.
 */
import { Unauthenticated } from '#shared/http/errors';
import type { Principal } from '#shared/http/principal';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { feedbackDeps } from '../adapters/deps';
import { admitFeedbackFrom } from '../adapters/feedback-limit';
import { answerFeedback, feedbackQueue, receiveFeedback } from '../domain/feedback';
import {
  FeedbackAnswer,
  FeedbackPath,
  FeedbackQueueQuery,
  FeedbackRequest,
} from '../domain/feedback-contracts';

function caller(principal: Principal | undefined): Principal {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return principal;
}

const COMPLAINT_PATH = {
  href: '/',
  message:
    'This reads like a complaint. File it on the complaint form, where it is answered within the regulatory deadlines; or send it again with keepAsFeedback: true to keep it as feedback. 您的内容像是一项投诉：请通过投诉表单提交，我们将在监管时限内处理；如仍希望作为意见反馈提交，请确认后再次提交。',
};

const receive = httpRoute({ body: FeedbackRequest }, async ({ body, sourceIp }) => {
  await admitFeedbackFrom(sourceIp);
  const outcome = await receiveFeedback(body, feedbackDeps);
  if (!outcome.filed) {
    logger.info('feedback reads like a complaint: complaint path offered', { kind: body.kind });
    return { status: 200, body: { status: 'complaint-suggested', complaintPath: COMPLAINT_PATH } };
  }
  const { feedbackId, team, answerDueAt, keptAsFeedback } = outcome.feedback;
  logger.info('feedback received', { feedbackId, kind: body.kind, team, keptAsFeedback });
  return {
    status: 201,
    body: { status: 'received', feedbackId, team, answerDueAt },
    headers: { location: `/v1/feedback/${feedbackId}` },
  };
});

const queue = httpRoute({ query: FeedbackQueueQuery }, async ({ query, principal }) => {
  const items = await feedbackQueue(caller(principal), query.team, query.state ?? 'open', feedbackDeps);
  return { status: 200, body: { items } };
});

const answer = httpRoute({ path: FeedbackPath, body: FeedbackAnswer }, async ({ path, body, principal }) => {
  const answered = await answerFeedback(path.feedbackId, body, caller(principal), feedbackDeps);
  logger.info('feedback answered', { feedbackId: answered.feedbackId, team: answered.team });
  return { status: 200, body: answered };
});

export const handler: typeof queue = ((event, context) => {
  switch (event.routeKey) {
    case 'POST /v1/feedback':
      return receive(event, context);
    case 'POST /v1/feedback/{feedbackId}/answer':
      return answer(event, context);
    default:
      return queue(event, context);
  }
}) as typeof queue;
