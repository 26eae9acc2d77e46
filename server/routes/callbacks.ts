/**
 * Callbacks from outside systems to steps waiting on them (HTTP callouts in launch-and-wait mode):
 * `POST /hooks/callbacks/<token>` with any JSON body up to 1 MB → 202.
 *
 * Outside /api on purpose: the caller has no API token; the signed, single-use token in the path is
 * its credential (activities/http/callbackToken.ts). A tampered, expired or replayed token is
 * refused with a 4xx that says why, audited, and never reaches the run. The token is claimed and
 * the run signalled in one database transaction, so a callback whose signal failed can be sent again.
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyCallbackToken, type TokenCheck } from '../../activities/http/callbackToken.ts';
import { callbackSignal } from '../../workflows/messages.ts';
import type { AppDeps } from '../app.ts';
import { audit } from '../db/audit.ts';
import { claimCallback } from '../db/callbacks.ts';
import { ApiError } from '../http/errors.ts';

const maxBodyBytes = 1024 * 1024;

const refusals = {
  malformed: [403, 'invalid_callback_token'],
  signature: [403, 'invalid_callback_token'],
  expired: [410, 'callback_expired'],
} as const;

// A wildcard, not `:token`: the router caps named parameters at 100 characters, and tokens are longer.
const params = z.strictObject({ '*': z.string().max(4096) });
const accepted = z.strictObject({ accepted: z.literal(true), callbackId: z.string() });

export const callbackRoutes =
  ({ db, temporal, callbackKey }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // logLevel warn: the info-level request log would write the URL, and the token in it is a credential until used.
    app.post('/hooks/callbacks/*', { bodyLimit: maxBodyBytes, logLevel: 'warn', schema: { params, response: { 202: accepted } } }, async (request, reply) => {
      const token = request.params['*'];
      const tokenDigest = createHash('sha256').update(token).digest('hex');
      const refuse = async (status: number, code: string, message: string, where?: { callbackId: string; workflowId: string }) => {
        await audit(db, {
          actor: 'callback',
          action: 'callback.refused',
          targetType: 'callback',
          targetId: where?.callbackId ?? 'unknown',
          details: { ...(where ? { workflowId: where.workflowId } : {}), reason: message, status, token: tokenDigest.slice(0, 16) },
        });
        return new ApiError(status, code, message);
      };

      const check: TokenCheck = token.includes('/')
        ? { ok: false, reason: 'malformed', message: 'the callback URL has extra path segments; use it exactly as received' }
        : verifyCallbackToken(callbackKey, token);
      if (!check.ok) {
        const [status, code] = refusals[check.reason];
        // Only an expired token's claims are trustworthy (its signature checked out).
        throw await refuse(status, code, check.message, check.reason === 'expired' ? check.claims : undefined);
      }
      const contentType = request.headers['content-type'] ?? '';
      if (request.body !== undefined && !/^application\/(.+\+)?json\b/i.test(contentType)) {
        throw new ApiError(415, 'unsupported_media_type', 'send the callback body as JSON (Content-Type: application/json)');
      }
      const { workflowId, callbackId, expiresAt } = check.claims;
      const payload: unknown = request.body ?? null;
      const where = { callbackId, workflowId };

      let outcome: 'accepted' | 'used' | 'finished';
      try {
        outcome = await db.transaction(async (tx) => {
          if (!(await claimCallback(tx, { callbackId, workflowId, tokenDigest, expiresAt }))) return 'used';
          await temporal.workflow.getHandle(workflowId).signal(callbackSignal, { callbackId, payload });
          await audit(tx, { actor: 'callback', action: 'callback.accepted', targetType: 'callback', targetId: callbackId, details: { workflowId, token: tokenDigest.slice(0, 16) } });
          return 'accepted';
        });
      } catch (error) {
        // The signal could not be delivered: the claim rolled back with the transaction.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        outcome = 'finished';
      }
      if (outcome === 'used') throw await refuse(409, 'callback_used', 'this callback was already answered; each callback URL is good once', where);
      if (outcome === 'finished') throw await refuse(410, 'run_finished', `the run (${workflowId}) has finished and waits for no callback`, where);
      return reply.code(202).send({ accepted: true, callbackId });
    });
    return Promise.resolve();
  };
