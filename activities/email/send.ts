/**
 * email.send: renders the step's templates and sends one message. The Message-ID is derived from
 * the run, the step and the step's visit (not the attempt), so every retry of the same step sends
 * the same id and a receiving system can drop the duplicate SMTP may cause.
 */
import { createHash } from 'node:crypto';
import { emailSend } from '../../workflows/dsl/catalog/email.ts';
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementation } from '../types.ts';
import { parseInput, requireConnection, stepVisit } from './input.ts';
import { senderDomain, sendMail } from './mailer.ts';
import { renderEmail } from './templates.ts';

export function messageIdFor(runId: string, nodeId: string, visit: string, domain: string): string {
  const digest = createHash('sha256').update(JSON.stringify(['tenure-email', runId, nodeId, visit])).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

export function emailSendImplementation(deps: ActivityDeps): ActionImplementation {
  return async ({ runId, nodeId, connectionId, input }) => {
    const args = parseInput(emailSend.input, input, 'email.send');
    const connection = await requireConnection(deps, connectionId, 'email.send');
    const rendered = renderEmail(args, args.data);
    return sendMail(connection, {
      to: args.to,
      ...(args.cc ? { cc: args.cc } : {}),
      ...rendered,
      headers: { 'X-Tenure-Run': runId, 'X-Tenure-Step': nodeId },
      messageId: messageIdFor(runId, nodeId, stepVisit(), senderDomain(connection)),
    });
  };
}
