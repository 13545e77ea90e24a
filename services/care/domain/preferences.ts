/**
 * A customer's own preferences over the imported profile: what an admin (or the customer, through
 * unsubscribe) changes, merged into the stored overrides, and the effective values the care
 * planner and notify act on. Pure: the adapter reads and writes the profile item.
 */
import {
  type CustomerProfileItem,
  effectiveProfile,
  type PreferencesUpdate,
  type StoredPreferences,
} from '#shared/contracts/customer-profile';
import type { ConsentChange } from '#shared/tables/customers';
import { overridableFields, type PreferencesView } from './care-responses';

export { overridableFields, type PreferencesView };
export type OverridableField = (typeof overridableFields)[number];

export function overriddenFields(p: StoredPreferences | undefined): OverridableField[] {
  if (!p) return [];
  const set: Record<OverridableField, boolean> = {
    preferredChannel: p.preferredChannel !== undefined,
    language: p.language !== undefined,
    timeZone: p.timeZone !== undefined,
    'consent.service': p.consent?.service !== undefined,
    'consent.marketing': p.consent?.marketing !== undefined,
    'consent.sms': p.consent?.sms !== undefined,
    quietHours: p.quietHours !== undefined && p.quietHours !== null,
  };
  return overridableFields.filter((f) => set[f]);
}

export function preferencesView(item: CustomerProfileItem, version: number): PreferencesView {
  const effective = effectiveProfile(item);
  return {
    customerId: effective.customerId,
    preferredChannel: effective.preferredChannel,
    language: effective.language,
    timeZone: effective.timeZone,
    consent: { ...effective.consent, sms: effective.smsConsent },
    quietHours: effective.quietHours ?? null,
    overridden: overriddenFields(item.preferences),
    ...(item.preferences?.updatedAt ? { updatedAt: item.preferences.updatedAt } : {}),
    ...(item.preferences?.updatedBy ? { updatedBy: item.preferences.updatedBy } : {}),
    version,
  };
}

/**
 * The stored overrides after an update: fields it names replace, consent merges per kind, and a
 * `null` quietHours removes the override (the default applies again). Who and when are recorded.
 */
export function mergePreferences(
  current: StoredPreferences | undefined,
  update: PreferencesUpdate,
  by: string,
  at: Date,
): StoredPreferences {
  const { quietHours, consent, ...simple } = update;
  const merged: Record<string, unknown> = { ...current, ...dropUndefined(simple) };
  if (consent) merged.consent = { ...current?.consent, ...dropUndefined(consent) };
  if (quietHours === null) delete merged.quietHours;
  else if (quietHours !== undefined) merged.quietHours = quietHours;
  merged.updatedAt = at.toISOString();
  merged.updatedBy = by;
  return merged as StoredPreferences;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The time zone planner runs find the customer under: their own, else the imported one. */
export function effectiveTimeZone(item: Pick<CustomerProfileItem, 'timeZone' | 'preferences'>): string {
  return item.preferences?.timeZone ?? item.timeZone;
}

const ownConsents = ['service', 'marketing', 'sms'] as const;

/**
 * The consent changes an update makes, for the profile's consent history: each consent the
 * customer's own choice now says differently than before (given anew, withdrawn, or first stated
 * over the imported value). Restating the same choice changes nothing and records nothing.
 */
export function consentChanges(
  before: StoredPreferences | undefined,
  after: StoredPreferences,
  by: string,
  at: Date,
): ConsentChange[] {
  return ownConsents.flatMap((consent) => {
    const given = after.consent?.[consent];
    if (given === undefined || given === before?.consent?.[consent]) return [];
    return [{ consent, given, at: at.toISOString(), by, via: 'preferences' as const }];
  });
}

export interface StoredProfile {
  readonly item: CustomerProfileItem & {
    readonly importHash?: string;
    readonly consentHistory?: readonly ConsentChange[];
  };
  /** Preferences version, 0 before the first change; the ETag of the preferences. */
  readonly version: number;
}

/** The profile item's preferences, behind a port so the use case stays free of DynamoDB. */
export interface PreferencesStore {
  read(customerId: string): Promise<StoredProfile | undefined>;
  /**
   * Writes the preferences and appends `changes` to the consent history in the same write. False
   * when the profile changed since `read` (another preferences write or an import).
   */
  write(
    current: StoredProfile,
    preferences: StoredPreferences,
    changes: readonly ConsentChange[],
  ): Promise<boolean>;
}

export class CustomerNotFound extends Error {}
export class StalePreferences extends Error {}

/**
 * Applies an update. With `ifMatch` the caller's view must still be current (412 otherwise);
 * without it a concurrent change is simply re-read and the update applied on top, because an
 * update names only the fields it changes.
 */
export async function changePreferences(
  store: PreferencesStore,
  input: { customerId: string; update: PreferencesUpdate; ifMatch?: number; by: string; at: Date },
): Promise<PreferencesView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.read(input.customerId);
    if (!current) throw new CustomerNotFound(input.customerId);
    if (input.ifMatch !== undefined && input.ifMatch !== current.version) throw new StalePreferences();
    const preferences = mergePreferences(current.item.preferences, input.update, input.by, input.at);
    const changes = consentChanges(current.item.preferences, preferences, input.by, input.at);
    if (await store.write(current, preferences, changes)) {
      return preferencesView({ ...current.item, preferences }, current.version + 1);
    }
  }
  throw new Error('preferences kept changing under the update; giving up');
}
