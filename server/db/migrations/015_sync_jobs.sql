-- Sync jobs (issue #15): a source read in cycles. The first kind is a PostgreSQL HR table or view
-- whose rows become HR events in the intake outbox, exactly as if HR had pushed them.
CREATE TABLE sync_jobs (
  id                  text PRIMARY KEY,
  name                text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('postgres-hr')),
  -- The HR source the events are filed under (person workflow `person:<hr_source>:<employeeId>`).
  hr_source           text NOT NULL,
  -- The source's settings as server/sync/job.ts declares them: connection (no password), query,
  -- key and change columns, mode, column mapping, termination, page size.
  config              jsonb NOT NULL,
  -- The source's password, sealed with the keyring (bound to `sync-job:<id>`); NULL when none.
  source_secret       text,
  -- Seconds between scheduled cycles; NULL runs only on demand.
  interval_seconds    integer CHECK (interval_seconds IS NULL OR interval_seconds >= 60),
  enabled             boolean NOT NULL DEFAULT true,
  -- Hold terminations when a full snapshot has more than this share fewer rows than the last one.
  max_drop_share      real NOT NULL DEFAULT 0.2 CHECK (max_drop_share >= 0 AND max_drop_share <= 1),
  -- Hold terminations when one cycle would send more than this many.
  max_terminations    integer NOT NULL DEFAULT 500 CHECK (max_terminations >= 0),
  -- Delta mode: the change value and key of the last row a completed cycle read.
  watermark           jsonb,
  -- Snapshot mode: rows the last completed snapshot read (what the drop threshold compares with).
  last_snapshot_rows  integer,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  created_by          text NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          text NOT NULL
);

-- One row per cycle (its id is the cycle workflow's id). `cursor` is the cycle's own position, moved
-- in the transaction that enqueues a page's events, so a retried page read resumes after it; the
-- job's watermark moves only when the whole cycle completes.
CREATE TABLE sync_cycles (
  id           text PRIMARY KEY,
  job_id       text NOT NULL REFERENCES sync_jobs (id),
  trigger      text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status       text NOT NULL CHECK (status IN ('running', 'succeeded', 'held', 'failed')),
  mode         text NOT NULL CHECK (mode IN ('delta', 'snapshot')),
  -- The job watermark the cycle started from, and its own position.
  started_from jsonb,
  cursor       jsonb,
  pages        integer NOT NULL DEFAULT 0,
  -- rows, hire, update, terminate, rehire, cancel, unchanged, skipped, invalid, absent
  counts       jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Per-record problems (missing key, duplicate key, bad values), the first 500.
  errors       jsonb NOT NULL DEFAULT '[]'::jsonb,
  held_reason  text,
  failure      text,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  approved_by  text,
  approved_at  timestamptz
);
CREATE INDEX sync_cycles_by_job ON sync_cycles (job_id, started_at DESC);

-- The keys a cycle has read (duplicate keys, and absence in a full snapshot), kept while it runs.
CREATE TABLE sync_cycle_keys (
  cycle_id     text NOT NULL REFERENCES sync_cycles (id) ON DELETE CASCADE,
  employee_id  text NOT NULL,
  PRIMARY KEY (cycle_id, employee_id)
);

-- Events that disable someone (terminate, cancel), kept back until the cycle has read its whole
-- source: a read that fails midway must never terminate anyone. A held cycle keeps them here until
-- an admin approves.
CREATE TABLE sync_cycle_deferred (
  cycle_id     text NOT NULL REFERENCES sync_cycles (id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  employee_id  text NOT NULL,
  event        jsonb NOT NULL,
  PRIMARY KEY (cycle_id, seq)
);

-- Events read from a sync source enter the outbox on a channel of their own.
ALTER TABLE hr_outbox DROP CONSTRAINT hr_outbox_channel_check;
ALTER TABLE hr_outbox ADD CONSTRAINT hr_outbox_channel_check CHECK (channel IN ('webhook', 'csv', 'scim', 'sql'));
