-- CreateEnum
CREATE TYPE "triage_status" AS ENUM ('AWAITING_TRIAGE', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "clock_phase" AS ENUM ('NOT_STARTED', 'RUNNING', 'STOPPED', 'ACTIVE_MONITORING', 'NULLIFIED', 'CLOSED');

-- CreateEnum
CREATE TYPE "clock_start_rule" AS ENUM ('REFERRAL', 'SUBSEQUENT_TREATMENT', 'ACTIVE_MONITORING_ENDED', 'REBOOKED_AFTER_DNA');

-- CreateEnum
CREATE TYPE "period_end_reason" AS ENUM ('FIRST_DEFINITIVE_TREATMENT', 'ACTIVE_MONITORING', 'DECISION_NOT_TO_TREAT', 'PATIENT_DECLINED', 'PATIENT_DIED', 'NULLIFIED', 'TRANSFERRED', 'REFERRAL_REJECTED');

-- CreateEnum
CREATE TYPE "pathway_event_kind" AS ENUM ('REFERRAL_RECEIVED', 'REFERRAL_ACCEPTED', 'REFERRAL_REJECTED', 'REFERRAL_REDIRECTED', 'RTT_STATUS', 'APPOINTMENT_OUTCOME', 'DOCUMENT_ADDED', 'ASSESSMENT_SIGNED_OFF');

-- CreateEnum
CREATE TYPE "clock_effect" AS ENUM ('STARTED', 'CONTINUED', 'STOPPED', 'NULLIFIED', 'TRANSFERRED', 'NONE');

-- CreateEnum
CREATE TYPE "appointment_outcome" AS ENUM ('ATTENDED', 'DID_NOT_ATTEND', 'CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL');

-- CreateEnum
CREATE TYPE "assessment_status" AS ENUM ('OPEN', 'SIGNED_OFF');

-- CreateEnum
CREATE TYPE "seal_level" AS ENUM ('NONE', 'SEALED', 'SEALED_AND_LOCKED');

-- CreateEnum
CREATE TYPE "clinical_document_kind" AS ENUM ('LETTER', 'NOTE');

-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "referring_clinician" TEXT,
ADD COLUMN     "referring_organisation" VARCHAR(16),
ADD COLUMN     "triage_reason" TEXT,
ADD COLUMN     "triage_status" "triage_status" NOT NULL DEFAULT 'AWAITING_TRIAGE',
ADD COLUMN     "triaged_at" TIMESTAMPTZ(3),
ADD COLUMN     "triaged_by" TEXT,
ADD COLUMN     "ubrn" VARCHAR(12);

-- CreateTable
CREATE TABLE "pathway" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "organisation" VARCHAR(16) NOT NULL,
    "specialty" TEXT NOT NULL,
    "phase" "clock_phase" NOT NULL,
    "last_event_on" DATE,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pathway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rtt_period" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pathway_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "organisation" VARCHAR(16) NOT NULL,
    "specialty" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "started_on" DATE NOT NULL,
    "start_rule" "clock_start_rule" NOT NULL,
    "ended_on" DATE,
    "end_reason" "period_end_reason",
    "end_status" VARCHAR(2),
    "admitted" BOOLEAN NOT NULL DEFAULT false,
    "decision_to_admit_on" DATE,
    "attended" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "rtt_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pathway_event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pathway_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "kind" "pathway_event_kind" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "occurred_at" TIMESTAMPTZ(3),
    "clock_effect" "clock_effect" NOT NULL,
    "rtt_status" VARCHAR(2),
    "admitted" BOOLEAN,
    "decision_to_admit" BOOLEAN,
    "appointment_id" UUID,
    "appointment_outcome" "appointment_outcome",
    "first_appointment" BOOLEAN,
    "dna_communicated_clearly" BOOLEAN,
    "source_event_id" TEXT,
    "document_id" UUID,
    "assessment_id" UUID,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pathway_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pathway_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" "assessment_status" NOT NULL DEFAULT 'OPEN',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_off_by" TEXT,
    "signed_off_job_role_code" TEXT,
    "signed_off_organisation" VARCHAR(16),
    "signed_off_at" TIMESTAMPTZ(3),

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_contribution" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessment_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "discipline" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "seal_level" "seal_level" NOT NULL DEFAULT 'NONE',
    "author_user_id" TEXT NOT NULL,
    "author_role_profile_id" TEXT NOT NULL,
    "author_job_role_code" TEXT NOT NULL,
    "author_organisation" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_contribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clinical_document" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pathway_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" "clinical_document_kind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_user_id" TEXT NOT NULL,
    "author_role_profile_id" TEXT NOT NULL,
    "author_job_role_code" TEXT NOT NULL,
    "author_organisation" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinical_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pathway_referral_id_key" ON "pathway"("referral_id");

-- CreateIndex
CREATE INDEX "pathway_patient_id_idx" ON "pathway"("patient_id");

-- CreateIndex
CREATE INDEX "rtt_period_organisation_started_on_id_idx" ON "rtt_period"("organisation", "started_on", "id");

-- CreateIndex
CREATE INDEX "rtt_period_organisation_specialty_started_on_id_idx" ON "rtt_period"("organisation", "specialty", "started_on", "id");

-- CreateIndex
CREATE INDEX "rtt_period_organisation_ended_on_idx" ON "rtt_period"("organisation", "ended_on");

-- CreateIndex
CREATE UNIQUE INDEX "rtt_period_pathway_id_ordinal_key" ON "rtt_period"("pathway_id", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "pathway_event_source_event_id_key" ON "pathway_event"("source_event_id");

-- CreateIndex
CREATE INDEX "pathway_event_pathway_id_occurred_on_ordinal_idx" ON "pathway_event"("pathway_id", "occurred_on", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "pathway_event_pathway_id_ordinal_key" ON "pathway_event"("pathway_id", "ordinal");

-- CreateIndex
CREATE INDEX "assessment_pathway_id_idx" ON "assessment"("pathway_id");

-- CreateIndex
CREATE INDEX "assessment_contribution_assessment_id_idx" ON "assessment_contribution"("assessment_id");

-- CreateIndex
CREATE INDEX "clinical_document_pathway_id_created_at_idx" ON "clinical_document"("pathway_id", "created_at");

-- AddForeignKey
ALTER TABLE "pathway" ADD CONSTRAINT "pathway_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rtt_period" ADD CONSTRAINT "rtt_period_pathway_id_fkey" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pathway_event" ADD CONSTRAINT "pathway_event_pathway_id_fkey" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_pathway_id_fkey" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_contribution" ADD CONSTRAINT "assessment_contribution_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_document" ADD CONSTRAINT "clinical_document_pathway_id_fkey" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
