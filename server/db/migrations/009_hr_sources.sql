-- Per-HR-source integrity settings (issue #7 §3). An HR source is a user holding the hr-source role;
-- without a row here it is held to nothing beyond its API token.
CREATE TABLE hr_sources (
  user_id           text PRIMARY KEY REFERENCES users (id),
  -- The HMAC signing secret, encrypted with the keyring (bound to the user id); NULL when none is set.
  signing_secret    text,
  require_signature boolean NOT NULL DEFAULT false,
  -- CIDR blocks (IPv4 and IPv6) the source may call from; an empty list allows any address.
  allowed_ips       jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Requests per minute; NULL means no per-source limit.
  rate_per_minute   integer CHECK (rate_per_minute IS NULL OR rate_per_minute > 0),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL
);

-- Signed requests already accepted, so a replay inside the timestamp window is refused by every API
-- process (the unique key is the claim). Rows are pruned once no timestamp they could match is
-- still inside the window.
CREATE TABLE hr_request_signatures (
  source  text NOT NULL REFERENCES users (id),
  digest  text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, digest)
);
CREATE INDEX hr_request_signatures_by_age ON hr_request_signatures (seen_at);
