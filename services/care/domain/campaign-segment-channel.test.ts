/**
 * Authored campaigns' segment and channel, pure: the planner narrows the rule's audience to the
 * segment's members, and a chosen channel travels on the planned message (notify applies it only
 * where consent and contact allow: services/notify/domain/care-channel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CustomerProfileItem } from '#shared/contracts/customer-profile';
import { type CampaignDefinition, campaignById, campaignCatalog } from './campaign-definitions';
import type { Candidate } from './campaign-planner';
import { decisionsFor, planCampaign, type RunHeader } from './plan-campaigns';
import { SegmentNotFound } from './segments/segment-members';

const occasion = { date: '2026-03-02', timeZone: 'Asia/Shanghai' };
const born = (customerId: string): Candidate => ({
  profile: {
    customerId,
    name: '李四',
    birthDate: '1958-03-02',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: 'email',
    tier: 'gold',
    consent: { service: true, marketing: true },
  } as CustomerProfileItem,
});
const birthday = (over: Partial<CampaignDefinition>): CampaignDefinition => ({
  ...campaignById(campaignCatalog, 'birthday')!,
  ...over,
});

function store(members: string[]) {
  const asked: string[] = [];
  return {
    asked,
    audience: async () => ['C1', 'C2', 'C3'].map(born),
    articles: async () => [],
    segmentMembers: async (segmentId: string) => {
      asked.push(segmentId);
      return new Set(members);
    },
  };
}

describe('an authored campaign over a segment, on a channel', () => {
  it("plans only for the rule's audience that is in the segment", async () => {
    const s = store(['C2', 'C3', 'C9']);
    const decisions = await decisionsFor(
      campaignCatalog,
      birthday({ segmentId: 'gold-seniors' }),
      occasion,
      s,
    );
    expect(decisions.map((d) => d.profile.customerId).sort()).toEqual(['C2', 'C3']);
    expect(s.asked).toEqual(['gold-seniors']);
  });

  it('reads no segment without one, and keeps everyone the rule finds', async () => {
    const s = store([]);
    expect(await decisionsFor(campaignCatalog, birthday({}), occasion, s)).toHaveLength(3);
    expect(s.asked).toEqual([]);
  });

  it("carries an email or sms channel on the message; 'preferred' leaves the customer's own", async () => {
    const channelOf = async (channel: CampaignDefinition['channel']) => {
      const [decision] = await decisionsFor(campaignCatalog, birthday({ channel }), occasion, store([]));
      return decision?.outcome === 'planned' ? decision.message.channel : 'not planned';
    };
    expect(await channelOf('sms')).toBe('sms');
    expect(await channelOf('email')).toBe('email');
    expect(await channelOf('preferred')).toBeUndefined();
    expect(await channelOf(undefined)).toBeUndefined();
  });

  it('records the run of a campaign whose segment is gone as reaching nobody, and why', async () => {
    const runs: RunHeader[] = [];
    const gone = {
      ...store([]),
      segmentMembers: async (segmentId: string): Promise<ReadonlySet<string>> => {
        throw new SegmentNotFound(segmentId);
      },
      timeZones: async () => ['Asia/Shanghai'],
      openRun: async (header: RunHeader) => {
        runs.push(header);
      },
      recordDecisions: async () => ({}),
      runs: async () => [],
    };
    const report = await planCampaign(
      campaignCatalog,
      birthday({ segmentId: 'gold-seniors' }),
      occasion,
      gone,
      new Date('2026-03-02T01:00:00Z'),
    );
    expect(report).toMatchObject({ audience: 0, missingSegment: 'gold-seniors', newlyRecorded: {} });
    expect(runs).toEqual([expect.objectContaining({ outcome: 'segment-missing', audience: 0 })]);
  });

  it('records no run for a campaign whose segment exists and finds nobody today', async () => {
    const runs: RunHeader[] = [];
    const report = await planCampaign(
      campaignCatalog,
      birthday({ segmentId: 'gold-seniors' }),
      occasion,
      {
        ...store([]),
        timeZones: async () => [],
        openRun: async (header: RunHeader) => {
          runs.push(header);
        },
        recordDecisions: async () => ({}),
        runs: async () => [],
      },
      new Date('2026-03-02T01:00:00Z'),
    );
    expect(report).toMatchObject({ audience: 0 });
    expect(report).not.toHaveProperty('missingSegment');
    expect(runs).toEqual([]);
  });
});
