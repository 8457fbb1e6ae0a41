-- Written by hand (Prisma cannot express it): extensions for fuzzy and phonetic name search. They live in the
-- shared `extensions` schema and are referenced qualified, so another subgraph can create and use them the same
-- way (an extension exists once per database; IF NOT EXISTS makes a second CREATE a no-op).
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA extensions;

-- CreateEnum
CREATE TYPE "sex" AS ENUM ('MALE', 'FEMALE', 'INDETERMINATE', 'NOT_KNOWN');

-- CreateEnum
CREATE TYPE "gender_identity" AS ENUM ('MALE', 'FEMALE', 'NON_BINARY', 'OTHER', 'NOT_KNOWN', 'NOT_STATED');

-- CreateEnum
CREATE TYPE "duplicate_candidate_status" AS ENUM ('OPEN', 'NOT_DUPLICATE', 'MERGED');

-- CreateEnum
CREATE TYPE "seal_level" AS ENUM ('NONE', 'SEALED', 'SEALED_AND_LOCKED');

-- CreateEnum
CREATE TYPE "problem_status" AS ENUM ('ACTIVE', 'INACTIVE', 'RESOLVED');

-- CreateEnum
CREATE TYPE "allergy_category" AS ENUM ('ALLERGY', 'INTOLERANCE');

-- CreateEnum
CREATE TYPE "allergy_severity" AS ENUM ('MILD', 'MODERATE', 'SEVERE');

-- CreateEnum
CREATE TYPE "medication_status" AS ENUM ('ACTIVE', 'STOPPED');

-- AlterTable
ALTER TABLE "patient" ADD COLUMN     "address_lines" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "date_of_death" DATE,
ADD COLUMN     "email" VARCHAR(254),
ADD COLUMN     "family_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "gender_identity" "gender_identity",
ADD COLUMN     "given_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "postcode" VARCHAR(8),
ADD COLUMN     "registered_gp_practice_id" UUID,
ADD COLUMN     "replaced_by_id" UUID,
ADD COLUMN     "sex" "sex" NOT NULL DEFAULT 'NOT_KNOWN',
ADD COLUMN     "telephone" VARCHAR(32),
ADD COLUMN     "temporary_identity" VARCHAR(16);

-- CreateTable
CREATE TABLE "care_team" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(32) NOT NULL,
    "name" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_team_member" (
    "care_team_id" UUID NOT NULL,
    "role_profile_id" VARCHAR(64) NOT NULL,

    CONSTRAINT "care_team_member_pkey" PRIMARY KEY ("care_team_id","role_profile_id")
);

-- CreateTable
CREATE TABLE "patient_previous_name" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "given_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "family_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "replaced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patient_previous_name_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "name_token" (
    "token" TEXT NOT NULL,
    "phonetic" TEXT NOT NULL,

    CONSTRAINT "name_token_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "local_identifier" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "value" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_identifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patient_merge" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survivor_id" UUID NOT NULL,
    "replaced_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merged_by_id" VARCHAR(64) NOT NULL,
    "merged_by_role_profile" VARCHAR(64) NOT NULL,
    "moved_nhs_number" CHAR(10),
    "moved_identifier_ids" UUID[],
    "moved_problem_ids" UUID[],
    "moved_allergy_ids" UUID[],
    "moved_medication_ids" UUID[],
    "moved_document_ids" UUID[],
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" VARCHAR(64),
    "undo_reason" TEXT,

    CONSTRAINT "patient_merge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_candidate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "first_patient_id" UUID NOT NULL,
    "second_patient_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "status" "duplicate_candidate_status" NOT NULL DEFAULT 'OPEN',
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_by_id" VARCHAR(64),
    "reviewed_at" TIMESTAMPTZ(3),

    CONSTRAINT "duplicate_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "problem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "concept_id" VARCHAR(18) NOT NULL,
    "term" VARCHAR(255) NOT NULL,
    "onset_date" DATE,
    "status" "problem_status" NOT NULL,
    "seal_level" "seal_level" NOT NULL DEFAULT 'NONE',
    "author_id" VARCHAR(64) NOT NULL,
    "authoring_organisation_id" UUID NOT NULL,
    "authoring_team_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allergy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "category" "allergy_category" NOT NULL,
    "substance_concept_id" VARCHAR(18) NOT NULL,
    "substance_term" VARCHAR(255) NOT NULL,
    "reaction_concept_id" VARCHAR(18),
    "reaction_term" VARCHAR(255),
    "severity" "allergy_severity" NOT NULL,
    "seal_level" "seal_level" NOT NULL DEFAULT 'NONE',
    "author_id" VARCHAR(64) NOT NULL,
    "authoring_organisation_id" UUID NOT NULL,
    "authoring_team_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allergy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "medication" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "concept_id" VARCHAR(18) NOT NULL,
    "term" VARCHAR(255) NOT NULL,
    "dosage" VARCHAR(500) NOT NULL,
    "status" "medication_status" NOT NULL,
    "start_date" DATE,
    "end_date" DATE,
    "seal_level" "seal_level" NOT NULL DEFAULT 'NONE',
    "author_id" VARCHAR(64) NOT NULL,
    "authoring_organisation_id" UUID NOT NULL,
    "authoring_team_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "medication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clinical_document" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "type_concept_id" VARCHAR(18) NOT NULL,
    "type_term" VARCHAR(255) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "authored_at" TIMESTAMPTZ(3) NOT NULL,
    "source_system" VARCHAR(100),
    "sections" JSONB NOT NULL,
    "seal_level" "seal_level" NOT NULL DEFAULT 'NONE',
    "author_id" VARCHAR(64) NOT NULL,
    "authoring_organisation_id" UUID NOT NULL,
    "authoring_team_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinical_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "care_team_code_key" ON "care_team"("code");

