-- The audit log as evidence: who changed what, when, for whom; queryable by person, actor and time.
-- 001 already refuses UPDATE and DELETE row by row; TRUNCATE bypasses row triggers, so it gets a
-- statement trigger of its own. (A superuser can still drop the trigger: the log protects against
-- the application and its users, not against the database's owner.)
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The person and the run an entry concerns, as columns so they can be indexed (details stays free-form).
ALTER TABLE audit_log ADD COLUMN employee_id text;
ALTER TABLE audit_log ADD COLUMN run_id text;

-- Newest first with keyset pagination: every query orders by (at, id) descending.
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_by_employee ON audit_log (employee_id, at DESC, id DESC) WHERE employee_id IS NOT NULL;
CREATE INDEX audit_log_by_actor_time ON audit_log (actor, at DESC, id DESC);
CREATE INDEX audit_log_by_action_time ON audit_log (action text_pattern_ops, at DESC, id DESC);
