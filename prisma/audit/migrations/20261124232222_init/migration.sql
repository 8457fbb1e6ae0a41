-- CreateEnum
CREATE TYPE "access_outcome" AS ENUM ('ALLOWED', 'DENIED');

-- CreateTable
CREATE TABLE "access_event" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "subgraph" VARCHAR(32) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "outcome" "access_outcome" NOT NULL,
    "user_id" VARCHAR(64) NOT NULL,
    "role_profile_id" VARCHAR(64) NOT NULL,
    "job_role_code" VARCHAR(8) NOT NULL,
    "organisation" VARCHAR(16) NOT NULL,
    "card_serial" VARCHAR(64),
    "patient_id" UUID,
    "request_id" VARCHAR(64) NOT NULL,

    CONSTRAINT "access_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_event_patient_id_occurred_at_idx" ON "access_event"("patient_id", "occurred_at");
