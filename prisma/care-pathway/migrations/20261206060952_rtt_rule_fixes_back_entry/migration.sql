-- CreateEnum
CREATE TYPE "admission_without_treatment" AS ENUM ('ADMISSION_CANCELLED', 'TREATMENT_NOT_CARRIED_OUT', 'DIAGNOSTIC_ADMISSION', 'PRE_TREATMENT_ADMISSION', 'PRE_OPERATIVE_ASSESSMENT');

-- AlterEnum
ALTER TYPE "pathway_event_kind" ADD VALUE 'ADMISSION_WITHOUT_TREATMENT';

-- AlterTable
ALTER TABLE "pathway" DROP COLUMN "last_event_on";

-- AlterTable
ALTER TABLE "pathway_event" ADD COLUMN     "admission_without_treatment" "admission_without_treatment",
ADD COLUMN     "back_entered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "communication_evidence" TEXT;

-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "referred_on" DATE,
ADD COLUMN     "ubrn_converted_on" DATE;
