/**
 * The exact key strings existing data was written with. The table modules may be reorganised, but
 * each of these must stay byte for byte (the only place outside the modules allowed to spell them),
 * or items already stored could no longer be found.
 */
import { describe, expect, it } from 'vitest';
import { eventIdOfOutboxKey, isOutboxKey, outboxKey } from '../outbox/outbox-keys';
import * as campaigns from './campaigns';
import * as complaints from './complaints';
import * as customers from './customers';
import * as messages from './messages';
import * as quality from './quality';

describe('Complaints keys', () => {
  it('are the formats stored so far', () => {
    expect(complaints.complaintKey('01J')).toEqual({ pk: 'COMPLAINT#01J', sk: 'COMPLAINT' });
    expect(complaints.referenceKey('CC-1')).toEqual({ pk: 'REFERENCE#CC-1', sk: 'REFERENCE' });
    expect(complaints.idempotencyKey('web', 'k1')).toEqual({ pk: 'IDEMPOTENCY#web#k1', sk: 'IDEMPOTENCY' });
    expect(complaints.idempotencyKeyOf('IDEMPOTENCY#hotline#call-7')).toBe('call-7');
    expect(complaints.timelineKey('01J', '2026-12-01T00:00:00.000Z', 'E1')).toEqual({
      pk: 'COMPLAINT#01J',
      sk: 'TIMELINE#2026-12-01T00:00:00.000Z#E1',
    });
    expect(complaints.TIMELINE_PREFIX).toBe('TIMELINE#');
    expect(complaints.clockKey('01J', 'resolve')).toEqual({ pk: 'COMPLAINT#01J', sk: 'CLOCK#resolve' });
    expect(complaints.CLOCK_PREFIX).toBe('CLOCK#');
    expect(complaints.attachmentKey('01J', '01K')).toEqual({ pk: 'COMPLAINT#01J', sk: 'ATTACHMENT#01K' });
    expect(complaints.timerKey('01J', 'resolve', 'warn-1')).toEqual({
      pk: 'COMPLAINT#01J',
      sk: 'TIMER#resolve#warn-1',
    });
    expect(complaints.sweepCheckpointKey).toEqual({ pk: 'SLA#SWEEP', sk: 'CHECKPOINT' });
    expect(complaints.statusLookupWindowKey('h1', 1_796_000_000_000)).toEqual({
      pk: 'LOOKUPS#h1#1796000000000',
      sk: 'LOOKUPS',
    });
    expect(complaints.teamQueuePartition('claims')).toBe('TEAM#claims');
    expect(complaints.customerHistoryKey('phone:h', '2026-12-01T00:00:00.000Z', '01J')).toEqual({
      gsi2pk: 'CUSTKEY#phone:h',
      gsi2sk: '2026-12-01T00:00:00.000Z#01J',
    });
    expect(complaints.receivedMonthKey('2026-12-01T00:00:00.000Z', '01J')).toEqual({
      gsi4pk: 'RECEIVED#2026-12',
      gsi4sk: '2026-12-01T00:00:00.000Z#01J',
    });
    expect(complaints.dueTimerPartition('2026-12-01T09')).toBe('TIMER#2026-12-01T09');
    expect(complaints.complaintSearchKeys({ phoneHash: 'ph', emailHash: 'eh', policyNumber: 'P1' })).toEqual({
      gsi5pk: 'PHONE#ph',
      gsi6pk: 'EMAIL#eh',
      gsi7pk: 'POLICY#P1',
    });
    expect(complaints.complaintSearchKeys({ emailHash: 'eh' })).toEqual({ gsi6pk: 'EMAIL#eh' });
    expect(complaints.openComplaintKey).toEqual({ gsi8pk: 'OPEN' });
    expect(complaints.complaintIdOfKey('COMPLAINT#01J')).toBe('01J');
    expect(complaints.dueTimerSortKey('2026-12-01T09:30:00.000Z', '01J', 'resolve', '0.5')).toBe(
      '2026-12-01T09:30:00.000Z#01J#resolve#0.5',
    );
    expect(complaints.dueTimerOfSortKey('2026-12-01T09:30:00.000Z#01J#resolve#0.5')).toEqual({
      at: '2026-12-01T09:30:00.000Z',
      complaintId: '01J',
      clock: 'resolve',
      key: '0.5',
    });
  });

  it('keep clocks sorted just before the complaint item (the report reads that range)', () => {
    expect(complaints.clockKey('01J', 'zzz').sk < complaints.complaintKey('01J').sk).toBe(true);
  });
});

