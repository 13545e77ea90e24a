/**
 * The backfill of retention periods on DynamoDB Local: each item of a kind with a period
 * (rules/retention.json) written without an end gets its rule's days after the instant the rule
 * counts from (the item's own, its event's start, or the pass's moment); an item with an end keeps
 * it, one without its instant is left alone, kinds without a period or counting from the end of a
 * customer's relationship are not touched, and a second pass sets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import type { TableId } from '#shared/contracts/tables';
import {
  articleClaimKey,
  decisionKey,
  followUpKey,
  runKey,
  runMessageKey,
  segmentKey,
} from '#shared/tables/campaigns';
import { privacyRequestKey, requestAlertKey } from '#shared/tables/privacy';
import {
  customerEventKey,
  feedbackKey,
  feedbackLimitKey,
  invitationKey,
  invitationPageKey,
  npsAnswerKey,
  npsAskKey,
  npsCapKey,
  reminderSweepCheckpointKey,
  rsvpLinkKey,
} from '#shared/tables/relationship';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { startTestCloud } from '../../../test/support/local-cloud';
import { backfillRetentionPeriods } from '../adapters/backfill-retention-periods';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const DAY = 86_400;
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
/** An end set already (by a writer since the period, say): the backfill leaves it. */
const ENDED = seconds('2040-01-01T00:00:00.000Z');
/**
 * The moment of the pass: a run-message outcome counts its period from it. Given, not set on the
 * cloud's clock: the local scheduler freezes that clock at each occurrence it catches up on.
 */
const NOW = '2027-01-15T09:30:00.000Z';
const STARTS_AT = '2026-12-20T06:00:00.000Z';

type Key = { readonly pk: string; readonly sk: string };

async function seed(table: TableId, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25)
    await dynamo().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName(table)]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
}

async function endOf(table: TableId, key: Key): Promise<number | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(table), Key: key, ConsistentRead: true }),
  );
  expect(Item, `${key.pk} ${key.sk}`).toBeDefined();
  return Item!.expiresAt as number | undefined;
}

const campaigns = {
  decided: decisionKey('birthday#2026-03-10#C1', 'planned'),
  undecided: decisionKey('birthday#2026-03-10#C2', 'suppressed'),
  followUp: followUpKey('2026-04-01', 'Asia/Shanghai', 'C1', 'CMP1'),
  misdated: followUpKey('2026-04-02', 'Asia/Shanghai', 'C2', 'CMP2'),
  outcome: runMessageKey('birthday#2026-03-10#C1'),
  ended: runMessageKey('birthday#2026-03-10#C3'),
  // kinds without a period
  run: runKey('birthday', '2026-03-10#Asia/Shanghai'),
  segment: segmentKey('S1'),
  // counts from the customer's end of relationship, written with it (never backfilled)
  claim: articleClaimKey('C1', 'A1'),
};

const relationship = {
  feedback: feedbackKey('F1'),
  cap: npsCapKey('C1'),
  ask: npsAskKey('ASK1'),
  answer: npsAnswerKey('ASK1'),
  invitation: invitationKey('E1', 'C1'),
  secondInvitation: invitationKey('E1', 'C2'),
  page: invitationPageKey('E1', 0),
  link: rsvpLinkKey('I-E1-C1'),
  // its event is not there (nor its start): nothing to count from
  orphan: invitationKey('E-GONE', 'C1'),
  // kinds without a period
  event: customerEventKey('E1'),
  limit: feedbackLimitKey('client-1', 1_760_000_000_000),
  checkpoint: reminderSweepCheckpointKey,
};

const privacy = {
  completed: privacyRequestKey('R1'),
  // kept while open: nothing to count from
  open: privacyRequestKey('R2'),
  // a period given with its request's completion, none of its own
  alert: requestAlertKey('R2', 'due-soon'),
};

