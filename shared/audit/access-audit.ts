/**
 * The access audit: every read of unmasked personal data (a case detail shown in full, a search by
 * phone or email, a privacy export) is recorded — who, what, when, why — in the append-only
 * AccessAudit table. An entry never holds the personal data itself (no name, phone or email; the
 * subject is named by ids only). Writers get PutItem alone (the topology's 'append'), and each put
 * is conditioned on a new key, so an entry once written is never replaced.
 */
import { randomUUID } from 'node:crypto';
import { dynamo, PutCommand, tableName } from '../aws/dynamo';
import { clock } from '../clock';
import type { Principal } from '../domain/principal';
import { auditEntryKey } from '../tables/privacy';

export const auditedReads = ['case-detail', 'case-search', 'privacy-export'] as const;
export type AuditedRead = (typeof auditedReads)[number];

export interface AccessAuditEntry {
  readonly auditId: string;
  readonly at: string;
  /** The staff member (token subject), their role and team. */
  readonly by: { readonly sub: string; readonly role: string; readonly team?: string };
  readonly read: AuditedRead;
  /** Whose data, by id only. */
  readonly subject: {
    readonly complaintId?: string;
    readonly customerId?: string;
    readonly requestId?: string;
  };
  /** The purpose: the work the read served. */
  readonly why: string;
  /** The API request it happened in (for correlating with the platform's own logs). */
  readonly apiRequestId?: string;
}

/** Audit entries are kept 6 years (docs/privacy.md, services/privacy/rules/retention.json). */
const AUDIT_RETENTION_SECONDS = 6 * 366 * 86_400;

export async function recordAccess(
  principal: Principal,
  read: AuditedRead,
  subject: AccessAuditEntry['subject'],
  why: string,
  apiRequestId?: string,
): Promise<AccessAuditEntry> {
  const now = clock.now();
  const entry: AccessAuditEntry = {
    auditId: randomUUID(),
    at: now.toISOString(),
    by: { sub: principal.sub, role: principal.role, ...(principal.team ? { team: principal.team } : {}) },
    read,
    subject,
    why,
    ...(apiRequestId ? { apiRequestId } : {}),
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName('AccessAudit'),
      Item: {
        ...auditEntryKey(entry.at, entry.auditId),
        kind: 'access-audit',
        ...entry,
        expiresAt: Math.floor(now.getTime() / 1000) + AUDIT_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return entry;
}
