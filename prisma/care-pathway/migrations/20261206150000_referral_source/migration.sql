-- How a referral reached the provider, which decides what it may grant (README "Where relationships come from").
-- Null on referrals recorded before the source was kept.
CREATE TYPE "referral_source" AS ENUM ('REFERRER', 'PAPER_LETTER', 'INTERFACE');

ALTER TABLE "referral" ADD COLUMN "source" "referral_source";
