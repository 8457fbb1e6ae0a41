-- The chained form of an event, byte for byte as before (forms 1, 2 and 3; tools/src/audit/canonical-event.ts is the
-- independent check), in PL/pgSQL. Hand-written, as every function of the log.
--
-- Why: the SQL function it replaces was planned afresh in every append's transaction (a SQL function's plan lives
-- only as long as the calling statement, and its SET clause keeps it from being inlined), and called twenty SQL
-- helpers that each swapped search_path: ≈ 100 µs of PostgreSQL's CPU per event, most of an append. This one is
-- compiled once per connection: ≈ 12 µs (measured with 5 000 rows; docs/benchmarks.md, "CPU per patient summary").

-- A list as one chained field's text: its elements' fields one after another ("" for an empty list, null for none).
CREATE FUNCTION audit.chain_list(elements TEXT[]) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  joined TEXT := '';
  element TEXT;
BEGIN
  IF elements IS NULL THEN RETURN NULL; END IF;
  FOREACH element IN ARRAY elements LOOP
    joined := joined || CASE WHEN element IS NULL THEN '~' ELSE octet_length(convert_to(element, 'UTF8')) || ':' || element END;
  END LOOP;
  RETURN joined;
END $$;

CREATE OR REPLACE FUNCTION audit.chain_message(e audit.access_event) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  fields TEXT[];
BEGIN
  fields := ARRAY['epr-audit-v' || e.chain_version, e.seq::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.subgraph, e.action, e.outcome::text,
    e.user_id, e.role_profile_id, e.job_role_code, e.organisation, e.card_serial, e.session_id, e.patient_id::text,
    e.category, audit.chain_list(e.items), e.basis_kind::text, e.basis_detail, e.request_id];
  -- A form-1 row never had a correlation id: one added later is chained too, so the row no longer matches.
  IF e.chain_version >= 2 OR e.correlation_id IS NOT NULL THEN fields := fields || e.correlation_id; END IF;
  -- Form 3 adds who may see the row; a row of an earlier form given a visibility later no longer matches.
  IF e.chain_version >= 3 OR e.visible_to IS NOT NULL THEN fields := fields || audit.chain_list(e.visible_to); END IF;
  -- Each field is "<UTF-8 byte length>:<text>", or "~" for null, so no value can pass for another however split.
  RETURN audit.chain_list(fields);
END $$;
