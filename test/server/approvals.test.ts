/**
 * The approvals API and the email links, end to end: real Temporal dev server, real SMTP server,
 * links read out of the received mail and followed against the HTTP server. Every bad request is
 * refused with a 4xx, audited, and leaves the run as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeMailTransports } from '../../activities/email/mailer.ts';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../peers/smtp.ts';
import { errorBody } from '../support/api.ts';
import { approvalDefinition, callAs, decideAs, inboxOf, publishAndRun, runUntil, userWithToken, type Headers } from '../support/approvals.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let peer: SmtpPeer;
const as: Record<string, Headers> = {};
const header = (id: string): Headers => {
  const h = as[id];
  if (!h) throw new Error(`no user ${id}`);
  return h;
};

beforeAll(async () => {
  [sys, peer] = await Promise.all([startTestSystem(), startSmtpPeer({ tls: 'starttls' })]);
  as.ops = await userWithToken(sys, 'ops', { roles: ['operator'] });
  for (const id of ['alice', 'bob', 'carol']) as[id] = await userWithToken(sys, id, { email: `${id}@example.test` });
  const created = await sys.api('POST', '/api/connections', { id: 'mail', kind: 'email', name: 'Mail', config: { host: peer.host, port: peer.port, from: 'tenure@example.test', tls: { ca: peer.ca } }, secrets: {} });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await closeMailTransports();
  await Promise.all([sys.stop(), peer.stop()]);
});

const person = (employeeId: string) => ({ employeeId, attributes: { givenName: 'Ada', surname: 'Lovelace' } });

/** The mail for this approval and recipient, once it arrived. */
async function mailFor(approvalId: string, to: string): Promise<ReceivedMail> {
  return eventually(async () => Promise.resolve(peer.messages.find((m) => m.parsed.headers.get('x-tenure-approval') === approvalId && m.rcptTo.includes(to))), `the email to ${to}`);
}

/** The path of a link in the mail's text (`Approve: …` or `Reject: …`). */
function linkIn(mail: ReceivedMail, which: 'Approve' | 'Reject'): string {
  const match = new RegExp(`^${which}:\\s+(\\S+)$`, 'm').exec(mail.parsed.text ?? '');
  if (!match?.[1]) throw new Error(`no ${which} link in: ${mail.parsed.text ?? ''}`);
  return new URL(match[1]).pathname;
}

const follow = (path: string, accept = 'text/html') => sys.app.inject({ method: 'GET', url: path, headers: { accept } });
const submit = (path: string, form = '', accept = 'text/html') =>
  sys.app.inject({ method: 'POST', url: path, headers: { accept, 'content-type': 'application/x-www-form-urlencoded' }, payload: form });

const twoApprovers = approvalDefinition('mailed', {
  stages: [{ approvers: [{ kind: 'user', userId: 'alice' }, { kind: 'user', userId: 'bob' }], mode: 'all' }],
  notify: { connectionId: 'mail' },
});

