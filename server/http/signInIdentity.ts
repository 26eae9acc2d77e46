/**
 * Who a verified ID token is in Tenure. A person is the Tenure user linked to their IdP account
 * (issuer + sub), or, on their first sign-in, the one enabled user whose email equals their
 * *verified* email (then linked, so a later email change does not lose them). Roles come from the
 * users table, or from the IdP's roles claim when TENURE_OIDC_ROLES_CLAIM is set and the token
 * carries it (only known role names; the others are reported so the caller can log them).
 *
 * Nobody is created here: a person with no matching user and no role is refused.
 */
import { roles, type Role } from '../db/users.ts';
import type { SessionStore, SignInUser } from '../db/sessions.ts';
import type { VerifiedClaims } from './oidc.ts';

export type SignInDecision =
  | { admitted: true; userId: string | null; displayName: string; roles: Role[] | null; ignoredRoles: string[] }
  | { admitted: false; reason: string; ignoredRoles: string[] };

const isRole = (value: string): value is Role => roles.some((r) => r === value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The claim's values: an array of names (Entra app roles) or one space-separated string; undefined when the token lacks it. */
function claimValues(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter((v) => v !== '');
  return [];
}

async function matchUser(verified: VerifiedClaims, sessions: SessionStore): Promise<{ user?: SignInUser; refusal?: string }> {
  const linked = await sessions.userForSubject(verified.issuer, verified.subject);
  if (linked) return linked.disabled ? { refusal: `your Tenure user "${linked.id}" is disabled; ask a Tenure admin if you should have access` } : { user: linked };
  const email = text(verified.claims.email);
  const emailVerified = verified.claims.email_verified === true || verified.claims.email_verified === 'true';
  if (email === undefined || !emailVerified) return {};
  const candidates = await sessions.usersWithEmail(email);
  if (candidates.length > 1) return { refusal: `more than one Tenure user has the email ${email}; ask a Tenure admin to keep it on one user only` };
  const [user] = candidates;
  if (!user) return {};
  await sessions.link(verified.issuer, verified.subject, user.id);
  return { user };
}

export async function whoSignsIn(verified: VerifiedClaims, rolesClaim: string | undefined, sessions: SessionStore): Promise<SignInDecision> {
  const fromClaim = rolesClaim === undefined ? undefined : claimValues(verified.claims[rolesClaim]);
  const known = fromClaim?.filter(isRole) ?? null;
  const ignoredRoles = fromClaim?.filter((r) => !isRole(r)) ?? [];
  const { user, refusal } = await matchUser(verified, sessions);
  if (refusal !== undefined) return { admitted: false, reason: refusal, ignoredRoles };
  if (!user && (known === null || known.length === 0)) {
    const email = text(verified.claims.email);
    return {
      admitted: false,
      reason: `no Tenure user matches your account${email !== undefined ? ` (${email})` : ''} and your identity provider gives you no Tenure role; ask a Tenure admin to add a user with your verified email`,
      ignoredRoles,
    };
  }
  const displayName = user?.displayName ?? text(verified.claims.name) ?? text(verified.claims.preferred_username) ?? text(verified.claims.email) ?? verified.subject;
  return { admitted: true, userId: user?.id ?? null, displayName, roles: known, ignoredRoles };
}
