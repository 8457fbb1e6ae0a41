-- CreateEnum
CREATE TYPE "appointment_status" AS ENUM ('BOOKED', 'ATTENDED', 'DID_NOT_ATTEND', 'CANCELLED');

-- CreateTable
CREATE TABLE "appointment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "organisation" VARCHAR(16) NOT NULL,
    "clinic_name" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "appointment_status" NOT NULL DEFAULT 'BOOKED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "appointment_patient_id_starts_at_idx" ON "appointment"("patient_id", "starts_at");