describe('approval email links', () => {
  it('emails each approver their own links; following one approves exactly that item, once', async () => {
    const runId = await publishAndRun(sys, twoApprovers, person('E1'), header('ops'));
    const other = await publishAndRun(sys, twoApprovers, person('E2'), header('ops'));
    const id = `${runId}:ask`;
    const mail = await mailFor(id, 'alice@example.test');
    expect(mail.parsed.subject).toBe('Approval needed: Grant production access? (Ada Lovelace (E1))');
    expect(mail.parsed.text).toContain('Approving will: Then: Log the grant');
    expect(mail.parsed.html || '').toContain('>Approve</a>');
    await mailFor(`${other}:ask`, 'alice@example.test');
    const approve = linkIn(mail, 'Approve');
    expect(approve).toMatch(/^\/hooks\/approvals\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    // Looking at the link decides nothing (mail scanners follow links too).
    const shown = await follow(approve);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.body).toContain('Approve this request?');
    expect(shown.body).toContain('Ada Lovelace (E1)');
    expect((await runUntil(sys, runId, 'the run untouched', () => true)).openApprovals[0]).toMatchObject({ pending: ['alice', 'bob'] });

    const approved = await submit(approve, 'comment=looks+good');
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('Approved');
    const after = await runUntil(sys, runId, 'alice’s decision', (v) => v.openApprovals[0]?.pending?.join() === 'bob');
    expect(after.openApprovals[0]).toMatchObject({ decisions: [expect.objectContaining({ approver: 'alice', decision: 'approve', via: 'link', comment: 'looks good', stage: 1 })] });

    for (const replay of [await submit(approve), await submit(linkIn(mail, 'Reject')), await follow(approve, 'application/json')]) {
      expect(replay.statusCode).toBe(409);
    }
    expect(errorBody.parse((await submit(approve, '', 'application/json')).json()).error).toEqual({ code: 'link_used', message: 'this link has already been used; each approval link works once' });
    expect((await runUntil(sys, runId, 'the run unchanged', () => true)).openApprovals[0]).toMatchObject({ decisions: [expect.objectContaining({ approver: 'alice' })] });
    expect((await runUntil(sys, other, 'the other run untouched', () => true)).openApprovals[0]).toMatchObject({ pending: ['alice', 'bob'], decisions: [] });

    // A step that closed (bob rejected in the inbox) takes nothing from alice's still valid link.
    const otherLink = linkIn(await mailFor(`${other}:ask`, 'alice@example.test'), 'Approve');
    expect((await decideAs(sys, header('bob'), `${other}:ask`, 'reject')).status).toBe(200);
    await runUntil(sys, other, 'the other run to finish', (v) => v.workflowStatus !== 'RUNNING');
    expect((await follow(otherLink)).statusCode).toBe(409);
    const stale = await submit(otherLink, '', 'application/json');
    expect(stale.statusCode).toBe(409);
    expect(errorBody.parse(stale.json()).error.code).toBe('approval_closed');

    // Bob's own link finishes the step.
    expect((await submit(linkIn(await mailFor(id, 'bob@example.test'), 'Approve'))).statusCode).toBe(200);
    expect((await runUntil(sys, runId, 'the run to finish', (v) => v.workflowStatus === 'COMPLETED')).nodes.ask?.handle).toBe('approved');

    const audited = await sys.db.query<{ actor: string; action: string; details: { via?: string; status?: number } }>('SELECT actor, action, details FROM audit_log WHERE target_id = $1 ORDER BY id', [id]);
    expect(audited.map((a) => `${a.actor} ${a.action} ${a.details.via ?? ''} ${a.details.status ?? ''}`.trim())).toEqual([
      'alice approval.decide link',
      'alice approval.refused link 409',
      'alice approval.refused link 409',
      'alice approval.refused link 409',
      'alice approval.refused link 409',
      'bob approval.decide link',
    ]);
  });

  it('refuses altered, forged, expired and stale links with a clear 4xx, audits them, and leaves the run as it was', async () => {
    const def = approvalDefinition('short-links', {
      stages: [{ approvers: [{ kind: 'user', userId: 'alice' }, { kind: 'user', userId: 'bob' }] }],
      notify: { connectionId: 'mail', linkValidity: { seconds: 2 } },
    });
    const runId = await publishAndRun(sys, def, person('E3'), header('ops'));
    const id = `${runId}:ask`;
    const alice = await mailFor(id, 'alice@example.test');
    const link = linkIn(alice, 'Approve');
    const [prefix, token = ''] = link.split('/hooks/approvals/');
    const [payload = '', signature = ''] = token.split('.');

    // Claims rewritten to name bob, the signature kept: the signature no longer matches.
    const claims = z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    const forged = `${prefix ?? ''}/hooks/approvals/${Buffer.from(JSON.stringify({ ...claims, u: 'bob' })).toString('base64url')}.${signature}`;
    const tampered = await submit(forged, '', 'application/json');
    expect(tampered.statusCode).toBe(403);
    expect(errorBody.parse(tampered.json()).error).toEqual({ code: 'link_invalid', message: 'this approval link has been altered or was not issued by this Tenure' });
    expect((await submit('/hooks/approvals/not-a-token')).statusCode).toBe(400);
    expect((await follow(`/hooks/approvals/${payload}.${Buffer.alloc(32).toString('base64url')}`)).statusCode).toBe(403);

    await new Promise((resolve) => setTimeout(resolve, 2500));
    const expired = await submit(link, '', 'application/json');
    expect(expired.statusCode).toBe(410);
    expect(errorBody.parse(expired.json()).error.code).toBe('link_expired');
    expect((await follow(link)).statusCode).toBe(410);

    const view = await runUntil(sys, runId, 'the run unchanged', () => true);
    expect(view.openApprovals[0]).toMatchObject({ pending: ['alice', 'bob'], decisions: [] });
    const refused = await sys.db.query<{ actor: string; details: { token?: string; status: number } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'approval.refused' AND actor = 'anonymous' AND target_id = $1 ORDER BY id",
      [id],
    );
    expect(refused.map((r) => `${r.details.token ?? ''}:${r.details.status}`)).toEqual(['signature:403', 'signature:403', 'expired:410', 'expired:410']);

    expect((await decideAs(sys, header('bob'), id, 'reject')).status).toBe(200);
    await runUntil(sys, runId, 'the run to finish', (v) => v.workflowStatus !== 'RUNNING');
  });
});

