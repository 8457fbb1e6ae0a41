-- CreateEnum
CREATE TYPE "slot_kind" AS ENUM ('NEW', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "cancelled_by" AS ENUM ('PATIENT', 'HOSPITAL');

-- CreateEnum
CREATE TYPE "outbox_status" AS ENUM ('PENDING', 'DELIVERED', 'DEAD');

-- AlterTable
ALTER TABLE "appointment" ADD COLUMN     "booked_by" TEXT,
ADD COLUMN     "cancellation_reason" TEXT,
ADD COLUMN     "cancelled_at" TIMESTAMPTZ(3),
ADD COLUMN     "cancelled_by" "cancelled_by",
ADD COLUMN     "communication_evidence" TEXT,
ADD COLUMN     "dna_communicated_clearly" BOOLEAN,
ADD COLUMN     "outcome_recorded_at" TIMESTAMPTZ(3),
ADD COLUMN     "pathway_id" UUID,
ADD COLUMN     "referral_id" UUID,
ADD COLUMN     "rescheduled_to_id" UUID,
ADD COLUMN     "slot_id" UUID;

-- CreateTable
CREATE TABLE "clinic" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisation" VARCHAR(16) NOT NULL,
    "service" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "clinician_id" TEXT,
    "team_code" TEXT,
    "location" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clinic_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "start_minute" SMALLINT NOT NULL,
    "slot_minutes" SMALLINT NOT NULL,
    "slot_count" SMALLINT NOT NULL,
    "slot_capacity" SMALLINT NOT NULL,
    "slot_kind" "slot_kind" NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_until" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clinic_session" (
    "id" UUID NOT NULL,
    "clinic_id" UUID NOT NULL,
    "template_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinic_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "clinic_id" UUID NOT NULL,
    "organisation" VARCHAR(16) NOT NULL,
    "service" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "booked_count" SMALLINT NOT NULL DEFAULT 0,
    "kind" "slot_kind" NOT NULL,

    CONSTRAINT "slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pathway_outcome_outbox" (
    "event_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sequence" BIGSERIAL NOT NULL,
    "appointment_id" UUID NOT NULL,
    "pathway_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "outbox_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "applied" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "pathway_outcome_outbox_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "clinic_organisation_service_idx" ON "clinic"("organisation", "service");

-- CreateIndex
CREATE INDEX "session_template_clinic_id_idx" ON "session_template"("clinic_id");

-- CreateIndex
CREATE INDEX "clinic_session_clinic_id_starts_at_idx" ON "clinic_session"("clinic_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_session_template_id_starts_at_key" ON "clinic_session"("template_id", "starts_at");

-- CreateIndex
CREATE INDEX "slot_session_id_idx" ON "slot"("session_id");

-- CreateIndex
CREATE INDEX "slot_clinic_id_starts_at_idx" ON "slot"("clinic_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "pathway_outcome_outbox_sequence_key" ON "pathway_outcome_outbox"("sequence");

-- CreateIndex
CREATE INDEX "pathway_outcome_outbox_status_next_attempt_at_idx" ON "pathway_outcome_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "pathway_outcome_outbox_pathway_id_sequence_idx" ON "pathway_outcome_outbox"("pathway_id", "sequence");

-- CreateIndex
CREATE INDEX "appointment_slot_id_idx" ON "appointment"("slot_id");

-- CreateIndex
CREATE INDEX "appointment_pathway_id_starts_at_idx" ON "appointment"("pathway_id", "starts_at");

-- AddForeignKey
ALTER TABLE "session_template" ADD CONSTRAINT "session_template_clinic_id_fkey" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_clinic_id_fkey" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "session_template"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "clinic_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_clinic_id_fkey" FOREIGN KEY ("clinic_id") REFERENCES "clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- What Prisma cannot express (added to the generated migration by hand, as Prisma's docs describe).

-- A clinic is run by someone: booking gives that clinician or team a legitimate relationship.
ALTER TABLE "clinic" ADD CONSTRAINT "clinic_run_by_clinician_or_team" CHECK ("clinician_id" IS NOT NULL OR "team_code" IS NOT NULL);

-- No double booking, whatever the code path: a slot's places are counted by the trigger below and the
-- count can never pass the capacity. Concurrent bookings of one slot queue on the slot row's lock; once
-- it is full, the next booking's increment violates this constraint and its transaction rolls back.
ALTER TABLE "slot" ADD CONSTRAINT "slot_capacity_positive" CHECK ("capacity" >= 1);
ALTER TABLE "slot" ADD CONSTRAINT "slot_booked_within_capacity" CHECK ("booked_count" BETWEEN 0 AND "capacity");

-- An appointment holds a place in its slot unless it was cancelled (attended and DNA appointments keep theirs).
CREATE FUNCTION "count_slot_bookings"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  held_before boolean := TG_OP <> 'INSERT' AND OLD.slot_id IS NOT NULL AND OLD.status <> 'CANCELLED';
  held_after boolean := TG_OP <> 'DELETE' AND NEW.slot_id IS NOT NULL AND NEW.status <> 'CANCELLED';
BEGIN
  IF held_before AND held_after AND OLD.slot_id = NEW.slot_id THEN
    RETURN NULL;
  END IF;
  IF held_before THEN
    UPDATE slot SET booked_count = booked_count - 1 WHERE id = OLD.slot_id;
  END IF;
  IF held_after THEN
    UPDATE slot SET booked_count = booked_count + 1 WHERE id = NEW.slot_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "appointment_counts_slot_bookings"
  AFTER INSERT OR DELETE OR UPDATE OF "slot_id", "status" ON "appointment"
  FOR EACH ROW EXECUTE FUNCTION "count_slot_bookings"();

-- Free-slot search reads only slots with a free place, in its order (start, then id), for a service (and
-- organisation): full slots leave these indexes, so a search skips no booked-up weeks.
CREATE INDEX "slot_free_by_service_idx" ON "slot"("service", "starts_at", "id") WHERE "booked_count" < "capacity";
CREATE INDEX "slot_free_by_organisation_idx" ON "slot"("organisation", "service", "starts_at", "id") WHERE "booked_count" < "capacity";
