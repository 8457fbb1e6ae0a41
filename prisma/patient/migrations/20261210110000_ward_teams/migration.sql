-- Which care teams are wards. An admission relates the team of the ward it names (README "Where relationships come
-- from"); matching the ward against every team code let a booking clerk or a feed "admit" a patient to any team —
-- cardiology, liaison psychiatry, a GP practice — and open the record to it with no alert. Only a team marked as a
-- ward is one now; any other ward name falls back to the organisation, which is alerted (ADMISSION_ORGANISATION_WIDE).
-- Existing wards must be marked by whoever loads the directory (`UPDATE patient.care_team SET is_ward = true …`);
-- until then their admissions relate the organisation, alerted: the safe side.
ALTER TABLE "care_team" ADD COLUMN "is_ward" BOOLEAN NOT NULL DEFAULT false;
