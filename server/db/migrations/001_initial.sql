-- Definitions (drafts), their immutable revisions, runs started through the API, and the audit log.

CREATE TABLE definitions (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  lifecycle   text NOT NULL,
  draft       jsonb NOT NULL,
  -- Bumped on every save; a PUT carrying an older version is refused (lost-update protection).
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

CREATE TABLE revisions (
  definition_id text NOT NULL REFERENCES definitions (id),
  number        integer NOT NULL,
  hash          text NOT NULL,
  compiled      jsonb NOT NULL,
  -- The draft as published, layout included, so the designer can show any revision.
  draft         jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  published_by  text NOT NULL,
  PRIMARY KEY (definition_id, number)
);

CREATE TABLE runs (
  id            text PRIMARY KEY,
  workflow_id   text NOT NULL UNIQUE,
  definition_id text NOT NULL,
  revision      integer NOT NULL,
  employee_id   text NOT NULL,
  requested_by  text NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (definition_id, revision) REFERENCES revisions (definition_id, number)
);
CREATE INDEX runs_by_employee ON runs (employee_id, started_at DESC);
CREATE INDEX runs_by_definition ON runs (definition_id, started_at DESC);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_by_actor ON audit_log (actor, at);

-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