describe('the retention period backfill', () => {
  it('gives each item of a kind with a period its rule’s end, once', async () => {
    await seed('Campaigns', [
      { ...campaigns.decided, kind: 'campaign-decision', decidedAt: '2026-03-10T01:00:00.000Z' },
      { ...campaigns.undecided, kind: 'campaign-decision' },
      { ...campaigns.followUp, kind: 'follow-up', dueDate: '2026-04-01' },
      { ...campaigns.misdated, kind: 'follow-up', dueDate: 'not a date' },
      { ...campaigns.outcome, kind: 'run-message-outcome', counter: 'delivered' },
      { ...campaigns.ended, kind: 'run-message-outcome', counter: 'delivered', expiresAt: ENDED },
      { ...campaigns.run, startedAt: '2026-03-10T01:00:00.000Z' },
      { ...campaigns.claim, claimedAt: '2026-03-10T01:00:00.000Z' },
      { ...campaigns.segment, name: 'Birthdays' },
    ]);
    await seed('Relationship', [
      { ...relationship.feedback, feedbackId: 'F1', receivedAt: '2026-05-01T10:00:00.000Z' },
      { ...relationship.cap, askedAt: '2026-06-01T02:00:00.000Z', askId: 'ASK1' },
      { ...relationship.ask, askId: 'ASK1', askedAt: '2026-06-01T02:00:00.000Z' },
      { ...relationship.answer, askId: 'ASK1', answeredAt: '2026-06-03T12:00:00.000Z' },
      { ...relationship.event, eventId: 'E1', startsAt: STARTS_AT, createdAt: '2026-12-01T00:00:00.000Z' },
      {
        ...relationship.invitation,
        eventId: 'E1',
        customerId: 'C1',
        invitationId: 'I-E1-C1',
        state: 'invited',
      },
      {
        ...relationship.secondInvitation,
        eventId: 'E1',
        customerId: 'C2',
        invitationId: 'I-E1-C2',
        state: 'invited',
      },
      { ...relationship.page, offset: 0 },
      { ...relationship.link, eventId: 'E1', customerId: 'C1' },
      {
        ...relationship.orphan,
        eventId: 'E-GONE',
        customerId: 'C1',
        invitationId: 'I-GONE',
        state: 'invited',
      },
      { ...relationship.limit, count: 3 },
      { ...relationship.checkpoint, hour: '2026-12-19T01' },
    ]);
    await seed('Privacy', [
      { ...privacy.completed, status: 'completed', completedAt: '2026-12-10T08:00:00.000Z' },
      { ...privacy.open, status: 'open' },
      { ...privacy.alert, stage: 'due-soon', at: '2026-12-28T01:00:00.000Z' },
    ]);

    const counts = (set: number, already: number, undated: number) => ({ set, already, undated });
    expect(await backfillRetentionPeriods({ now: new Date(NOW) })).toEqual([
      { table: 'Campaigns', kind: 'campaign-decision', ...counts(1, 0, 1) },
      { table: 'Campaigns', kind: 'follow-up', ...counts(1, 0, 1) },
      { table: 'Campaigns', kind: 'run-message-outcome', ...counts(1, 1, 0) },
      { table: 'Relationship', kind: 'feedback', ...counts(1, 0, 0) },
      { table: 'Relationship', kind: 'nps-cap', ...counts(1, 0, 0) },
      { table: 'Relationship', kind: 'nps-ask', ...counts(1, 0, 0) },
      { table: 'Relationship', kind: 'nps-answer', ...counts(1, 0, 0) },
      { table: 'Relationship', kind: 'invitation', ...counts(2, 0, 1) },
      { table: 'Relationship', kind: 'invitation-page', ...counts(1, 0, 0) },
      { table: 'Relationship', kind: 'rsvp-link', ...counts(1, 0, 0) },
      { table: 'Privacy', kind: 'privacy-request', ...counts(1, 0, 1) },
    ]);

    const ends = async (table: TableId, keys: Record<string, Key>) =>
      Object.fromEntries(
        await Promise.all(Object.entries(keys).map(async ([name, key]) => [name, await endOf(table, key)])),
      );
    const eventEnd = seconds(STARTS_AT) + 365 * DAY;
    expect(await ends('Campaigns', campaigns)).toEqual({
      decided: seconds('2026-03-10T01:00:00.000Z') + 365 * DAY,
      undecided: undefined,
      // a due date counts from its midnight, UTC
      followUp: seconds('2026-04-01T00:00:00.000Z') + 30 * DAY,
      misdated: undefined,
      outcome: seconds(NOW) + 365 * DAY,
      ended: ENDED,
      run: undefined,
      claim: undefined,
      segment: undefined,
    });
    expect(await ends('Relationship', relationship)).toEqual({
      feedback: seconds('2026-05-01T10:00:00.000Z') + 730 * DAY,
      cap: seconds('2026-06-01T02:00:00.000Z') + 91 * DAY,
      ask: seconds('2026-06-01T02:00:00.000Z') + 180 * DAY,
      answer: seconds('2026-06-03T12:00:00.000Z') + 1096 * DAY,
      invitation: eventEnd,
      secondInvitation: eventEnd,
      page: eventEnd,
      link: eventEnd,
      orphan: undefined,
      event: undefined,
      limit: undefined,
      checkpoint: undefined,
    });
    expect(await ends('Privacy', privacy)).toEqual({
      // six years, never short: 2192 days
      completed: seconds('2026-12-10T08:00:00.000Z') + 2192 * DAY,
      open: undefined,
      alert: undefined,
    });

    // a later pass, however much later, finds every end set and moves none
    expect(await backfillRetentionPeriods({ now: new Date('2027-06-01T00:00:00.000Z') })).toEqual([
      { table: 'Campaigns', kind: 'campaign-decision', ...counts(0, 1, 1) },
      { table: 'Campaigns', kind: 'follow-up', ...counts(0, 1, 1) },
      { table: 'Campaigns', kind: 'run-message-outcome', ...counts(0, 2, 0) },
      { table: 'Relationship', kind: 'feedback', ...counts(0, 1, 0) },
      { table: 'Relationship', kind: 'nps-cap', ...counts(0, 1, 0) },
      { table: 'Relationship', kind: 'nps-ask', ...counts(0, 1, 0) },
      { table: 'Relationship', kind: 'nps-answer', ...counts(0, 1, 0) },
      { table: 'Relationship', kind: 'invitation', ...counts(0, 2, 1) },
      { table: 'Relationship', kind: 'invitation-page', ...counts(0, 1, 0) },
      { table: 'Relationship', kind: 'rsvp-link', ...counts(0, 1, 0) },
      { table: 'Privacy', kind: 'privacy-request', ...counts(0, 1, 1) },
    ]);
    expect(await endOf('Campaigns', campaigns.outcome)).toBe(seconds(NOW) + 365 * DAY);
  });
});
