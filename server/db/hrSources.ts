/**
 * Per-HR-source integrity settings: the HMAC signing secret (encrypted with the keyring, bound to
 * the source, write-only: the API only learns whether one is set), whether signatures are required,
 * the IP allow-list and the rate limit; and the register of accepted signatures that refuses replays
 * across every API process sharing the database.
 */
import { z } from 'zod';
import type { Keyring } from '../secrets/keyring.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';

interface SourceRow {
  id: string;
  display_name: string;
  roles: unknown;
  signing_secret: string | null;
  require_signature: boolean | null;
  allowed_ips: unknown;
  rate_per_minute: number | null;
  updated_at: Date | null;
  updated_by: string | null;
}

/** A source as the API shows it: never the secret. */
export interface HrSourceView {
  id: string;
  displayName: string;
  /** False while no settings were saved: the source is held to its API token only. */
  configured: boolean;
  hasSigningSecret: boolean;
  requireSignature: boolean;
  allowedIps: string[];
  ratePerMinute: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What the request guard needs, the secret decrypted. */
export interface HrSourceSettings {
  id: string;
  signingSecret: string | undefined;
  requireSignature: boolean;
  allowedIps: string[];
  ratePerMinute: number | null;
}

export interface HrSourceUpdate {
  /** A new secret; `null` removes it; absent keeps the stored one. */
  signingSecret?: string | null | undefined;
  requireSignature: boolean;
  allowedIps: string[];
  ratePerMinute: number | null;
}

const stringList = z.array(z.string());
const isHrSource = (roles: unknown) => stringList.catch([]).parse(roles).includes('hr-source');
// The ciphertext is bound to this context, so a connection's secret cannot be swapped in for it;
// key rotation (server/secrets/rotate.ts) re-seals with the same context.
export const hrSourceSecretContext = (id: string) => `hr-source:${id}`;

const selectSources = `
  SELECT u.id, u.display_name, u.roles, h.signing_secret, h.require_signature, h.allowed_ips, h.rate_per_minute, h.updated_at, h.updated_by
  FROM users u LEFT JOIN hr_sources h ON h.user_id = u.id`;

const view = (r: SourceRow): HrSourceView => ({
  id: r.id,
  displayName: r.display_name,
  configured: r.updated_at !== null,
  hasSigningSecret: r.signing_secret !== null,
  requireSignature: r.require_signature ?? false,
  allowedIps: stringList.parse(r.allowed_ips ?? []),
  ratePerMinute: r.rate_per_minute,
  updatedAt: r.updated_at?.toISOString() ?? null,
  updatedBy: r.updated_by,
});

export function createHrSourceStore(db: Database, keyring: Keyring) {
  async function row(id: string): Promise<SourceRow | undefined> {
    const [r] = await db.query<SourceRow>(`${selectSources} WHERE u.id = $1`, [id]);
    return r;
  }

  const store = {
    /** Every user holding the hr-source role, and any user with saved settings. */
    async list(): Promise<HrSourceView[]> {
      const rows = await db.query<SourceRow>(`${selectSources} WHERE u.roles @> '["hr-source"]'::jsonb OR h.user_id IS NOT NULL ORDER BY u.id`);
      return rows.map(view);
    },

    async get(id: string): Promise<HrSourceView> {
      const r = await row(id);
      if (!r || (!isHrSource(r.roles) && r.updated_at === null)) throw new NotFound(`no HR source "${id}" (an HR source is a user with the hr-source role)`);
      return view(r);
    },

    async put(id: string, input: HrSourceUpdate, actor: string): Promise<HrSourceView> {
      await db.transaction(async (tx) => {
        const [user] = await tx.query<{ roles: unknown }>('SELECT roles FROM users WHERE id = $1', [id]);
        if (!user) throw new NotFound(`no user "${id}"; create the HR source's user (POST /api/users with the hr-source role) first`);
        if (!isHrSource(user.roles)) throw new Conflict(`user "${id}" does not hold the hr-source role; only HR sources have these settings`);
        const [current] = await tx.query<{ signing_secret: string | null }>('SELECT signing_secret FROM hr_sources WHERE user_id = $1 FOR UPDATE', [id]);
        const secret = input.signingSecret === undefined ? (current?.signing_secret ?? null) : input.signingSecret === null ? null : keyring.encrypt(input.signingSecret, hrSourceSecretContext(id));
        if (input.requireSignature && secret === null) throw new Conflict(`HR source "${id}" has no signing secret: send signingSecret with requireSignature, or leave requireSignature false`);
        await tx.query(
          `INSERT INTO hr_sources (user_id, signing_secret, require_signature, allowed_ips, rate_per_minute, updated_at, updated_by)
           VALUES ($1, $2, $3, $4, $5, now(), $6)
           ON CONFLICT (user_id) DO UPDATE SET signing_secret = $2, require_signature = $3, allowed_ips = $4, rate_per_minute = $5, updated_at = now(), updated_by = $6`,
          [id, secret, input.requireSignature, JSON.stringify(input.allowedIps), input.ratePerMinute, actor],
        );
        const signingSecret = input.signingSecret === undefined ? 'unchanged' : input.signingSecret === null ? 'removed' : 'set';
        await audit(tx, { actor, action: 'hr-source.update', targetType: 'hr-source', targetId: id, details: { signingSecret, requireSignature: input.requireSignature, allowedIps: input.allowedIps, ratePerMinute: input.ratePerMinute } });
      });
      return store.get(id);
    },

    /** The source's settings with the secret decrypted; undefined when none were saved. */
    async settingsFor(id: string): Promise<HrSourceSettings | undefined> {
      const [r] = await db.query<SourceRow>(`${selectSources} WHERE u.id = $1 AND h.user_id IS NOT NULL`, [id]);
      if (!r) return undefined;
      return {
        id,
        signingSecret: r.signing_secret === null ? undefined : keyring.decrypt(r.signing_secret, hrSourceSecretContext(id)),
        requireSignature: r.require_signature ?? false,
        allowedIps: stringList.parse(r.allowed_ips ?? []),
        ratePerMinute: r.rate_per_minute,
      };
    },

    /**
     * Records a verified signature; false when it was already recorded (a replay). The insert is the
     * claim, so two processes racing on the same request cannot both accept it. Rows are kept for
     * twice the window: a request stamped up to one window ahead stays replayable that long.
     */
    async claimSignature(source: string, digest: string, windowSeconds: number): Promise<boolean> {
      await db.query("DELETE FROM hr_request_signatures WHERE seen_at < now() - make_interval(secs => $1)", [2 * windowSeconds]);
      const claimed = await db.query<{ digest: string }>('INSERT INTO hr_request_signatures (source, digest) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING digest', [source, digest]);
      return claimed.length > 0;
    },

    /** Forgets a claim whose request the server failed to process, so the sender's retry is not a "replay". */
    async releaseSignature(source: string, digest: string): Promise<void> {
      await db.query('DELETE FROM hr_request_signatures WHERE source = $1 AND digest = $2', [source, digest]);
    },
  };
  return store;
}

export type HrSourceStore = ReturnType<typeof createHrSourceStore>;
