/**
 * How other services find a customer in the Customers table (owned by the care service): lookup
 * items keyed by policy number and by the keyed hash of a phone number, each naming the customer.
 */
export const customerLookupKey = {
  policy: (policyNumber: string) => ({ pk: `POLICY#${policyNumber}`, sk: 'LOOKUP' }),
  phone: (phoneHash: string) => ({ pk: `PHONE#${phoneHash}`, sk: 'LOOKUP' }),
};

export const customerProfileKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });
