-- AlterTable
ALTER TABLE "appointment" ADD COLUMN     "back_entered" BOOLEAN NOT NULL DEFAULT false;
