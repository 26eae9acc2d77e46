/**
 * Sign-in sessions and the links between identity-provider accounts and Tenure users. The session
 * cookie carries a random id; only its SHA-256 hash is stored, so a database leak yields no usable
 * session. A session is live while not revoked, before its absolute expiry and within the idle
 * timeout; using it moves its idle clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { roles, type Role } from './users.ts';

const roleList = z.array(z.enum(roles));

/** A live session and who it speaks for. */
export interface ActiveSession {
  idHash: string;
  /** The caller id the rest of the API sees: the Tenure user, or `oidc:<sub>` for a person admitted by the roles claim alone. */
  callerId: string;
  userId: string | null;
  displayName: string;
  roles: Role[];
  employeeId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export interface NewSession {
  userId: string | null;
  issuer: string;
  subject: string;
  displayName: string;
  /** Roles from the IdP's claim, fixed for the session; null reads the users table on every request. */
  roles: Role[] | null;
  lifetimeMs: number;
}

/** A Tenure user as sign-in sees them. */
export interface SignInUser {
  id: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

interface SessionRow {
  id_hash: string;
  user_id: string | null;
  subject: string;
  display_name: string;
  roles: unknown;
  csrf_secret: string;
  expires_at: Date;
  user_roles: unknown;
  user_display_name: string | null;
  employee_id: string | null;
  user_disabled_at: Date | null;
}

interface UserRow {
  id: string;
  display_name: string;
  roles: unknown;
  disabled_at: Date | null;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
const toUser = (r: UserRow): SignInUser => ({ id: r.id, displayName: r.display_name, roles: roleList.parse(r.roles), disabled: r.disabled_at !== null });

export function createSessionStore(db: Database) {
  return {
    /** Opens a session; the id (for the cookie) is returned once and never stored in clear. */
    async open(input: NewSession): Promise<{ id: string; csrfToken: string; expiresAt: string }> {
      const id = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + input.lifetimeMs);
      const actor = input.userId ?? `oidc:${input.subject}`;
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO sessions (id_hash, user_id, issuer, subject, display_name, roles, csrf_secret, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [hashId(id), input.userId, input.issuer, input.subject, input.displayName, input.roles === null ? null : JSON.stringify(input.roles), csrfToken, expiresAt],
        );
        await audit(tx, { actor, action: 'session.signin', targetType: 'session', targetId: actor, details: { issuer: input.issuer, rolesFrom: input.roles === null ? 'users' : 'claim' } });
      });
      return { id, csrfToken, expiresAt: expiresAt.toISOString() };
    },

    /** The live session with this cookie id, its idle clock moved to now; undefined when it has ended. */
    async touch(id: string, idleMs: number): Promise<ActiveSession | undefined> {
      const [row] = await db.query<SessionRow>(
        `WITH live AS (
           UPDATE sessions SET last_seen_at = now()
           WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
           RETURNING *
         )
         SELECT live.*, u.roles AS user_roles, u.display_name AS user_display_name, u.employee_id, u.disabled_at AS user_disabled_at
         FROM live LEFT JOIN users u ON u.id = live.user_id`,
        [hashId(id), idleMs / 1000],
      );
      if (!row) return undefined;
      // A user disabled (or their roles changed) after sign-in: the change applies to the next request.
      if (row.user_id !== null && (row.user_display_name === null || row.user_disabled_at !== null)) return undefined;
      return {
        idHash: row.id_hash,
        callerId: row.user_id ?? `oidc:${row.subject}`,
        userId: row.user_id,
        displayName: row.user_display_name ?? row.display_name,
        roles: roleList.parse(row.roles ?? row.user_roles ?? []),
        employeeId: row.employee_id,
        csrfToken: row.csrf_secret,
        expiresAt: row.expires_at.toISOString(),
      };
    },

    async revoke(session: ActiveSession): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [session.idHash]);
        await audit(tx, { actor: session.callerId, action: 'session.signout', targetType: 'session', targetId: session.callerId });
      });
    },

    /** The user linked to this IdP account, if any. */
    async userForSubject(issuer: string, subject: string): Promise<SignInUser | undefined> {
      const [row] = await db.query<UserRow>('SELECT u.* FROM oidc_subjects s JOIN users u ON u.id = s.user_id WHERE s.issuer = $1 AND s.subject = $2', [issuer, subject]);
      return row ? toUser(row) : undefined;
    },

    /** Enabled users whose email is this one (case-insensitive): more than one is an ambiguity the caller refuses. */
    async usersWithEmail(email: string): Promise<SignInUser[]> {
      return (await db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL ORDER BY id', [email])).map(toUser);
    },

    /** Links an IdP account to a user, so later sign-ins find them by subject even if the email changes. */
    async link(issuer: string, subject: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO oidc_subjects (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT (issuer, subject) DO NOTHING', [issuer, subject, userId]);
        await audit(tx, { actor: userId, action: 'user.link-oidc', targetType: 'user', targetId: userId, details: { issuer, subject } });
      });
    },

    /** A refused sign-in, for the audit log (who tried, and why). */
    async refused(issuer: string, subject: string, reason: string): Promise<void> {
      await audit(db, { actor: `oidc:${subject}`, action: 'session.refused', targetType: 'session', targetId: `oidc:${subject}`, details: { issuer, reason } });
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
