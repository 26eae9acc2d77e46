-- Sign-in sessions of people who came through OpenID Connect. The cookie holds a random id; only its
-- SHA-256 hash is stored, so a database leak yields no usable session.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  -- The Tenure user, when the person matched one; NULL when the IdP's roles claim alone admitted them.
  user_id      text REFERENCES users (id),
  issuer       text NOT NULL,
  subject      text NOT NULL,
  display_name text NOT NULL,
  -- Roles from the IdP's roles claim at sign-in; NULL means "read the users table on every request".
  roles        jsonb,
  csrf_secret  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Which IdP account (issuer + sub) is which Tenure user: linked on the first sign-in by verified email.
CREATE TABLE oidc_subjects (
  issuer     text NOT NULL,
  subject    text NOT NULL,
  user_id    text NOT NULL REFERENCES users (id),
  linked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
