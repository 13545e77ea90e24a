/**
 * What notify reads about a complaint: the complaint, the customer's time zone, the latest request.
 * An expired profile (past its `expiresAt`) gives no time zone, as a purged one would not.
 */

import { readComplaint } from '#shared/aws/complaint-reader';
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import { customerLinkUrl } from '#shared/links/customer-links';
import { complaintKey, TIMELINE_PREFIX } from '#shared/tables/complaints';
import { customerProfileKey } from '#shared/tables/customers';
import type { ComplaintContext } from '../domain/compose';
import { DEFAULT_TIME_ZONE } from '../domain/message-types';
import { type RegulatorRegime, regulatorContact } from '../domain/regulator-contacts';

/** The regime whose escalation route a customer is told about, from where they live. */
export function regimeOf(timeZone: string): RegulatorRegime {
  if (timeZone === 'Europe/London') return 'uk-fca';
  if (timeZone.startsWith('Australia/')) return 'au-asic';
  return 'cn-nfra';
}

export async function loadComplaintContext(
  complaintId: string,
  timelineAction?: string,
): Promise<ComplaintContext | undefined> {
  const complaints = tableName('Complaints');
  const complaint = await readComplaint(complaintId);
  if (!complaint) return undefined;
  const [profile, timeline] = await Promise.all([
    complaint.customerId
      ? getUnexpired(
          {
            TableName: tableName('Customers'),
            Key: customerProfileKey(complaint.customerId),
            // timeZone is a DynamoDB reserved word; the customer's own choice wins over the import
            ProjectionExpression: '#tz, preferences.#tz',
            ExpressionAttributeNames: { '#tz': 'timeZone' },
          },
          clock.now(),
        )
      : undefined,
    timelineAction
      ? dynamo().send(
          new QueryCommand({
            TableName: complaints,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :timeline)',
            ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk, ':timeline': TIMELINE_PREFIX },
            ScanIndexForward: false,
            ConsistentRead: true,
          }),
        )
      : undefined,
  ]);
  const latest = timeline?.Items?.find((entry) => entry.action === timelineAction);
  const detail = latest?.detail as { message?: string; reason?: string } | undefined;
  const timeZone =
    (profile?.preferences?.timeZone as string | undefined) ??
    (profile?.timeZone as string | undefined) ??
    DEFAULT_TIME_ZONE;
  return {
    complaint,
    timeZone,
    latestTimelineText: detail?.message ?? detail?.reason,
    regulatorContact: regulatorContact(regimeOf(timeZone), complaint.language),
    statusUrl: await customerLinkUrl(complaint.reference, 'status'),
  };
}
