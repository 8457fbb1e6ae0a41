-- The security log is append-only on every partition, not only through its parent (see README "Security log").
-- Hand-written: Prisma cannot express triggers or event triggers.
--
-- The parent's row triggers are cloned onto its partitions, but statement triggers are not, and TRUNCATE has only
-- statement triggers: `TRUNCATE audit.access_event_y2026m12` (or the default partition) went straight past the
-- guard. Every partition therefore gets its own statement trigger refusing UPDATE, DELETE and TRUNCATE — the
-- existing ones here, and each one the append function creates later. None of that needs a superuser.

-- Guards one partition (idempotent). Checked by name so it also runs on PostgreSQL 13 (no CREATE OR REPLACE TRIGGER).
CREATE FUNCTION audit.protect_access_event_partition(part REGCLASS) RETURNS VOID
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = part AND tgname = 'access_event_partition_append_only') THEN
    EXECUTE format('CREATE TRIGGER access_event_partition_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_security_log_change()', part);
  END IF;
END $$;
REVOKE ALL ON FUNCTION audit.protect_access_event_partition(REGCLASS) FROM PUBLIC;

-- As before, and each partition it creates is guarded in the same transaction, before any row can reach it.
CREATE OR REPLACE FUNCTION audit.ensure_access_event_partitions(through TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  month_start TIMESTAMPTZ := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  part TEXT;
BEGIN
  WHILE month_start < through LOOP
    part := 'access_event_' || to_char(month_start AT TIME ZONE 'UTC', '"y"YYYY"m"MM');
    EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.access_event FOR VALUES FROM (%L) TO (%L)',
                   part, month_start, month_start + INTERVAL '1 month');
    PERFORM audit.protect_access_event_partition(format('audit.%I', part)::regclass);
    month_start := month_start + INTERVAL '1 month';
  END LOOP;
  RETURN month_start;
END $$;

SELECT audit.protect_access_event_partition(inhrelid::regclass) FROM pg_inherits WHERE inhparent = 'audit.access_event'::regclass;

-- The parent refuses UPDATE and DELETE as a statement too, so the refusal does not depend on there being rows.
CREATE TRIGGER access_event_no_change BEFORE UPDATE OR DELETE ON "access_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_security_log_change();

/*
 * DDL guard rails, where the migrating role is a superuser (only superusers may create event triggers; without
 * them everything above still holds). At the end of any DDL command: a partition created by hand or attached is
 * guarded at once; and the command is refused if it left a partition detached or a guard trigger disabled.
 * Dropping the log, the chain head, a partition or one of the log's guard triggers is refused as it happens.
 * A later migration that must do one of these (as a superuser) disables the two event triggers around it. A superuser can
 * still switch all of this off (ALTER EVENT TRIGGER … DISABLE, session_replication_role = replica); the hash chain
 * and `npm run audit:verify` are what expose rows removed that way.
 */
CREATE FUNCTION audit.guard_security_log_ddl() RETURNS EVENT_TRIGGER
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  -- Looked up in the catalogs rather than by a regclass cast: any role's DDL fires this, and a role without
  -- USAGE on the audit schema could not resolve the names.
  parent OID := (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'audit' AND c.relname = 'access_event');
  refuse OID := (SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'audit' AND p.proname = 'refuse_security_log_change');
  part OID;
BEGIN
  IF parent IS NULL OR refuse IS NULL THEN
    RETURN;
  END IF;
  -- Only when a partition is not yet guarded: a new one can only have been made by the log's owner, who may add
  -- triggers. (PL/pgSQL resolves a statement's names when it first runs it, so other roles never reach the call.)
  FOR part IN SELECT i.inhrelid FROM pg_inherits i
               WHERE i.inhparent = parent
                 AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = i.inhrelid AND t.tgname = 'access_event_partition_append_only')
  LOOP
    PERFORM audit.protect_access_event_partition(part::regclass);
  END LOOP;
  -- Partitions keep their names when detached; other tables of the audit schema are none of this guard's business.
  IF EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'audit' AND c.relkind = 'r' AND c.relname ~ '^access_event_(y[0-9]{4}m[0-9]{2}|default)$'
                AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = parent)) THEN
    RAISE EXCEPTION 'the security log is append-only: a partition of audit.access_event may not be detached'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT FROM pg_trigger WHERE tgfoid = refuse AND tgenabled = 'D') THEN
    RAISE EXCEPTION 'the security log is append-only: its guard triggers may not be disabled'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

CREATE FUNCTION audit.refuse_security_log_drop() RETURNS EVENT_TRIGGER
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  dropped RECORD;
BEGIN
  -- Every partition carries the log's guard triggers (`access_event_…`), so dropping one, by name or by CASCADE,
  -- drops a guard trigger too; other triggers and tables of the audit schema are left alone.
  FOR dropped IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE schema_name = 'audit' LOOP
    IF (dropped.object_type = 'trigger'
        AND (dropped.object_identity LIKE 'access\_event\_%' OR dropped.object_identity LIKE 'chain\_head\_%'))
       OR (dropped.object_type = 'table' AND dropped.object_name IN ('access_event', 'chain_head')) THEN
      RAISE EXCEPTION 'the security log is append-only: DROP of % % refused', dropped.object_type, dropped.object_identity
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION audit.guard_security_log_ddl() FROM PUBLIC;
REVOKE ALL ON FUNCTION audit.refuse_security_log_drop() FROM PUBLIC;

DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    CREATE EVENT TRIGGER epr_security_log_ddl ON ddl_command_end EXECUTE FUNCTION audit.guard_security_log_ddl();
    CREATE EVENT TRIGGER epr_security_log_drop ON sql_drop EXECUTE FUNCTION audit.refuse_security_log_drop();
  ELSE
    RAISE NOTICE 'Not a superuser: the security log''s DDL guard (event triggers) was not installed; partitions are still guarded by triggers.';
  END IF;
END $$;
