/**
 * Used callback tokens (migration 003): each launch-and-wait callback is answered once. A claim is
 * an insert that a second claim for the same callback cannot repeat, so two concurrent replays
 * cannot both get through, on PostgreSQL as on PGlite.
 */
import type { Queryable } from './database.ts';

export interface CallbackClaim {
  callbackId: string;
  workflowId: string;
  tokenDigest: string;
  expiresAt: Date;
}

/** Claims the callback; false when it was already used. Call inside the transaction that acts on it. */
export async function claimCallback(tx: Queryable, claim: CallbackClaim): Promise<boolean> {
  // Forgetting expired rows keeps the table small; an expired token is refused before it gets here.
  await tx.query('DELETE FROM used_callbacks WHERE expires_at < now()');
  const inserted = await tx.query<{ callback_id: string }>(
    'INSERT INTO used_callbacks (callback_id, workflow_id, token_digest, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (callback_id) DO NOTHING RETURNING callback_id',
    [claim.callbackId, claim.workflowId, claim.tokenDigest, claim.expiresAt.toISOString()],
  );
  return inserted.length === 1;
}
