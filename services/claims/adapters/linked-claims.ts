/** The claims a complaint links to, for triage and the case detail: its claim first, else its policy's. */
import { readLinkedJourney } from '#shared/aws/journey-reader';
import { type ClaimLink, claimContexts, namedClaimFirst } from '../domain/claim-context';

export async function linkedClaims(link: ClaimLink, now: Date) {
  const journey = await readLinkedJourney(link);
  if (!journey) return [];
  const claims = claimContexts(journey.policyNumber, journey.events, journey.states, now);
  return namedClaimFirst(claims, link.claimNumber);
}
