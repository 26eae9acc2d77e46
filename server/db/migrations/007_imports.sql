-- HR batches: CSV snapshot imports and SCIM bulk requests, with the events Tenure derived from them.
-- An accepted batch is stored before the HTTP answer goes back; its runner delivers the pending
-- events in order and marks each one, so a restart resumes where it stopped. Event ids are
-- deterministic: delivering a record twice is a no-op in the person workflow.
CREATE TABLE hr_imports (
  id            text PRIMARY KEY,
  source        text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('csv', 'scim')),
  -- dry-run: never delivered; held: waits for an admin (mass-change safety); running: being
  -- delivered; completed; failed: delivery gave up (approve again to retry); rejected by an admin.
  status        text NOT NULL CHECK (status IN ('dry-run', 'held', 'running', 'completed', 'failed', 'rejected')),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  -- Counts by outcome (hire, update, terminate, rehire, cancel, unchanged, skipped, invalid, records).
  counts        jsonb NOT NULL,
  -- The mass-change safety verdict: disables, recent disables, known active, share, limits, reason.
  safety        jsonb NOT NULL,
  held_reason   text,
  approved_by   text,
  approved_at   timestamptz,
  rejected_by   text,
  rejected_at   timestamptz,
  finished_at   timestamptz,
  last_error    text
);
CREATE INDEX hr_imports_by_source ON hr_imports (source, created_at DESC);
CREATE INDEX hr_imports_running ON hr_imports (status) WHERE status = 'running';

CREATE TABLE hr_import_records (
  import_id    text NOT NULL REFERENCES hr_imports (id),
  seq          integer NOT NULL,
  -- Where the record came from: the CSV line it starts on, or the SCIM operation's index and bulkId.
  line         integer,
  op_index     integer,
  bulk_id      text,
  employee_id  text,
  -- pending (an event waits for delivery), delivered, unchanged, skipped, invalid.
  status       text NOT NULL CHECK (status IN ('pending', 'delivered', 'unchanged', 'skipped', 'invalid')),
  event_type   text,
  event        jsonb,
  note         text,
  -- Problems with the record: [{ path, message, line?, column?, columnName? }].
  errors       jsonb NOT NULL DEFAULT '[]'::jsonb,
  delivered_at timestamptz,
  PRIMARY KEY (import_id, seq)
);
CREATE INDEX hr_import_records_pending ON hr_import_records (import_id, seq) WHERE status = 'pending';
CREATE INDEX hr_import_records_delivered ON hr_import_records (delivered_at) WHERE status = 'delivered';
