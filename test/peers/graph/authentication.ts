/**
 * Temporary Access Pass methods (https://learn.microsoft.com/graph/api/authentication-post-temporaryaccesspassmethods)
 * and sending mail (https://learn.microsoft.com/graph/api/user-sendmail). A user has at most one
 * pass: creating another replaces it. The pass value is returned only by the create call; listing
 * shows it as null. sendMail answers 202 and the peer keeps the message for tests to read.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, GraphFault } from './errors.ts';
import { authMethodWrite, mailSend, type Route } from './router.ts';
import type { TemporaryAccessPass } from './state.ts';
import { existingUser } from './users.ts';

function render(pass: TemporaryAccessPass, withValue: boolean) {
  const start = Date.parse(pass.startDateTime);
  const now = Date.now();
  const usable = now >= start && now < start + pass.lifetimeInMinutes * 60_000;
  return {
    '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    id: pass.id,
    temporaryAccessPass: withValue ? pass.temporaryAccessPass : null,
    createdDateTime: pass.createdDateTime,
    startDateTime: pass.startDateTime,
    lifetimeInMinutes: pass.lifetimeInMinutes,
    isUsableOnce: pass.isUsableOnce,
    isUsable: usable,
    methodUsabilityReason: usable ? 'EnabledByPolicy' : now < start ? 'NotYetValid' : 'Expired',
  };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
}

export const authenticationRoutes: Route[] = [
  {
    method: 'POST',
    path: 'users/:id/authentication/temporaryAccessPassMethods',
    permissions: authMethodWrite,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const lifetime = field(req.body, 'lifetimeInMinutes') ?? 60;
      const once = field(req.body, 'isUsableOnce') ?? false;
      const start = field(req.body, 'startDateTime');
      if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 10 || lifetime > 43_200) {
        throw new GraphFault(400, 'badRequest', 'The lifetimeInMinutes must be between 10 and 43200 minutes.');
      }
      if (typeof once !== 'boolean') throw new GraphFault(400, 'badRequest', 'isUsableOnce must be a boolean.');
      if (start !== undefined && (typeof start !== 'string' || Number.isNaN(Date.parse(start)))) throw new GraphFault(400, 'badRequest', 'startDateTime is not a valid DateTimeOffset.');
      const now = new Date().toISOString();
      const pass: TemporaryAccessPass = {
        id: randomUUID(),
        userId: user.id,
        temporaryAccessPass: randomBytes(6).toString('base64url').replace(/[-_]/g, '#'),
        createdDateTime: now,
        startDateTime: typeof start === 'string' ? new Date(start).toISOString() : now,
        lifetimeInMinutes: lifetime,
        isUsableOnce: once,
      };
      ctx.tenant.passes.set(user.id, pass);
      return { status: 201, body: { '@odata.context': `${ctx.baseUrl}/$metadata#users('${user.id}')/authentication/temporaryAccessPassMethods/$entity`, ...render(pass, true) } };
    },
  },
  {
    method: 'GET',
    path: 'users/:id/authentication/temporaryAccessPassMethods',
    permissions: [...authMethodWrite, 'UserAuthenticationMethod.Read.All'],
    handle: (_req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const pass = ctx.tenant.passes.get(user.id);
      return { status: 200, body: { value: pass ? [render(pass, false)] : [] } };
    },
  },
  {
    method: 'POST',
    path: 'users/:id/sendMail',
    permissions: mailSend,
    handle: (req, p, ctx) => {
      const sender = ctx.tenant.activeUser(p.id ?? '');
      if (!sender) throw new GraphFault(404, 'ErrorInvalidUser', `The requested user '${p.id ?? ''}' is invalid.`);
      const message = field(req.body, 'message');
      const subject = field(message, 'subject');
      const body = field(message, 'body');
      const recipients = field(message, 'toRecipients');
      if (typeof subject !== 'string' || !Array.isArray(recipients) || recipients.length === 0) throw badRequest('The message needs a subject and at least one recipient.');
      const to = recipients.map((r: unknown) => field(field(r, 'emailAddress'), 'address'));
      if (!to.every((a): a is string => typeof a === 'string' && a.includes('@'))) throw new GraphFault(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      const content = field(body, 'content');
      const contentType = field(body, 'contentType');
      ctx.tenant.mail.push({
        from: String(sender.props.userPrincipalName),
        to,
        subject,
        contentType: typeof contentType === 'string' ? contentType : 'Text',
        content: typeof content === 'string' ? content : '',
        saveToSentItems: field(req.body, 'saveToSentItems') !== false,
      });
      return { status: 202 };
    },
  },
];
