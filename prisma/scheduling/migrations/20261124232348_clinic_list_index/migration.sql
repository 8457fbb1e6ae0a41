-- CreateIndex
CREATE INDEX "appointment_organisation_starts_at_idx" ON "appointment"("organisation", "starts_at");
