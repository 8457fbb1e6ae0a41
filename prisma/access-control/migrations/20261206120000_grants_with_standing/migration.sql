-- A colleague grant passes on the granter's own legitimate relationship: it records which one, ends with it (the
-- policy engine ignores a grant whose relationship has ended or expired) and never outlives it.
ALTER TABLE "legitimate_relationship" ADD COLUMN "granted_via" UUID REFERENCES "legitimate_relationship" ("id");
CREATE INDEX "legitimate_relationship_granted_via_idx" ON "legitimate_relationship" ("granted_via");
