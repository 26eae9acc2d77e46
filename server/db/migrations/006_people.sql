-- The people Tenure knows, projected from their person workflows (which stay the source of truth):
-- fast lists, and the known state an HR snapshot import is compared with.
CREATE TABLE people (
  source      text NOT NULL,
  employee_id text NOT NULL,
  state       text,
  attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, employee_id)
);