describe('Customers keys', () => {
  it('are the formats stored so far', () => {
    expect(customers.customerProfileKey('C1')).toEqual({ pk: 'CUSTOMER#C1', sk: 'PROFILE' });
    expect(customers.policyKey('C1', 'P1')).toEqual({ pk: 'CUSTOMER#C1', sk: 'POLICY#P1' });
    expect(customers.complaintLinkKey('C1', '01J')).toEqual({ pk: 'CUSTOMER#C1', sk: 'COMPLAINT#01J' });
    expect(customers.customerLookupKey.policy('P1')).toEqual({ pk: 'POLICY#P1', sk: 'LOOKUP' });
    expect(customers.customerLookupKey.phone('h')).toEqual({ pk: 'PHONE#h', sk: 'LOOKUP' });
    expect(customers.timeZonesKey).toEqual({ pk: 'TIMEZONES', sk: 'SET' });
    expect(
      customers.profileIndexKeys({
        customerId: 'C1',
        timeZone: 'Asia/Shanghai',
        birthDate: '1958-03-02',
        lastContactAt: '2026-01-15T02:00:00Z',
      }),
    ).toEqual({
      gsi1pk: 'BDAY#03-02',
      gsi1sk: 'Asia/Shanghai#C1',
      gsi4pk: 'LASTCONTACT#2026-01-15',
      gsi4sk: 'Asia/Shanghai#C1',
      gsi5pk: 'ROSTER#Asia/Shanghai',
      gsi5sk: '1958-03-02#C1',
      gsi8pk: 'CONTACTMONTH#2026-01',
      gsi8sk: '2026-01-15#C1',
    });
    // never contacted: the sentinel, so every profile is in the last-contact index once
    expect(customers.contactMonthKeys({ customerId: 'C1', timeZone: 'Asia/Shanghai' })).toEqual({
      gsi8pk: 'CONTACTMONTH#never',
      gsi8sk: 'never#C1',
    });
    // NPS by score, health by tens (100 with the nineties), the sentinel without a score; the
    // sort key the effective zone first, then the customer (once the customer alone)
    const tz = 'Europe/London';
    expect([customers.npsIndexKeys('C1', tz, 9), customers.npsIndexKeys('C1', tz)]).toEqual([
      { gsi9pk: 'NPS#9', gsi9sk: 'Europe/London#C1' },
      { gsi9pk: 'NPS#none', gsi9sk: 'Europe/London#C1' },
    ]);
    expect([5, 55, 100, undefined].map((score) => customers.healthIndexKeys('C1', tz, score))).toEqual([
      { gsi10pk: 'HEALTH#00', gsi10sk: 'Europe/London#C1' },
      { gsi10pk: 'HEALTH#50', gsi10sk: 'Europe/London#C1' },
      { gsi10pk: 'HEALTH#90', gsi10sk: 'Europe/London#C1' },
      { gsi10pk: 'HEALTH#none', gsi10sk: 'Europe/London#C1' },
    ]);
    expect(customers.scoreIndexSortKeys('C1', tz)).toEqual({
      gsi9sk: 'Europe/London#C1',
      gsi10sk: 'Europe/London#C1',
    });
    expect(customers.scoreZoneRange(tz)).toEqual(['Europe/London#', 'Europe/London#~']);
    expect(
      customers.policyIndexKeys('C1', 'Asia/Shanghai', {
        policyNumber: 'P1',
        product: 'critical-illness',
        startDate: '2021-05-10',
        premiumDueDate: '2026-12-05',
        premiumAmount: 3600,
        status: 'in-force',
      }),
    ).toEqual({
      gsi3pk: 'ANNIV#05-10',
      gsi3sk: 'Asia/Shanghai#C1#P1',
      gsi2pk: 'DUE#2026-12-05',
      gsi2sk: 'Asia/Shanghai#C1#P1',
    });
  });
});

