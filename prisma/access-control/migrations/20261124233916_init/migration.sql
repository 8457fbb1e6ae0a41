-- CreateEnum
CREATE TYPE "relationship_holder_kind" AS ENUM ('USER', 'TEAM', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "relationship_type" AS ENUM ('REFERRAL', 'BOOKING', 'REGISTRATION', 'ADMISSION', 'COLLEAGUE_GRANT', 'SELF_CLAIM');

-- CreateTable
CREATE TABLE "legitimate_relationship" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "holder_kind" "relationship_holder_kind" NOT NULL,
    "holder_id" VARCHAR(64) NOT NULL,
    "type" "relationship_type" NOT NULL,
    "reason_code" VARCHAR(16),
    "created_by" VARCHAR(64) NOT NULL,
    "source_ref" VARCHAR(128),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "legitimate_relationship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "emergency_access" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "user_id" VARCHAR(64) NOT NULL,
    "role_profile_id" VARCHAR(64) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "emergency_access_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patient_consent" (
    "patient_id" UUID NOT NULL,
    "do_not_share" BOOLEAN NOT NULL DEFAULT false,
    "national_opt_out" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" VARCHAR(64) NOT NULL,

    CONSTRAINT "patient_consent_pkey" PRIMARY KEY ("patient_id")
);

-- CreateTable
CREATE TABLE "item_nomination" (
    "item_ref" VARCHAR(128) NOT NULL,
    "user_id" VARCHAR(64) NOT NULL,
    "patient_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "item_nomination_pkey" PRIMARY KEY ("item_ref","user_id")
);

-- CreateIndex
CREATE INDEX "legitimate_relationship_patient_id_holder_kind_holder_id_idx" ON "legitimate_relationship"("patient_id", "holder_kind", "holder_id");

-- CreateIndex
CREATE UNIQUE INDEX "legitimate_relationship_source_ref_holder_kind_holder_id_key" ON "legitimate_relationship"("source_ref", "holder_kind", "holder_id");

-- CreateIndex
CREATE INDEX "emergency_access_patient_id_user_id_expires_at_idx" ON "emergency_access"("patient_id", "user_id", "expires_at");

-- CreateIndex
CREATE INDEX "item_nomination_patient_id_idx" ON "item_nomination"("patient_id");
