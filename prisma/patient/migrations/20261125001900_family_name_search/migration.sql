-- AlterTable
ALTER TABLE "patient" ADD COLUMN     "family_key" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "patient_previous_name" ADD COLUMN     "family_key" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "family_name" (
    "key" TEXT NOT NULL,
    "tokens" TEXT[],

    CONSTRAINT "family_name_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "family_name_tokens_idx" ON "family_name" USING GIN ("tokens");

-- CreateIndex
CREATE INDEX "patient_family_key_id_replaced_by_id_idx" ON "patient"("family_key", "id", "replaced_by_id");

-- CreateIndex
CREATE INDEX "patient_previous_name_family_key_idx" ON "patient_previous_name"("family_key");

-- Written by hand from here on: the triggers of the first migration also keep each name's family key and the
-- dictionary of family names.
CREATE OR REPLACE FUNCTION patient.set_name_tokens() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.given_tokens := patient.name_tokens(NEW.given_name);
  NEW.family_tokens := patient.name_tokens(NEW.family_name);
  NEW.family_key := array_to_string(NEW.family_tokens, ' ');
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION patient.remember_name_tokens() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO patient.name_token (token, phonetic)
  SELECT DISTINCT word, extensions.dmetaphone(word)
  FROM named_rows, unnest(named_rows.given_tokens || named_rows.family_tokens) AS word
  ON CONFLICT (token) DO NOTHING;
  INSERT INTO patient.family_name (key, tokens)
  SELECT DISTINCT family_key, family_tokens FROM named_rows WHERE family_key <> ''
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END
$$;

-- Names written before this migration get their family keys (and the dictionary their family names) now.
UPDATE "patient" SET "family_key" = array_to_string("family_tokens", ' ');
UPDATE "patient_previous_name" SET "family_key" = array_to_string("family_tokens", ' ');
INSERT INTO "family_name" ("key", "tokens")
SELECT DISTINCT "family_key", "family_tokens" FROM "patient_previous_name" WHERE "family_key" <> ''
ON CONFLICT ("key") DO NOTHING;
