-- People who use Tenure (admins, approvers, operators, HR sources) and their API tokens.
CREATE TABLE users (
  id           text PRIMARY KEY,
  display_name text NOT NULL,
  email        text,
  -- Links the user to a person HR knows, so "the person's manager" resolves to a user.
  employee_id  text UNIQUE,
  roles        jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  disabled_at  timestamptz
);

-- Tokens are stored as SHA-256 hashes: the token itself is shown once, at creation.
CREATE TABLE api_tokens (
  id           text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users (id),
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
