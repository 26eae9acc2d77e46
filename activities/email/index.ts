/** The email connector: its connection declaration and the implementations of its actions. */
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';
import { emailSendImplementation } from './send.ts';

export { emailConnector } from './connector.ts';
export { sendMail, type MailMessage, type SentMail } from './mailer.ts';

export function createEmailActivities(deps: ActivityDeps): ActionImplementations {
  return {
    'email.send': emailSendImplementation(deps),
  };
}
