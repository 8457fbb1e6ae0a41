import type { Activity } from '@epr/policy';

/** How a referral reached the provider; what it may grant depends on it. */
export type ReferralSource = 'REFERRER' | 'PAPER_LETTER' | 'INTERFACE';

/** Who is recording the referral: their organisation, and which of the ways in their role allows. */
export interface ReferralRecorder {
  organisationOds: string;
  holds: (activity: Activity) => boolean;
}

/**
 * The one way this caller may record this referral, or null when there is none. A referral is verified by who sends
 * it: the referring organisation's clinician (who must also care for the patient, checked when it is written), or
 * the receiving organisation's booking office registering a paper letter, or the receiving organisation's interface.
 * Nobody else may name another organisation as the referrer, and nobody may record a referral into an
 * organisation they are not part of except as its referrer.
 */
export function referralSource(
  recorder: ReferralRecorder,
  referral: { referringOrganisation: string; receivingOrganisation: string },
): ReferralSource | null {
  const { organisationOds, holds } = recorder;
  if (holds('referrals.refer') && organisationOds === referral.referringOrganisation) return 'REFERRER';
  if (organisationOds !== referral.receivingOrganisation) return null;
  if (holds('referrals.register_letter')) return 'PAPER_LETTER';
  if (holds('referrals.receive_feed')) return 'INTERFACE';
  return null;
}

/** Why this caller may not record this referral, in words they can act on. */
export function refusalFor(recorder: ReferralRecorder, referral: { referringOrganisation: string; receivingOrganisation: string }): string {
  if (recorder.holds('referrals.refer')) {
    return `You refer from your own organisation: referringOrganisation must be ${recorder.organisationOds}, your role profile's organisation.`;
  }
  return `Only ${referral.receivingOrganisation}'s booking office or interface may record a referral it received; your role profile is at ${recorder.organisationOds}.`;
}

/** What a referral's relationships are made by (their `source_ref`): one per referral, redirected or not. */
export function referralSourceRef(referralId: string): string {
  return `referral:${referralId}`;
}
