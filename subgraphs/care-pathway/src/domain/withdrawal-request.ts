import { requirePastDate, requireText } from './input-rules.js';
import type { CalendarDate } from './rtt/calendar-date.js';

export interface WithdrawReferralRequest {
  referralId: string;
  reason: string;
  withdrawnOn?: string | null;
}

export interface WithdrawalCommand {
  reason: string;
  withdrawnOn: CalendarDate;
}

/** A withdrawal made complete: a reason, and a date that is not in the future (today when none is given). */
export function validateWithdrawal(input: WithdrawReferralRequest, today: CalendarDate): WithdrawalCommand {
  return {
    reason: requireText(input.reason, 'input.reason', 'A reason to withdraw the referral', 2000),
    withdrawnOn: input.withdrawnOn ? requirePastDate(input.withdrawnOn, 'input.withdrawnOn', 'The date of withdrawal', today) : today,
  };
}
