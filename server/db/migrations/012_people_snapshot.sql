-- The person workflow records everything it holds after every change: the API reads people from here
-- (a busy worker never turns a page view into an error), and a person workflow started again after it
-- was closed begins from here instead of from nothing. `attention` is set while the latest run of a
-- lifecycle has failed, so people needing a look can be listed.
ALTER TABLE people ADD COLUMN snapshot jsonb;
ALTER TABLE people ADD COLUMN attention jsonb;
CREATE INDEX people_attention ON people (source, employee_id) WHERE attention IS NOT NULL;
