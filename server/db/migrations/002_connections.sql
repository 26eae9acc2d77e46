-- Target systems. Secrets are stored only as AES-256-GCM ciphertext (see server/secrets/keyring.ts).
CREATE TABLE connections (
  id          text PRIMARY KEY,
  kind        text NOT NULL,
  name        text NOT NULL,
  config      jsonb NOT NULL,
  secrets     text NOT NULL,
  -- Names of the secret fields that are set, so the API can say which are present without values.
  secret_fields jsonb NOT NULL DEFAULT '[]'::jsonb,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);
