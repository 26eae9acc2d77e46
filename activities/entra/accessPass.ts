/**
 * Temporary Access Pass. The pass is a credential: it must not enter workflow history (every
 * step's output is kept there and shown on the run monitor), so the activity delivers it itself,
 * by mail through Graph from a mailbox the connection's app may send as (Mail.Send, and not saved
 * to Sent Items), and returns only the pass's id and validity. Creating a pass replaces the user's
 * earlier one, so a rerun leaves one pass, the one mailed last.
 */
import { z } from 'zod';
import type { entraCreateTemporaryAccessPass } from '../../workflows/dsl/catalog/entra.ts';
import { graphCall, type EntraTarget } from './call.ts';
import { nonRetryable } from './failures.ts';
import { requireUser, userByPrincipalName } from './lookup.ts';
import { segment } from './odata.ts';

type Input = z.infer<typeof entraCreateTemporaryAccessPass.input>;

const created = z.object({
  id: z.string(),
  temporaryAccessPass: z.string().min(1),
  startDateTime: z.string(),
  lifetimeInMinutes: z.number(),
  isUsableOnce: z.boolean(),
});

function message(user: { displayName?: string | null | undefined; userPrincipalName?: string | null | undefined }, pass: z.infer<typeof created>): string {
  return [
    `A Temporary Access Pass was created for ${user.displayName ?? ''} (${user.userPrincipalName ?? ''}).`,
    '',
    `Pass: ${pass.temporaryAccessPass}`,
    `Valid from ${pass.startDateTime} for ${pass.lifetimeInMinutes} minutes${pass.isUsableOnce ? ', for one sign-in' : ''}.`,
    '',
    'Hand it over in person or through a channel you trust: it signs the user in without a password so they can register their sign-in methods.',
  ].join('\n');
}

export async function createTemporaryAccessPass(target: EntraTarget, input: Input) {
  const user = await requireUser(target, input.user, ['userPrincipalName', 'displayName']);
  // The sender is checked before the pass exists, so a wrong mailbox does not leave an undelivered pass behind.
  const sender = await userByPrincipalName(target, input.deliverFrom, []);
  if (!sender) throw nonRetryable('EntraUserNotFound', `the mailbox ${JSON.stringify(input.deliverFrom)} that should send the pass is not an Entra ID user; use its userPrincipalName or object id`);
  const body = { lifetimeInMinutes: input.lifetimeInMinutes, isUsableOnce: input.isUsableOnce, ...(input.startDateTime === undefined ? {} : { startDateTime: input.startDateTime }) };
  const pass = created.parse(
    await graphCall(target, { what: `create a Temporary Access Pass for user ${user.id}`, permission: 'UserAuthenticationMethod.ReadWrite.All' }, (g) =>
      g.api(`/users/${segment(user.id)}/authentication/temporaryAccessPassMethods`).post(body),
    ),
  );
  const recipients = typeof input.deliverTo === 'string' ? [input.deliverTo] : input.deliverTo;
  const mail = {
    message: {
      subject: input.subject,
      body: { contentType: 'Text', content: message(user, pass) },
      toRecipients: recipients.map((address) => ({ emailAddress: { address } })),
    },
    saveToSentItems: false,
  };
  await graphCall(target, { what: `mail the Temporary Access Pass of user ${user.id} from ${input.deliverFrom}`, permission: 'Mail.Send' }, (g) => g.api(`/users/${segment(sender.id)}/sendMail`).post(mail));
  return { id: pass.id, userId: user.id, startDateTime: pass.startDateTime, lifetimeInMinutes: pass.lifetimeInMinutes, isUsableOnce: pass.isUsableOnce, deliveredTo: recipients };
}
