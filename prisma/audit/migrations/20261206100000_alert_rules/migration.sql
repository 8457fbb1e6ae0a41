-- Which actions raise a privacy-officer alert is data, kept in step with the typed list of audit actions
-- (packages/policy/src/audit-actions.ts; a test compares the two): self-claimed relationships, colleague grants,
-- emergency access, seal overrides and referrals registered from a paper letter. Hand-written: the append function
-- is not Prisma's to generate.
ALTER TYPE audit.alert_kind ADD VALUE IF NOT EXISTS 'COLLEAGUE_GRANT';
ALTER TYPE audit.alert_kind ADD VALUE IF NOT EXISTS 'REFERRAL_REGISTERED_FROM_LETTER';

-- The kind is text here (cast when an alert is raised): a value added to the enum above cannot be used in the
-- transaction that adds it.
CREATE TABLE "alert_rule" (
  "action" VARCHAR(64) PRIMARY KEY,
  "kind" VARCHAR(64) NOT NULL
);
INSERT INTO "alert_rule" ("action", "kind") VALUES
  ('relationship.self_claim', 'SELF_CLAIMED_RELATIONSHIP'),
  ('relationship.grant', 'COLLEAGUE_GRANT'),
  ('emergency.access', 'EMERGENCY_ACCESS'),
  ('seal.override', 'SEAL_OVERRIDE'),
  ('referral.register-letter', 'REFERRAL_REGISTERED_FROM_LETTER');
REVOKE ALL ON TABLE "alert_rule" FROM PUBLIC;

-- As in the migration "correlation_id", with the alert raised from audit.alert_rule for an allowed action.
CREATE OR REPLACE FUNCTION audit.append_access_events(events JSONB, key BYTEA) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '10s' AS $$
DECLARE
  inner_pad BYTEA := decode(repeat('36', 64), 'hex');
  outer_pad BYTEA := decode(repeat('5c', 64), 'hex');
  head audit.chain_head;
  e RECORD;
  ev audit.access_event;
  now_at TIMESTAMPTZ(3);
  alert TEXT;
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
    SELECT r.kind INTO alert FROM audit.alert_rule r WHERE r.action = ev.action;
    IF FOUND AND ev.outcome = 'ALLOWED' THEN
      INSERT INTO audit.access_alert (event_seq, event_occurred_at, kind, patient_id, user_id, organisation)
      VALUES (ev.seq, ev.occurred_at, alert::audit.alert_kind, ev.patient_id, ev.user_id, ev.organisation);
    END IF;
    head.seq := ev.seq;
    head.hash := ev.hash;
  END LOOP;

  UPDATE audit.chain_head SET seq = head.seq, hash = head.hash, partitions_until = head.partitions_until WHERE id = 1;
  RETURN head.seq;
END $$;
