-- The HR intake outbox. Every HR event Tenure accepts, from every channel (webhook, SCIM bulk, CSV),
-- is written here in the transaction that accepts it, before the 202 goes back. The dispatcher
-- (server/hr/dispatcher.ts) hands the rows to the person workflows, one person's rows in `seq` order,
-- and marks them delivered. A crash before the mark only delivers an event again, which the person
-- workflow drops by its event id. A held batch enters the outbox when an admin approves it.
CREATE TABLE hr_outbox (
  seq          bigserial PRIMARY KEY,
  source       text NOT NULL,
  employee_id  text NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('webhook', 'csv', 'scim')),
  -- The HR event as validated at the edge: eventId, type, employeeId, effectiveAt?, attributes.
  event        jsonb NOT NULL,
  -- When Tenure accepted it (the person workflow's default effective time), not when it was delivered.
  received_at  timestamptz NOT NULL,
  -- The batch record it came from (SCIM bulk, CSV), whose progress delivery keeps.
  import_id    text,
  import_seq   integer,
  delivered_at timestamptz,
  -- Set when Temporal refuses the event for good (it can never be delivered): visible, never retried.
  refused_at   timestamptz,
  last_error   text
);
CREATE INDEX hr_outbox_undelivered ON hr_outbox (seq) WHERE delivered_at IS NULL AND refused_at IS NULL;
-- What a person has queued: the SCIM and CSV derivers compare with it while the projection lags.
CREATE INDEX hr_outbox_person ON hr_outbox (source, employee_id, seq);
CREATE INDEX hr_outbox_delivered ON hr_outbox (delivered_at) WHERE delivered_at IS NOT NULL;
-- A batch record enters the outbox once, however often its batch is approved.
CREATE UNIQUE INDEX hr_outbox_import_record ON hr_outbox (import_id, import_seq) WHERE import_id IS NOT NULL;

-- Which process drains the outbox: one at a time, so a person's events are delivered in order by a
-- single dispatcher. The holder renews its lease while it works; another takes over when it expires.
CREATE TABLE hr_outbox_lease (
  name       text PRIMARY KEY,
  holder     text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- A batch record whose event Temporal refused for good.
ALTER TABLE hr_import_records DROP CONSTRAINT hr_import_records_status_check;
ALTER TABLE hr_import_records ADD CONSTRAINT hr_import_records_status_check CHECK (status IN ('pending', 'delivered', 'unchanged', 'skipped', 'invalid', 'refused'));
