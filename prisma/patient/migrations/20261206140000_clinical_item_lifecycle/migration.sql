-- The clinical item lifecycle: each item keeps a stable id and a version number; a change (an amendment, a
-- resolution or stop, marking it entered in error) first copies the whole row as it was into clinical_item_version,
-- then writes the new content, the next version and what made it. Entered-in-error items stay, out of every list.

-- CreateEnum
CREATE TYPE "clinical_item_change" AS ENUM ('AMENDED', 'RESOLVED', 'STOPPED', 'ENTERED_IN_ERROR');

-- CreateEnum
CREATE TYPE "clinical_item_kind" AS ENUM ('PROBLEM', 'ALLERGY', 'MEDICATION', 'DOCUMENT');

-- AlterTable
ALTER TABLE "allergy" ADD COLUMN     "change_kind" "clinical_item_change",
ADD COLUMN     "change_reason" VARCHAR(500),
ADD COLUMN     "changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "changed_by" VARCHAR(64),
ADD COLUMN     "entered_in_error" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "clinical_document" ADD COLUMN     "change_kind" "clinical_item_change",
ADD COLUMN     "change_reason" VARCHAR(500),
ADD COLUMN     "changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "changed_by" VARCHAR(64),
ADD COLUMN     "entered_in_error" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "medication" ADD COLUMN     "change_kind" "clinical_item_change",
ADD COLUMN     "change_reason" VARCHAR(500),
ADD COLUMN     "changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "changed_by" VARCHAR(64),
ADD COLUMN     "entered_in_error" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "problem" ADD COLUMN     "change_kind" "clinical_item_change",
ADD COLUMN     "change_reason" VARCHAR(500),
ADD COLUMN     "changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "changed_by" VARCHAR(64),
ADD COLUMN     "entered_in_error" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resolved_on" DATE,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "clinical_item_version" (
    "kind" "clinical_item_kind" NOT NULL,
    "item_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "superseded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinical_item_version_pkey" PRIMARY KEY ("kind","item_id","version")
);
