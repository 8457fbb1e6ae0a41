-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "patient_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "app_user_patient_id_key" ON "app_user"("patient_id");
