/**
 * The approve and reject links of approval emails, outside /api: no login, the signed token is the
 * credential, and it is good for one approver, one approval stage, one decision and one use.
 *
 * GET shows what the link will do and a button; only POST decides. Mail scanners and link previews
 * fetch links on their own, and a GET that decided would let them approve on the reader's behalf.
 * Every refusal (altered or expired token, a link used before, an approval no longer waiting for
 * this approver) answers 4xx, is audited, and leaves the run untouched.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyLink, type LinkClaims } from '../../activities/approvals/links.ts';
import type { AppDeps } from '../app.ts';
import type { ApprovalStore } from '../db/approvals.ts';
import { ApiError } from '../http/errors.ts';
import { refuseAndAudit, sendDecision } from './approvalDecision.ts';

/**
 * A wildcard, not `:token`: tokens are longer than the router's limit for a named parameter (100
 * characters), which would answer 414 before the route could say anything useful.
 */
const tokenParams = z.strictObject({ '*': z.string().min(1).max(4000) });
const formBody = z.object({ comment: z.string().max(2000).optional() }).optional();

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}th{text-align:left;padding-right:1rem}button{font-size:1rem;padding:.5rem 1.5rem}textarea{width:100%}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, title: string, html: string, json: Record<string, unknown>) {
  // The URL holds the token: no referrer may carry it elsewhere, and no cache may keep the page.
  void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  if (wantsJson(request)) return reply.code(status).send(json);
  return reply
    .code(status)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .type('text/html; charset=utf-8')
    .send(page(title, html));
}

function refusal(request: FastifyRequest, reply: FastifyReply, error: ApiError) {
  return send(request, reply, error.statusCode, 'This link cannot be used', `<p>${escapeHtml(error.message)}</p>`, { error: { code: error.code, message: error.message } });
}

const verdictWord = { approve: 'approve', reject: 'reject' } as const;

export const approvalLinkRoutes =
  (deps: AppDeps, approvals: ApprovalStore): FastifyPluginAsyncZod =>
  (app) => {
    // Forms post urlencoded; parsed here only, for these routes.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    const decisionDeps = { db: deps.db, runs: deps.runs, temporal: deps.temporal, approvals };

    /** The token's claims, or an audited refusal. */
    async function claimsOf(token: string): Promise<LinkClaims> {
      const check = verifyLink(deps.approvalLinkKey, token, new Date());
      if (check.ok) return check.claims;
      const status = check.reason === 'expired' ? 410 : check.reason === 'signature' ? 403 : 400;
      const code = check.reason === 'expired' ? 'link_expired' : check.reason === 'signature' ? 'link_invalid' : 'bad_request';
      return refuseAndAudit(deps.db, 'anonymous', check.claimedApproval ?? 'unknown', status, code, check.message, { via: 'link', token: check.reason });
    }

    async function refuseUsed(claims: LinkClaims): Promise<never> {
      return refuseAndAudit(deps.db, claims.userId, claims.approvalId, 409, 'link_used', 'this link has already been used; each approval link works once', {
        via: 'link',
        decision: claims.decision,
        stage: claims.stage,
      });
    }

    // Route log level `warn`: Fastify's request log lines carry the URL, which holds the token.
    app.get('/hooks/approvals/*', { schema: { params: tokenParams }, logLevel: 'warn' }, async (request, reply) => {
      try {
        const claims = await claimsOf(request.params['*']);
        if (await approvals.linkSpent(claims.nonce)) await refuseUsed(claims);
        const row = await approvals.get(claims.approvalId);
        if (!row || row.status !== 'open' || row.item.stage !== claims.stage || !row.item.pending.includes(claims.userId)) {
          await refuseAndAudit(deps.db, claims.userId, claims.approvalId, 409, 'approval_closed', 'this approval is no longer waiting for your decision', { via: 'link', decision: claims.decision, stage: claims.stage });
        }
        const item = row?.item;
        const facts: [string, string][] = item
          ? [
              ['Person', item.person.displayName !== undefined ? `${item.person.displayName} (${item.person.employeeId})` : item.person.employeeId],
              ['Step', item.stages > 1 ? `${item.step}, stage ${item.stage} of ${item.stages}` : item.step],
              ...(item.question !== undefined ? [['Question', item.question] satisfies [string, string]] : []),
              ['Approving will', item.onApprove],
              ...(item.deadline !== undefined ? [['Decide by', item.deadline] satisfies [string, string]] : []),
            ]
          : [];
        const word = verdictWord[claims.decision];
        const html = `<p>You are about to <strong>${word}</strong> this request as ${escapeHtml(claims.userId)}.</p>
<table>${facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<form method="post"><p><label>Comment (optional)<br><textarea name="comment" rows="3" maxlength="2000"></textarea></label></p>
<p><button type="submit">${word === 'approve' ? 'Approve' : 'Reject'}</button></p></form>`;
        return await send(request, reply, 200, word === 'approve' ? 'Approve this request?' : 'Reject this request?', html, {
          approval: claims.approvalId,
          decision: claims.decision,
          approver: claims.userId,
          stage: claims.stage,
          ...(item ? { question: item.question ?? item.step, onApprove: item.onApprove } : {}),
        });
      } catch (error) {
        if (error instanceof ApiError) return refusal(request, reply, error);
        throw error;
      }
    });

    app.post('/hooks/approvals/*', { schema: { params: tokenParams, body: formBody }, logLevel: 'warn' }, async (request, reply) => {
      try {
        const claims = await claimsOf(request.params['*']);
        const comment = request.body?.comment?.trim();
        if (!(await approvals.spendLink({ nonce: claims.nonce, approvalId: claims.approvalId, userId: claims.userId, decision: claims.decision }))) await refuseUsed(claims);
        let result: Awaited<ReturnType<typeof sendDecision>>;
        try {
          result = await sendDecision(decisionDeps, {
            approvalId: claims.approvalId,
            approver: claims.userId,
            decision: claims.decision,
            stage: claims.stage,
            via: 'link',
            ...(comment !== undefined && comment !== '' ? { comment } : {}),
          });
        } catch (error) {
          // The run never heard the decision (Temporal unreachable): the link may be tried again.
          if (!(error instanceof ApiError)) await approvals.unspendLink(claims.nonce);
          throw error;
        }
        const done = claims.decision === 'approve' ? 'Approved' : 'Rejected';
        const html = `<p>Your decision was recorded${result.outcome === 'pending' ? '; the request now waits for the other approvers' : ''}. Thank you.</p>`;
        return await send(request, reply, 200, done, html, result);
      } catch (error) {
        if (error instanceof ApiError) return refusal(request, reply, error);
        throw error;
      }
    });
    return Promise.resolve();
  };
