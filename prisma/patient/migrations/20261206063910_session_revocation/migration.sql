-- AlterTable
ALTER TABLE "role_profile" ADD COLUMN     "end_reason" VARCHAR(500),
ADD COLUMN     "ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "ended_by" VARCHAR(64);

-- CreateTable
CREATE TABLE "session_revocation" (
    "user_id" VARCHAR(64) NOT NULL,
    "session_id" VARCHAR(128) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_by" VARCHAR(64) NOT NULL,
    "reason" VARCHAR(500),

    CONSTRAINT "session_revocation_pkey" PRIMARY KEY ("user_id","session_id")
);

-- CreateIndex
CREATE INDEX "session_revocation_user_id_revoked_at_idx" ON "session_revocation"("user_id", "revoked_at");
