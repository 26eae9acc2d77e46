-- The last test of each connection, so pages can say whether a connection works without testing it
-- again. Cleared when the settings or secrets change: a result says nothing about settings it did not see.
ALTER TABLE connections ADD COLUMN last_test_ok boolean;
ALTER TABLE connections ADD COLUMN last_test_at timestamptz;
ALTER TABLE connections ADD COLUMN last_test_failed_step text;
