-- The services (specialties) a care team receives referrals for: a referral to one of them gives that team, not the
-- whole organisation, its legitimate relationship with the patient (README "Where relationships come from").
-- Looked up within one organisation (the (organisation_id, name) index), which has tens of teams, not millions.
ALTER TABLE "care_team" ADD COLUMN "referral_services" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
