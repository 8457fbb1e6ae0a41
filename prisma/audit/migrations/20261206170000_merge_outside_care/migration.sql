-- A merge by an organisation that did not care for both records (the duplicate check had paired them) is alerted:
-- the survivor's relationships reach the other record's content from then on. Hand-written, as alert_rules.
ALTER TYPE audit.alert_kind ADD VALUE IF NOT EXISTS 'MERGE_OUTSIDE_CARE';

INSERT INTO "alert_rule" ("action", "kind") VALUES ('patient.merge.outside-care', 'MERGE_OUTSIDE_CARE');
