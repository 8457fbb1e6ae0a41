-- A referral may be withdrawn (by its referrer, or the receiving organisation's booking office or interface on
-- their behalf) while the patient waits for the first appointment: the clock closes as for a rejection, the
-- period counts in no report, and the referral's relationships end after the grace period.
ALTER TYPE "period_end_reason" ADD VALUE 'REFERRAL_WITHDRAWN';
ALTER TYPE "pathway_event_kind" ADD VALUE 'REFERRAL_WITHDRAWN';

ALTER TABLE "referral"
  ADD COLUMN "withdrawn_on" DATE,
  ADD COLUMN "withdrawn_at" TIMESTAMPTZ(3),
  ADD COLUMN "withdrawn_by" TEXT,
  ADD COLUMN "withdrawal_reason" TEXT;