describe('approvals API', () => {
  it('lists the caller’s pending approvals with the person, the step and what approving does, and nobody else’s', async () => {
    const runId = await publishAndRun(sys, approvalDefinition('listed', { approvers: [{ kind: 'user', userId: 'carol' }], timeout: { days: 3 } }, true), person('E4'), header('ops'));
    const items = await eventually(async () => {
      const list = await inboxOf(sys, header('carol'));
      return list.length > 0 ? list : undefined;
    }, 'carol’s inbox');
    expect(items).toEqual([
      expect.objectContaining({
        id: `${runId}:ask`,
        runId,
        nodeId: 'ask',
        employeeId: 'E4',
        definitionId: 'listed',
        question: 'Grant production access?',
        approvers: ['carol'],
        stage: 1,
        stages: 1,
        person: { employeeId: 'E4', displayName: 'Ada Lovelace' },
        step: 'Grant access',
        onApprove: 'Then: Log the grant',
      }),
    ]);
    const [item] = items;
    // Three days from when the step opened.
    expect(Date.parse(item?.deadline ?? '') - Date.parse(item?.openedAt ?? '')).toBeGreaterThanOrEqual(3 * 86_400_000 - 5000);
    expect(await inboxOf(sys, header('alice'))).toEqual([]);
    expect((await callAs(sys, header('alice'), 'GET', '/api/approvals?for=carol')).status).toBe(403);
    const asAdmin = await sys.api('GET', '/api/approvals?for=carol');
    expect(z.object({ approvals: z.array(z.object({ id: z.string() }).loose()) }).parse(asAdmin.body).approvals.map((a) => a.id)).toContain(`${runId}:ask`);
    expect((await decideAs(sys, header('carol'), `${runId}:ask`, 'approve')).status).toBe(200);
  });

  it('answers bad decisions with a 4xx and an audit entry', async () => {
    const unknown = await decideAs(sys, header('alice'), 'no-run:ask', 'approve');
    expect(unknown.status).toBe(404);
    expect(errorBody.parse(unknown.body).error.code).toBe('not_found');
    const malformed = await decideAs(sys, header('alice'), 'no-colon-here', 'approve');
    expect(malformed.status).toBe(404);
    const badBody = await callAs(sys, header('alice'), 'POST', '/api/approvals/x:y/decision', { decision: 'maybe' });
    expect(badBody.status).toBe(400);
    const rows = await sys.db.query<{ target_id: string }>("SELECT target_id FROM audit_log WHERE action = 'approval.refused' AND actor = 'alice' AND details->>'status' = '404' ORDER BY id");
    expect(rows.map((r) => r.target_id)).toEqual(['no-run:ask', 'no-colon-here']);
  });

  it('lets only admins manage approver groups, and refuses delegations that make no sense', async () => {
    expect((await callAs(sys, header('alice'), 'PUT', '/api/approver-groups/finance', { name: 'Finance', members: ['bob'] })).status).toBe(403);
    const put = await sys.api('PUT', '/api/approver-groups/finance', { name: 'Finance', members: ['bob', 'carol', 'bob'] });
    expect(put).toMatchObject({ status: 200, body: { id: 'finance', members: ['bob', 'carol'] } });
    const past = await callAs(sys, header('alice'), 'POST', '/api/approvals/delegations', { to: 'bob', until: '2020-01-01T00:00:00Z' });
    expect(errorBody.parse(past.body).error.details).toEqual([{ path: 'body.until', message: 'in the past' }]);
    const nobody = await callAs(sys, header('alice'), 'POST', '/api/approvals/delegations', { to: 'ghost', until: new Date(Date.now() + 86_400_000).toISOString() });
    expect(errorBody.parse(nobody.body).error.message).toBe('there is no user "ghost"');
    const forOthers = await callAs(sys, header('alice'), 'POST', '/api/approvals/delegations', { from: 'bob', to: 'carol', until: new Date(Date.now() + 86_400_000).toISOString() });
    expect(forOthers.status).toBe(403);
  });
});
