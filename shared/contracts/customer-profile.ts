/**
 * The customer profile as other services read it from the Customers table (owned by the care
 * service), and the preferences a customer or an admin sets on top of the imported data.
 *
 * The insurer's core system is the source of the imported fields; the customer is the source of
 * their own preferences. Preferences live in their own attribute (`preferences`), which an import
 * never writes, so a nightly re-import can never undo an unsubscribe.
 */
import * as z from 'zod/mini';
import { type ImportedCustomer, TimeZone } from './customer-import';
import { type ConsentKind, consentKinds, contactChannels, languages } from './vocabulary';

export { type ConsentKind, consentKinds };
/**
 * Consent to messages by SMS at all, whatever their purpose: never imported, given until the
 * customer texts TD, STOP or 退订 (or an admin records it). Complaint correspondence is owed to the
 * customer regardless and still goes; care and claim messages go by email instead, or not at all.
 */
export type WithdrawableConsent = ConsentKind | 'sms';

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time such as 21:00'));

export const QuietHours = z.strictObject({ start: clockTime, end: clockTime });
export type QuietHours = z.infer<typeof QuietHours>;

/** What `PUT /v1/customers/{id}/preferences` accepts; every field optional, `null` clears an override. */
export const PreferencesUpdate = z.strictObject({
  preferredChannel: z.optional(z.enum(contactChannels)),
  language: z.optional(z.enum(languages)),
  timeZone: z.optional(TimeZone),
  consent: z.optional(
    z.strictObject({
      service: z.optional(z.boolean()),
      marketing: z.optional(z.boolean()),
      sms: z.optional(z.boolean()),
    }),
  ),
  quietHours: z.optional(z.nullable(QuietHours)),
});
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

/** Stored preferences: the overrides plus when and by whom (`customer` via unsubscribe, or an admin). */
export interface StoredPreferences extends Omit<PreferencesUpdate, 'quietHours'> {
  readonly quietHours?: QuietHours | null;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

/** The profile item as stored: the imported customer (without policies) and the overrides. */
export type CustomerProfileItem = Omit<ImportedCustomer, 'policies'> & {
  readonly preferences?: StoredPreferences;
  /** Complaints of this customer not yet resolved or closed (kept by the care service). */
  readonly openComplaints?: ReadonlySet<string> | readonly string[];
};

export interface EffectiveProfile {
  readonly customerId: string;
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  readonly birthDate?: string;
  readonly tier: ImportedCustomer['tier'];
  readonly language: ImportedCustomer['language'];
  readonly timeZone: string;
  readonly preferredChannel: ImportedCustomer['preferredChannel'];
  readonly consent: Record<ConsentKind, boolean>;
  /** Whether messages may go by SMS at all (see WithdrawableConsent). */
  readonly smsConsent: boolean;
  /** The customer's own quiet hours, or undefined for the default (21:00–08:00). */
  readonly quietHours?: QuietHours;
  readonly deceased: boolean;
  readonly blocked: boolean;
  readonly openComplaintCount: number;
  readonly lastContactAt?: string;
}

/** The profile with the customer's preferences applied over the imported fields. */
export function effectiveProfile(item: CustomerProfileItem): EffectiveProfile {
  const p = item.preferences ?? {};
  const open = item.openComplaints;
  return {
    customerId: item.customerId,
    name: item.name,
    phone: item.phone,
    email: item.email,
    birthDate: item.birthDate,
    tier: item.tier,
    language: p.language ?? item.language,
    timeZone: p.timeZone ?? item.timeZone,
    preferredChannel: p.preferredChannel ?? item.preferredChannel,
    consent: {
      service: p.consent?.service ?? item.consent.service,
      marketing: p.consent?.marketing ?? item.consent.marketing,
    },
    smsConsent: p.consent?.sms ?? true,
    quietHours: p.quietHours ?? undefined,
    deceased: item.flags?.deceased === true,
    blocked: item.flags?.blocked === true,
    openComplaintCount: open ? (open instanceof Set ? open.size : (open as string[]).length) : 0,
    lastContactAt: item.lastContactAt,
  };
}
