-- What another subgraph's reports may read of the master patient index, and nothing more: each patient id with
-- the NHS number of the person it now is (the survivor, when the id is a merged duplicate's; null for a
-- temporary identity). A read-only contract the patient subgraph owns and keeps stable: the care-pathway
-- subgraph's tracking-list export joins it in its one cursor instead of asking for numbers row by row, and shows
-- a number only where the policy engine allows `demographics.read` for that patient (README "Reporting exports").

-- A merged duplicate's survivor, through every later merge (bounded, as the patient subgraph's own resolver is).
CREATE FUNCTION patient.survivor_of(patient_id UUID) RETURNS UUID
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE chain (id, replaced_by_id, depth) AS (
    SELECT id, replaced_by_id, 0 FROM patient.patient WHERE id = patient_id
    UNION ALL
    SELECT p.id, p.replaced_by_id, c.depth + 1 FROM chain c JOIN patient.patient p ON p.id = c.replaced_by_id WHERE c.depth < 32
  )
  SELECT id FROM chain WHERE replaced_by_id IS NULL LIMIT 1
$$;

-- Most patients were never merged: their own number, with no look-up beyond the row.
CREATE VIEW patient.reporting_nhs_number AS
SELECT p.id AS patient_id,
       CASE WHEN p.replaced_by_id IS NULL THEN p.nhs_number::text
            ELSE (SELECT s.nhs_number::text FROM patient.patient s WHERE s.id = patient.survivor_of(p.id)) END AS nhs_number
  FROM patient.patient p;
