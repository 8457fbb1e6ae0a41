-- Request ids are the gateway's own; an id a client sent travels beside it as a correlation id (README "Security
-- log"). Hand-written: the append function and the chained form are not Prisma's to generate.
--
-- The correlation id is chained like every other column. Rows appended before this migration were chained without
-- it, so each row now records the form it was chained in: chain_version 1 (everything up to request_id) or 2
-- (version 1's fields, then correlation_id). The version is part of the chained text itself (its label), so
-- changing a row's version breaks its hash like any other edit.
ALTER TABLE "access_event" ADD COLUMN "correlation_id" VARCHAR(64),
                           ADD COLUMN "chain_version" SMALLINT NOT NULL DEFAULT 1;
-- Existing rows keep 1; every append from now on must say which form it used.
ALTER TABLE "access_event" ALTER COLUMN "chain_version" DROP DEFAULT;

CREATE OR REPLACE FUNCTION audit.chain_message(e audit.access_event) RETURNS TEXT
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT audit.chain_field('epr-audit-v' || e.chain_version)
      || audit.chain_field(e.seq::text)
      || audit.chain_field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      || audit.chain_field(e.subgraph)
      || audit.chain_field(e.action)
      || audit.chain_field(e.outcome::text)
      || audit.chain_field(e.user_id)
      || audit.chain_field(e.role_profile_id)
      || audit.chain_field(e.job_role_code)
      || audit.chain_field(e.organisation)
      || audit.chain_field(e.card_serial)
      || audit.chain_field(e.session_id)
      || audit.chain_field(e.patient_id::text)
      || audit.chain_field(e.category)
      || audit.chain_field(CASE WHEN e.items IS NULL THEN NULL ELSE
           (SELECT coalesce(string_agg(audit.chain_field(item), '' ORDER BY n), '')
              FROM unnest(e.items) WITH ORDINALITY AS u(item, n)) END)
      || audit.chain_field(e.basis_kind::text)
      || audit.chain_field(e.basis_detail)
      || audit.chain_field(e.request_id)
      -- A form-1 row never had a correlation id: one added later is chained too, so the row no longer matches.
      || CASE WHEN e.chain_version >= 2 OR e.correlation_id IS NOT NULL THEN audit.chain_field(e.correlation_id) ELSE '' END
$$;

-- As in the migration "security_log", with the correlation id taken from each event and chained in form 2.
CREATE OR REPLACE FUNCTION audit.append_access_events(events JSONB, key BYTEA) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '10s' AS $$
DECLARE
  inner_pad BYTEA := decode(repeat('36', 64), 'hex');
  outer_pad BYTEA := decode(repeat('5c', 64), 'hex');
  head audit.chain_head;
  e RECORD;
  ev audit.access_event;
  now_at TIMESTAMPTZ(3);
BEGIN
  IF key IS NULL OR length(key) < 32 OR length(key) > 64 THEN
    RAISE EXCEPTION 'the security log key must be 32 to 64 bytes' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_typeof(events) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'events must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 0 .. length(key) - 1 LOOP
    inner_pad := set_byte(inner_pad, i, get_byte(key, i) # 54);
    outer_pad := set_byte(outer_pad, i, get_byte(key, i) # 92);
  END LOOP;

  SELECT * INTO STRICT head FROM audit.chain_head WHERE id = 1 FOR UPDATE;
  -- Read the clock under the lock, so occurred_at never goes backwards as seq goes forwards.
  now_at := clock_timestamp();
  IF now_at >= head.partitions_until - INTERVAL '2 months' THEN
    head.partitions_until := audit.ensure_access_event_partitions(
      date_trunc('month', now_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + INTERVAL '4 months');
  END IF;

  FOR e IN SELECT * FROM jsonb_to_recordset(events) AS x(
      subgraph TEXT, action TEXT, outcome TEXT, user_id TEXT, role_profile_id TEXT, job_role_code TEXT,
      organisation TEXT, card_serial TEXT, session_id TEXT, patient_id UUID, category TEXT, items TEXT[],
      basis_kind TEXT, basis_detail TEXT, request_id TEXT, correlation_id TEXT)
  LOOP
    ev := ROW(head.seq + 1, now_at, e.subgraph, e.action, e.outcome::audit.access_outcome, e.user_id,
               e.role_profile_id, e.job_role_code, e.organisation, e.card_serial, e.session_id, e.patient_id,
               e.category, coalesce(e.items, ARRAY[]::TEXT[]), e.basis_kind,
               e.basis_detail, e.request_id, head.hash, NULL, e.correlation_id, 2);
    ev.hash := sha256(outer_pad || sha256(inner_pad || ev.prev_hash || convert_to(audit.chain_message(ev), 'UTF8')));
    INSERT INTO audit.access_event VALUES (ev.*);
    IF ev.action IN ('relationship.self_claim', 'emergency.access', 'seal.override') THEN
      INSERT INTO audit.access_alert (event_seq, event_occurred_at, kind, patient_id, user_id, organisation)
      VALUES (ev.seq, ev.occurred_at,
              CASE ev.action WHEN 'relationship.self_claim' THEN 'SELF_CLAIMED_RELATIONSHIP'
                             WHEN 'emergency.access' THEN 'EMERGENCY_ACCESS'
                             ELSE 'SEAL_OVERRIDE' END::audit.alert_kind,
              ev.patient_id, ev.user_id, ev.organisation);
    END IF;
    head.seq := ev.seq;
    head.hash := ev.hash;
  END LOOP;

  UPDATE audit.chain_head SET seq = head.seq, hash = head.hash, partitions_until = head.partitions_until WHERE id = 1;
  RETURN head.seq;
END $$;
