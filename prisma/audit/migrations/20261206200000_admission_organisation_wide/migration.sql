-- An admission to a ward the directory has no care team for gives the whole organisation the ADMISSION relationship
-- (a PAS names wards the directory may not know): every clinician there may then open the record. It is alerted, as
-- the other ways of creating a relationship outside the normal care process are. Hand-written, as alert_rules.
ALTER TYPE audit.alert_kind ADD VALUE IF NOT EXISTS 'ADMISSION_ORGANISATION_WIDE';

INSERT INTO "alert_rule" ("action", "kind") VALUES ('admission.create.organisation-wide', 'ADMISSION_ORGANISATION_WIDE');
