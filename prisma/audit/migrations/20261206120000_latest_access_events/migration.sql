-- The latest events of each of some patients, as a viewer may see them, newest first (a patient's "who looked at my
-- record", an auditor's per-patient view). Hand-written: Prisma cannot express a function's settings.
--
-- The same query as before, in a function for one setting: the planner estimates a patient's rows from the average
-- (the table's rows over its distinct patients, a handful), so it read ALL of a patient's events and sorted them
-- for the top few. For a patient whose log is long — anyone in long-term care, or any portal user who looks often —
-- every view cost time in proportion to the whole log (measured: 1,340 rows read for 21, 0.8 ms, and growing). With
-- sorting disabled here the only plan left walks the (patient_id, occurred_at DESC, seq DESC) index of each
-- partition and merges them: it reads `per_patient` rows (a few more where rows are hidden from the viewer) whatever
-- the log's length. `before_at`/`before_seq` page (NULL: from the newest).
CREATE FUNCTION audit.latest_access_events(patients UUID[], per_patient INT, viewer TEXT[], before_at TIMESTAMPTZ, before_seq BIGINT)
RETURNS SETOF audit.access_event
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_sort = off
AS $$
  SELECT e.*
    FROM unnest(patients) AS p(id)
   CROSS JOIN LATERAL (
         SELECT * FROM audit.access_event e
          WHERE e.patient_id = p.id
            AND (e.visible_to IS NULL OR e.visible_to && viewer)
            AND (e.occurred_at, e.seq) < (coalesce(before_at, 'infinity'::timestamptz), coalesce(before_seq, 9223372036854775807))
          ORDER BY e.occurred_at DESC, e.seq DESC
          LIMIT per_patient) e
$$;
REVOKE ALL ON FUNCTION audit.latest_access_events(UUID[], INT, TEXT[], TIMESTAMPTZ, BIGINT) FROM PUBLIC;
