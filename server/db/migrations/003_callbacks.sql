-- Callbacks that have been answered. A launch-and-wait step's callback URL is good once: the first
-- accepted callback claims its row, a replay finds it and is refused. Rows past their expiry can go:
-- an expired token is refused on its own.
CREATE TABLE used_callbacks (
  callback_id  text PRIMARY KEY,
  workflow_id  text NOT NULL,
  -- SHA-256 of the token that was used (not the token: it was a credential).
  token_digest text NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX used_callbacks_by_expiry ON used_callbacks (expires_at);
