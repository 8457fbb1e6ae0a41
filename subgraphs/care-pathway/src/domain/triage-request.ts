import { badUserInput } from '@epr/platform';
import { requireOdsCode, requireText } from './input-rules.js';

export interface TriageReferralRequest {
  decision: 'ACCEPT' | 'REJECT' | 'REDIRECT';
  reason?: string | null;
  redirectTo?: { organisation: string; specialty: string } | null;
}

export type TriageCommand =
  | { decision: 'ACCEPT' }
  | { decision: 'REJECT'; reason: string }
  | { decision: 'REDIRECT'; reason: string; organisation: string; specialty: string };

/** A triage decision made complete: rejecting or redirecting needs a reason, redirecting a destination. */
export function validateTriage(input: TriageReferralRequest): TriageCommand {
  if (input.decision === 'ACCEPT') return { decision: 'ACCEPT' };
  const reason = requireText(
    input.reason ?? '',
    'input.reason',
    `A reason to ${input.decision === 'REJECT' ? 'reject' : 'redirect'}`,
    2000,
  );
  if (input.decision === 'REJECT') return { decision: 'REJECT', reason };
  if (!input.redirectTo)
    throw badUserInput('Say where the referral goes: redirectTo with an organisation and a specialty.', 'input.redirectTo');
  return {
    decision: 'REDIRECT',
    reason,
    organisation: requireOdsCode(input.redirectTo.organisation, 'input.redirectTo.organisation', 'The organisation redirected to'),
    specialty: requireText(input.redirectTo.specialty, 'input.redirectTo.specialty', 'The specialty redirected to', 100),
  };
}