describe('Messages keys', () => {
  it('are the formats stored so far', () => {
    expect(messages.messageKey('k')).toEqual({ pk: 'MSG#k', sk: 'MSG' });
    expect(messages.suppressionKey('Ann@Example.com')).toEqual({
      pk: 'SUPPRESSED#ann@example.com',
      sk: 'SUPPRESSED',
    });
    expect(messages.frequencySlotKey('C1', 2)).toEqual({ pk: 'CAP#C1', sk: 'SLOT#2' });
    expect(messages.sendPermitKey('sms', 1700000000)).toEqual({ pk: 'RATE#sms#1700000000', sk: 'RATE' });
    expect(messages.complaintMessageListing('01J', new Date('2026-12-01T00:00:00Z'), 'k')).toEqual({
      gsi1pk: 'COMPLAINT#01J',
      gsi1sk: '2026-12-01T00:00:00.000Z#k',
    });
    expect(messages.customerMessageListing('C1', new Date('2026-12-01T00:00:00Z'), 'k')).toEqual({
      gsi3pk: 'CUSTOMER#C1',
      gsi3sk: '2026-12-01T00:00:00.000Z#k',
    });
    expect(messages.deferredPartition('2026-06-04T00')).toBe('DEFERRED#2026-06-04T00');
  });
});

describe('Campaigns keys', () => {
  it('are the formats stored so far', () => {
    expect(campaigns.runKey('birthday', '2026-05-20#Asia/Shanghai')).toEqual({
      pk: 'CAMPAIGN#birthday',
      sk: 'RUN#2026-05-20#Asia/Shanghai',
    });
    expect(campaigns.decisionKey('d', 'planned')).toEqual({ pk: 'DECISION#d', sk: 'PLANNED' });
    expect(campaigns.decisionKey('d', 'suppressed')).toEqual({ pk: 'DECISION#d', sk: 'SUPPRESSED' });
    expect(campaigns.followUpKey('2026-06-04', 'Asia/Shanghai', 'C1', '01J')).toEqual({
      pk: 'FOLLOWUP#2026-06-04',
      sk: 'Asia/Shanghai#C1#01J',
    });
    expect(campaigns.runMessageKey('d')).toEqual({ pk: 'RUNMSG#d', sk: 'OUTCOME' });
    expect(campaigns.demoSeedMarkerKey).toEqual({ pk: 'LOCAL#seed', sk: 'LOCAL#seed' });
  });
});

describe('outbox keys', () => {
  it('are the format stored so far', () => {
    expect(outboxKey('E1')).toEqual({ pk: 'OUTBOX#E1', sk: 'OUTBOX' });
    expect(eventIdOfOutboxKey('OUTBOX#E1')).toBe('E1');
    expect(isOutboxKey('OUTBOX#E1')).toBe(true);
    expect(isOutboxKey('COMPLAINT#E1')).toBe(false);
  });
});

describe("Quality keys of the regulators' returns", () => {
  it('are the formats stored so far, and a complaint keeps its shard', () => {
    expect(quality.returnCounterKey('cn-nfra', '2026-01', 3)).toEqual({
      pk: 'RETURNCOUNT#cn-nfra',
      sk: '2026-01#3',
    });
    expect(quality.returnCounterKey('', '2026-01', 0).pk).toBe('RETURNCOUNT#-');
    expect(quality.returnCoverageKey).toEqual({ pk: 'RETURNCOUNT', sk: 'COVERAGE' });
    expect(quality.returnRowKey('au-asic', '2026-01', 2, '01J')).toEqual({
      pk: 'RETURNROW#au-asic#2026-01#2',
      sk: 'COMPLAINT#01J',
    });
    expect(quality.returnOpenRowKey('au-asic', 1, undefined, '2025-12', '01J')).toEqual({
      gsi1pk: 'RETURNOPEN#au-asic#~#1',
      gsi1sk: '2025-12#01J',
    });
    expect(quality.returnOpenRowKey('au-asic', 1, '2026-02', '2025-12', '01J').gsi1pk).toBe(
      'RETURNOPEN#au-asic#2026-02#1',
    );
    // the shard is part of a row's key: a different spread would lose the rows already stored
    expect(['01J', '01K', '01L', '01M'].map(quality.returnShardOf)).toEqual([1, 2, 3, 0]);
  });
});
