-- The latest events of each of some patients (migration "latest_access_events" says why it is a function with
-- sorting disabled): the same query, now in PL/pgSQL with one generic plan kept per connection. Hand-written.
--
-- Why: as a SQL function its query was planned on every call — a lateral join over every monthly partition, whose
-- planning cost ≈ 0.25 ms against 0.07 ms to run it; every patient summary asks. PL/pgSQL keeps the plan, and a
-- generic one (forced: the planner's estimate would keep choosing per-call plans) still walks each partition's
-- (patient_id, occurred_at DESC, seq DESC) index and merges them. It visits every monthly partition (a generic plan
-- prunes none; a paged read bounded by `before_at` starts each index walk at the bound instead): one index probe per
-- month, for the planning it saves. Measured: 0.29 → 0.07 ms of PostgreSQL's CPU a call, 20 000 events of one patient.
CREATE OR REPLACE FUNCTION audit.latest_access_events(patients UUID[], per_patient INT, viewer TEXT[], before_at TIMESTAMPTZ, before_seq BIGINT)
RETURNS SETOF audit.access_event
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_sort = off
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  SELECT e.*
    FROM unnest(patients) AS p(id)
   CROSS JOIN LATERAL (
         SELECT * FROM audit.access_event e
          WHERE e.patient_id = p.id
            AND (e.visible_to IS NULL OR e.visible_to && viewer)
            AND (e.occurred_at, e.seq) < (coalesce(before_at, 'infinity'::timestamptz), coalesce(before_seq, 9223372036854775807))
          ORDER BY e.occurred_at DESC, e.seq DESC
          LIMIT per_patient) e;
END $$;
