/** Bodies and answers of the feedback routes: POST /v1/feedback (public) and the staff's queue and answer. */
import * as z from 'zod/mini';
import { E164, MAINLAND_MOBILE, POLICY_NUMBER } from '#shared/contracts/complaint-requests';
import { languages, teams } from '#shared/contracts/vocabulary';

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const feedbackKinds = ['suggestion', 'praise', 'question'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** How to answer: optional, since praise needs no answer; a question without a contact gets none. */
const FeedbackContact = z.strictObject({
  name: z.optional(text(1, 100)),
  phone: z.optional(
    z.string().check(
      z.trim(),
      z.overwrite((v) => v.replace(/[\s-]/g, '')),
      z.refine(
        (v) => MAINLAND_MOBILE.test(v) || E164.test(v),
        'Must be a mainland mobile number (11 digits, 1[3-9]…) or E.164 (+44…)',
      ),
    ),
  ),
  email: z.optional(
    z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email('Must be an email address')),
  ),
});

export const FeedbackRequest = z.strictObject({
  kind: z.enum(feedbackKinds),
  text: text(2, 5000),
  customer: z.optional(FeedbackContact),
  policyNumber: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.toUpperCase(),
        z.regex(POLICY_NUMBER, 'Must be a policy number such as P2024000123'),
      ),
  ),
  language: z.optional(z.enum(languages)),
  /**
   * Sent after the answer offered the complaint path: keep this as feedback all the same. Without
   * it a text that reads like a complaint is not filed.
   */
  keepAsFeedback: z.optional(z.boolean()),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

export const FeedbackAnswer = z.strictObject({ text: text(1, 5000) });
export type FeedbackAnswer = z.infer<typeof FeedbackAnswer>;

export const FeedbackPath = z.object({ feedbackId: text(1, 64) });
export const FeedbackQueueQuery = z.object({
  team: z.optional(z.enum(teams)),
  state: z.optional(z.enum(['open', 'answered'])),
});

/** The public answer: filed (with the team and when to expect an answer), or the complaint path offered. */
export const FeedbackReceived = z.object({
  status: z.enum(['received', 'complaint-suggested']),
  feedbackId: z.optional(z.string()),
  team: z.optional(z.string()),
  answerDueAt: z.optional(z.string()),
  complaintPath: z.optional(z.object({ href: z.string(), message: z.string() })),
});