-- CreateIndex
CREATE UNIQUE INDEX "care_team_organisation_id_name_key" ON "care_team"("organisation_id", "name");

-- CreateIndex
CREATE INDEX "care_team_member_role_profile_id_idx" ON "care_team_member"("role_profile_id");

-- CreateIndex
CREATE INDEX "patient_previous_name_patient_id_idx" ON "patient_previous_name"("patient_id");

-- CreateIndex
CREATE INDEX "patient_previous_name_family_tokens_idx" ON "patient_previous_name" USING GIN ("family_tokens");

-- CreateIndex
CREATE INDEX "name_token_phonetic_idx" ON "name_token"("phonetic");

-- CreateIndex
CREATE INDEX "name_token_token_trgm_idx" ON "name_token" USING GIN ("token" extensions.gin_trgm_ops);

-- CreateIndex
CREATE INDEX "local_identifier_patient_id_idx" ON "local_identifier"("patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "local_identifier_organisation_id_value_key" ON "local_identifier"("organisation_id", "value");

-- CreateIndex
CREATE INDEX "patient_merge_survivor_id_idx" ON "patient_merge"("survivor_id");

-- CreateIndex
CREATE INDEX "patient_merge_replaced_id_idx" ON "patient_merge"("replaced_id");

-- CreateIndex
CREATE INDEX "duplicate_candidate_second_patient_id_idx" ON "duplicate_candidate"("second_patient_id");

-- CreateIndex
CREATE INDEX "duplicate_candidate_status_score_idx" ON "duplicate_candidate"("status", "score");

-- CreateIndex
CREATE UNIQUE INDEX "duplicate_candidate_first_patient_id_second_patient_id_key" ON "duplicate_candidate"("first_patient_id", "second_patient_id");

-- CreateIndex
CREATE INDEX "problem_patient_id_recorded_at_idx" ON "problem"("patient_id", "recorded_at");

-- CreateIndex
CREATE INDEX "allergy_patient_id_recorded_at_idx" ON "allergy"("patient_id", "recorded_at");

-- CreateIndex
CREATE INDEX "medication_patient_id_recorded_at_idx" ON "medication"("patient_id", "recorded_at");

-- CreateIndex
CREATE INDEX "clinical_document_patient_id_authored_at_idx" ON "clinical_document"("patient_id", "authored_at");

-- CreateIndex
CREATE UNIQUE INDEX "patient_temporary_identity_key" ON "patient"("temporary_identity");

-- CreateIndex
CREATE INDEX "patient_family_tokens_idx" ON "patient" USING GIN ("family_tokens");

-- CreateIndex
CREATE INDEX "patient_given_tokens_idx" ON "patient" USING GIN ("given_tokens");

-- CreateIndex
CREATE INDEX "patient_birth_date_idx" ON "patient"("birth_date");

-- CreateIndex
CREATE INDEX "patient_postcode_idx" ON "patient"("postcode");

-- CreateIndex
CREATE INDEX "patient_replaced_by_id_idx" ON "patient"("replaced_by_id");

-- AddForeignKey
ALTER TABLE "care_team" ADD CONSTRAINT "care_team_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_team_member" ADD CONSTRAINT "care_team_member_care_team_id_fkey" FOREIGN KEY ("care_team_id") REFERENCES "care_team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_team_member" ADD CONSTRAINT "care_team_member_role_profile_id_fkey" FOREIGN KEY ("role_profile_id") REFERENCES "role_profile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient" ADD CONSTRAINT "patient_registered_gp_practice_id_fkey" FOREIGN KEY ("registered_gp_practice_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient" ADD CONSTRAINT "patient_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_previous_name" ADD CONSTRAINT "patient_previous_name_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "local_identifier" ADD CONSTRAINT "local_identifier_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "local_identifier" ADD CONSTRAINT "local_identifier_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_merge" ADD CONSTRAINT "patient_merge_survivor_id_fkey" FOREIGN KEY ("survivor_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_merge" ADD CONSTRAINT "patient_merge_replaced_id_fkey" FOREIGN KEY ("replaced_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_merge" ADD CONSTRAINT "patient_merge_merged_by_id_fkey" FOREIGN KEY ("merged_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_merge" ADD CONSTRAINT "patient_merge_undone_by_id_fkey" FOREIGN KEY ("undone_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_candidate" ADD CONSTRAINT "duplicate_candidate_first_patient_id_fkey" FOREIGN KEY ("first_patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_candidate" ADD CONSTRAINT "duplicate_candidate_second_patient_id_fkey" FOREIGN KEY ("second_patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_authoring_organisation_id_fkey" FOREIGN KEY ("authoring_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_authoring_team_id_fkey" FOREIGN KEY ("authoring_team_id") REFERENCES "care_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allergy" ADD CONSTRAINT "allergy_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allergy" ADD CONSTRAINT "allergy_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allergy" ADD CONSTRAINT "allergy_authoring_organisation_id_fkey" FOREIGN KEY ("authoring_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allergy" ADD CONSTRAINT "allergy_authoring_team_id_fkey" FOREIGN KEY ("authoring_team_id") REFERENCES "care_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medication" ADD CONSTRAINT "medication_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medication" ADD CONSTRAINT "medication_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medication" ADD CONSTRAINT "medication_authoring_organisation_id_fkey" FOREIGN KEY ("authoring_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medication" ADD CONSTRAINT "medication_authoring_team_id_fkey" FOREIGN KEY ("authoring_team_id") REFERENCES "care_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_document" ADD CONSTRAINT "clinical_document_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_document" ADD CONSTRAINT "clinical_document_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_document" ADD CONSTRAINT "clinical_document_authoring_organisation_id_fkey" FOREIGN KEY ("authoring_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_document" ADD CONSTRAINT "clinical_document_authoring_team_id_fkey" FOREIGN KEY ("authoring_team_id") REFERENCES "care_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand from here on.

-- A pair is stored once, lower id first; a patient is never replaced by itself.
ALTER TABLE "duplicate_candidate" ADD CONSTRAINT "duplicate_candidate_pair_order_check" CHECK ("first_patient_id" < "second_patient_id");
ALTER TABLE "patient" ADD CONSTRAINT "patient_not_replaced_by_itself_check" CHECK ("replaced_by_id" <> "id");

-- The words of a name as search compares them: accents and apostrophes dropped, lower case, split at anything
-- that is not a letter (so "Smith-Jones" gives smith and jones, "O'Neill" gives oneill). Searches pass their
-- input through this same function, so both sides are normalised alike.
CREATE FUNCTION patient.name_tokens(name text) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT word), '{}')
  FROM regexp_split_to_table(
    lower(extensions.unaccent('extensions.unaccent'::regdictionary, translate(coalesce(name, ''), E'\'\u2019`', ''))),
    '[^a-z]+'
  ) AS word
  WHERE word <> ''
$$;

-- Every writer (the subgraph, the seed, a bulk load) gets the same search keys, because the database sets them.
CREATE FUNCTION patient.set_name_tokens() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.given_tokens := patient.name_tokens(NEW.given_name);
  NEW.family_tokens := patient.name_tokens(NEW.family_name);
  RETURN NEW;
END
$$;

CREATE TRIGGER "patient_set_name_tokens" BEFORE INSERT OR UPDATE OF "given_name", "family_name" ON "patient"
  FOR EACH ROW EXECUTE FUNCTION patient.set_name_tokens();
CREATE TRIGGER "patient_previous_name_set_name_tokens" BEFORE INSERT OR UPDATE OF "given_name", "family_name" ON "patient_previous_name"
  FOR EACH ROW EXECUTE FUNCTION patient.set_name_tokens();

-- The dictionary of name words grows with each statement that writes names (one INSERT per statement, so a bulk
-- load stays set-based). Words are never removed: a word nobody has any more simply matches no patient.
CREATE FUNCTION patient.remember_name_tokens() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO patient.name_token (token, phonetic)
  SELECT DISTINCT word, extensions.dmetaphone(word)
  FROM named_rows, unnest(named_rows.given_tokens || named_rows.family_tokens) AS word
  ON CONFLICT (token) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "patient_remember_name_tokens_on_insert" AFTER INSERT ON "patient"
  REFERENCING NEW TABLE AS named_rows FOR EACH STATEMENT EXECUTE FUNCTION patient.remember_name_tokens();
CREATE TRIGGER "patient_remember_name_tokens_on_update" AFTER UPDATE ON "patient"
  REFERENCING NEW TABLE AS named_rows FOR EACH STATEMENT EXECUTE FUNCTION patient.remember_name_tokens();
CREATE TRIGGER "patient_previous_name_remember_name_tokens" AFTER INSERT ON "patient_previous_name"
  REFERENCING NEW TABLE AS named_rows FOR EACH STATEMENT EXECUTE FUNCTION patient.remember_name_tokens();

-- Patients registered before this migration get their search keys (and the dictionary its words) now.
UPDATE "patient" SET "given_tokens" = patient.name_tokens("given_name"), "family_tokens" = patient.name_tokens("family_name");
