/** The authoring rules on their own: four eyes, the states an action needs, what the planner runs. */
import { describe, expect, it } from 'vitest';
import { campaignCatalog } from '../campaign-definitions';
import {
  AuthorCannotApprove,
  actionTaken,
  CampaignRefused,
  draftWritten,
  runnable,
  seedOf,
} from './campaign-authoring';

const { enabled: _enabled, ...birthday } = campaignCatalog.campaigns.find((c) => c.id === 'birthday')!;
const at = '2026-12-07T02:00:00Z';

describe('campaign authoring', () => {
  it('refuses the author their own approval and lets a second admin make the draft the running version', () => {
    const { head, version } = draftWritten(undefined, { ...birthday, id: 'note' }, 'ada', at);
    expect(head).toMatchObject({ status: 'draft', latestVersion: 1, pendingVersion: 1, revision: 1 });
    expect(runnable([head])).toEqual([]);
    expect(() => actionTaken(head, 'approve', 'ada', at, version)).toThrow(AuthorCannotApprove);
    const approved = actionTaken(head, 'approve', 'bo', at, version);
    expect(approved).toMatchObject({ status: 'active', activeVersion: 1, revision: 2 });
    expect(approved.pendingVersion).toBeUndefined();
    expect(runnable([approved]).map((r) => [r.definition.id, r.label])).toEqual([['note', 'v1']]);
  });

  it('keeps the running version while a new one waits, and runs nothing paused or retired', () => {
    const [seeded] = seedOf(
      { ...campaignCatalog, campaigns: [{ ...birthday, id: 'note', enabled: true }] },
      at,
    );
    const { head, version } = draftWritten(seeded!.head, { ...birthday, id: 'note', title: 'v2' }, 'ada', at);
    expect(head).toMatchObject({ activeVersion: 1, pendingVersion: 2, status: 'active' });
    expect(runnable([head])[0]!.label).toBe(campaignCatalog.version);
    const paused = actionTaken(head, 'pause', 'bo', at);
    expect(runnable([paused])).toEqual([]);
    expect(() => actionTaken(paused, 'pause', 'bo', at)).toThrow(CampaignRefused);
    // approving while paused keeps it paused
    expect(actionTaken(paused, 'approve', 'bo', at, version)).toMatchObject({
      status: 'paused',
      activeVersion: 2,
    });
    const retired = actionTaken(actionTaken(paused, 'resume', 'bo', at), 'retire', 'bo', at);
    expect(runnable([retired])).toEqual([]);
    expect(() => actionTaken(retired, 'resume', 'bo', at)).toThrow(CampaignRefused);
    expect(() => draftWritten(retired, { ...birthday, id: 'note' }, 'ada', at)).toThrow(CampaignRefused);
  });
});
