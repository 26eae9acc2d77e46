-- Approvals. Each run's workflow is the source of truth for its approval steps; approval_inbox is
-- the projection the inbox reads (one row per step, the newest state by sequence number). Approver
-- groups and delegations are configuration the workflow reads through activities. Sent notices
-- and spent email links make emails and links exactly-once.

CREATE TABLE approval_inbox (
  -- <runId>:<nodeId>, the id the API uses.
  id            text PRIMARY KEY,
  run_id        text NOT NULL,
  workflow_id   text NOT NULL,
  node_id       text NOT NULL,
  definition_id text NOT NULL,
  employee_id   text NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'closed')),
  -- User ids of the current stage who have not answered: whose inbox shows the row.
  pending       jsonb NOT NULL DEFAULT '[]'::jsonb,
  item          jsonb NOT NULL,
  opened_at     timestamptz NOT NULL,
  seq           bigint NOT NULL,
  deadline      timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approval_inbox_pending ON approval_inbox USING gin (pending) WHERE status = 'open';
CREATE INDEX approval_inbox_by_run ON approval_inbox (run_id);

CREATE TABLE approver_groups (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  -- User ids, in the order they were given.
  members     jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

CREATE TABLE approval_delegations (
  id          text PRIMARY KEY,
  from_user   text NOT NULL,
  to_user     text NOT NULL,
  starts_at   timestamptz NOT NULL DEFAULT now(),
  ends_at     timestamptz NOT NULL,
  reason      text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  revoked_at  timestamptz,
  revoked_by  text,
  CHECK (from_user <> to_user),
  CHECK (ends_at > starts_at)
);
CREATE INDEX approval_delegations_by_from ON approval_delegations (from_user, ends_at);
CREATE INDEX approval_delegations_by_to ON approval_delegations (to_user, ends_at);

-- One row per approval email sent to one approver (key names the notice and the approver).
CREATE TABLE approval_notices (
  key         text PRIMARY KEY,
  message_id  text NOT NULL,
  sent_at     timestamptz NOT NULL DEFAULT now()
);

-- Email links spent: a nonce is inserted once, so a link decides at most once.
CREATE TABLE approval_link_uses (
  nonce       text PRIMARY KEY,
  approval_id text NOT NULL,
  user_id     text NOT NULL,
  decision    text NOT NULL,
  used_at     timestamptz NOT NULL DEFAULT now()
);
