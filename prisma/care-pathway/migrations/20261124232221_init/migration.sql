-- CreateEnum
CREATE TYPE "referral_priority" AS ENUM ('ROUTINE', 'URGENT', 'TWO_WEEK_WAIT');

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "receiving_organisation" VARCHAR(16) NOT NULL,
    "specialty" TEXT NOT NULL,
    "priority" "referral_priority" NOT NULL,
    "received_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "referral_patient_id_idx" ON "referral"("patient_id");
