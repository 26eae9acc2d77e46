/**
 * Users and their API tokens. A token is `tnr_<id>_<secret>`; only its SHA-256 hash is stored, so a
 * database leak yields no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';

export const roles = ['admin', 'designer', 'publisher', 'approver', 'operator', 'auditor', 'hr-source'] as const;
export type Role = (typeof roles)[number];

interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  employee_id: string | null;
  roles: Role[];
  created_at: Date;
  disabled_at: Date | null;
}

export interface User {
  id: string;
  displayName: string;
  email: string | null;
  employeeId: string | null;
  roles: Role[];
  createdAt: string;
  disabled: boolean;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  employeeId: r.employee_id,
  roles: r.roles,
  createdAt: r.created_at.toISOString(),
  disabled: r.disabled_at !== null,
});

interface TokenRow {
  id: string;
  name: string;
  created_at: Date;
  created_by: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUserStore(db: Database) {
  return {
    async create(input: { id: string; displayName: string; email?: string | undefined; employeeId?: string | undefined; roles: Role[] }, actor: string): Promise<User> {
      return db.transaction(async (tx) => {
        const [clash] = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = $1 OR (employee_id IS NOT NULL AND employee_id = $2)', [input.id, input.employeeId ?? null]);
        if (clash) throw new Conflict(clash.id === input.id ? `a user "${input.id}" already exists` : `employee ${input.employeeId ?? ''} is already linked to user "${clash.id}"`);
        const [row] = await tx.query<UserRow>(
          'INSERT INTO users (id, display_name, email, employee_id, roles, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
          [input.id, input.displayName, input.email ?? null, input.employeeId ?? null, JSON.stringify(input.roles), actor],
        );
        if (!row) throw new Error('the user insert returned nothing');
        await audit(tx, { actor, action: 'user.create', targetType: 'user', targetId: input.id, details: { roles: input.roles } });
        return toUser(row);
      });
    },

    async list(): Promise<User[]> {
      return (await db.query<UserRow>('SELECT * FROM users ORDER BY id')).map(toUser);
    },

    async get(id: string): Promise<User> {
      const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      if (!row) throw new NotFound(`no user "${id}"`);
      return toUser(row);
    },

    /** Replaces a user's roles; they apply to the user's next request (tokens and sessions read them each time). */
    async setRoles(id: string, next: Role[], actor: string): Promise<User> {
      return db.transaction(async (tx) => {
        const [before] = await tx.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
        if (!before) throw new NotFound(`no user "${id}"`);
        // An admin who took their own admin role away could be the last one, with nobody left to give it back.
        if (id === actor && before.roles.includes('admin') && !next.includes('admin')) throw new Conflict('you cannot remove your own admin role; ask another admin to do it');
        const [row] = await tx.query<UserRow>('UPDATE users SET roles = $2 WHERE id = $1 RETURNING *', [id, JSON.stringify(next)]);
        if (!row) throw new Error('the role update returned nothing');
        await audit(tx, { actor, action: 'user.roles', targetType: 'user', targetId: id, details: { before: before.roles, after: next } });
        return toUser(row);
      });
    },

    /** A user's tokens, newest first: names and dates, never a value or its hash. */
    async tokens(userId: string): Promise<TokenInfo[]> {
      await this.get(userId);
      const rows = await db.query<TokenRow>('SELECT id, name, created_at, created_by, expires_at, revoked_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id', [userId]);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at.toISOString(),
        createdBy: r.created_by,
        expiresAt: r.expires_at?.toISOString() ?? null,
        revokedAt: r.revoked_at?.toISOString() ?? null,
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
      }));
    },

    async byEmployeeId(employeeId: string): Promise<User | undefined> {
      const [row] = await db.query<UserRow>('SELECT * FROM users WHERE employee_id = $1 AND disabled_at IS NULL', [employeeId]);
      return row ? toUser(row) : undefined;
    },

    /** Issues a token; the clear value is returned once and never stored. */
    async issueToken(userId: string, name: string, expiresInDays: number | undefined, actor: string): Promise<{ id: string; token: string; expiresAt: string | null }> {
      const user = await this.get(userId);
      if (user.disabled) throw new Conflict(`user "${userId}" is disabled`);
      const id = randomBytes(6).toString('hex');
      const token = `tnr_${id}_${randomBytes(32).toString('base64url')}`;
      const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * 86_400_000);
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [id, userId, name, hashToken(token), expiresAt, actor]);
        await audit(tx, { actor, action: 'token.issue', targetType: 'user', targetId: userId, details: { tokenId: id, name, expiresAt: expiresAt?.toISOString() ?? null } });
      });
      return { id, token, expiresAt: expiresAt?.toISOString() ?? null };
    },

    async revokeToken(userId: string, tokenId: string, actor: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id', [tokenId, userId]);
        if (!row) throw new NotFound(`user "${userId}" has no active token "${tokenId}"`);
        await audit(tx, { actor, action: 'token.revoke', targetType: 'user', targetId: userId, details: { tokenId } });
      });
    },

    /** The user a token belongs to, if the token is valid now (not revoked, not expired, user enabled). */
    async authenticate(token: string): Promise<User | undefined> {
      const [row] = await db.query<UserRow>(
        `UPDATE api_tokens t SET last_used_at = now() FROM users u
         WHERE t.token_hash = $1 AND t.user_id = u.id AND t.revoked_at IS NULL
           AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL
         RETURNING u.*`,
        [hashToken(token)],
      );
      return row ? toUser(row) : undefined;
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
