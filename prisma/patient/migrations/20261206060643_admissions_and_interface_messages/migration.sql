-- CreateTable
CREATE TABLE "admission" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "patient_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "ward" VARCHAR(32) NOT NULL,
    "care_team_id" UUID,
    "visit_number" VARCHAR(32),
    "admitted_at" TIMESTAMPTZ(3) NOT NULL,
    "admitted_by" VARCHAR(64) NOT NULL,
    "discharged_at" TIMESTAMPTZ(3),
    "discharged_by" VARCHAR(64),

    CONSTRAINT "admission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interface_message" (
    "sender" VARCHAR(64) NOT NULL,
    "control_id" VARCHAR(64) NOT NULL,
    "message_type" VARCHAR(16) NOT NULL,
    "patient_id" UUID,
    "applied_by" VARCHAR(64) NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "interface_message_pkey" PRIMARY KEY ("sender","control_id")
);

-- CreateIndex
CREATE INDEX "admission_patient_id_admitted_at_idx" ON "admission"("patient_id", "admitted_at");

-- AddForeignKey
ALTER TABLE "admission" ADD CONSTRAINT "admission_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admission" ADD CONSTRAINT "admission_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admission" ADD CONSTRAINT "admission_care_team_id_fkey" FOREIGN KEY ("care_team_id") REFERENCES "care_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express a partial index): at most one open admission per patient and organisation,
-- so two A01s racing for the same patient cannot both admit.
CREATE UNIQUE INDEX "admission_one_open_per_organisation" ON "admission"("patient_id", "organisation_id") WHERE "discharged_at" IS NULL;
