/** The privacy use cases wired to the Privacy and Customers tables; one set per cold start. */
import { clock } from '#shared/clock';
import { newId } from '#shared/ids';
import type { PrivacyRequestDeps } from '../domain/privacy-requests';
import { contactDirectory } from './contact-directory';
import { dynamoRequestStore } from './dynamo-request-store';

export const privacyDeps: PrivacyRequestDeps = {
  requests: dynamoRequestStore,
  contacts: contactDirectory,
  clock,
  newId,
};
