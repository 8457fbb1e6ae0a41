-- Idempotency keys of writes (README "Writes, retries and the security log"): a row is written in the same
-- transaction as the write it belongs to, so it exists exactly when the write committed.
CREATE SCHEMA IF NOT EXISTS "platform";

CREATE TABLE "platform"."idempotent_write" (
  "user_id" VARCHAR(64) NOT NULL,
  "idempotency_key" VARCHAR(128) NOT NULL,
  "mutation" VARCHAR(200) NOT NULL,
  "request_hash" CHAR(64) NOT NULL,
  "result_ref" VARCHAR(200),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "idempotent_write_pkey" PRIMARY KEY ("user_id", "idempotency_key", "mutation")
);
