/**
 * Built-in template "Joiner": a new hire's accounts exist before day one and open on day one.
 *
 * Trigger: a hire event, started 7 days before `hireDate` (edit `trigger.date.offsetDays`).
 * Then: create the Entra ID user (disabled) with a unique userPrincipalName, mail and mailNickname,
 * and the AD account (disabled) with a unique sAMAccountName in its department's OU, the UPN and
 * mail the Entra step chose; wait until `hireDate`; then, in three parallel branches: set a
 * generated AD password (changed at first sign-in), enable the AD account and add the rule-based AD
 * groups (department, title, location, employee type); enable the Entra ID user and mail the
 * manager a Temporary Access Pass; provision the SCIM app when the scope rule says so (contractors
 * do not get it). Once all three are done: email the manager the welcome and first sign-in
 * details; write the email and UPN back to HR. When a step outside the parallel branches fails
 * (creating the accounts, the manager, the welcome, the write-back), the helpdesk mailbox gets a mail
 * naming the step and the reason, and the run ends as failed (server/templates/failure.ts).
 *
 * Connections it names (create them with these ids, or pick others in the designer): `ad` (Active
 * Directory), `entra` (Entra ID), `app` (the SCIM app), `mail` (SMTP), `hr` (HR write-back). The
 * AD groups and department OUs of workflows/dsl/mappings.ts must exist. HR attributes it reads:
 * employeeId, givenName, surname, displayName, department, title, location, employeeType,
 * hireDate, managerId, managerEmail.
 *
 * The manager: `managerId` (SCIM enterprise `manager.value`) is resolved to the manager's own
 * accounts (server/templates/manager.ts): when the manager's Entra ID user exists and is enabled,
 * it becomes the `manager` in AD and Entra ID and its address gets the manager's mails; a manager
 * not provisioned yet, or gone, leaves `manager` unset and the mails go to the helpdesk.
 *
 * Names are made unique in Entra ID first and then reused for AD, so a person's UPN and mail are
 * the same in both (the Entra step's output is the one value later steps read).
 */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { DISPLAY_NAME, RULE_GROUPS } from '../../workflows/dsl/mappings.ts';
import { Canvas, expr, jsonData, MANAGER_OR_HELPDESK, templateConnections as c } from './canvas.ts';
import { adAccountParams, anchor, appAccountParams, appScopeRules, createdUpn, entraUserParams } from './accounts.ts';
import { addFailureReport } from './failure.ts';
import { addManagerSteps } from './manager.ts';
import { addSettings } from './settings.ts';

export const joinerTemplateId = 'template-joiner';

const upn = '[steps.createEntra.userPrincipalName]';

/** The welcome email's data: the person's names and sign-in, escaped into JSON by expressions. */
export const welcomeData = jsonData({ displayName: DISPLAY_NAME, givenName: '[givenName]', userPrincipalName: upn, hireDate: '[hireDate]' });

export function joinerTemplate(): DefinitionInput {
  const g = new Canvas();
  g.start(0, 0);
  const settings = addSettings(g, ['upnSuffix', 'directoryBase', 'helpdeskMailbox'], 0, 1);
  g.step(
    'createEntra',
    'Create the Entra ID user (disabled)',
    'entra.createUser',
    c.entra,
    entraUserParams(false),
    0,
    4,
  );
  g.step(
    'createAd',
    'Create the AD account (disabled)',
    'ad.createUser',
    c.ad,
    adAccountParams,
    0,
    5,
  );
  g.waitUntil('waitHireDate', 'Wait for the first day (hireDate)', 'hireDate', 0, 6);
  // On the first day the three targets are opened side by side: none of these steps needs another's output.
  g.parallel('openAccounts', 'Open the accounts, each target on its own', 1, 7, 'AD, Entra ID and the app at the same time; the welcome waits for all three.');
  g.step('setPassword', 'Set a generated AD password', 'ad.setPassword', c.ad, { anchor: anchor, mustChange: true }, 0, 8);
  g.step('enableAd', 'Enable the AD account', 'ad.enableUser', c.ad, { anchor: anchor }, 0, 9);
  g.step('addGroups', 'Add the rule-based AD groups', 'ad.addToGroups', c.ad, { anchor: anchor, groups: expr(RULE_GROUPS) }, 0, 10, {
    description: 'Groups by department, title, location and employee type (workflows/dsl/mappings.ts).',
  });
  g.step('enableEntra', 'Enable the Entra ID user', 'entra.enableUser', c.entra, { user: anchor }, 1, 8);
  g.step(
    'accessPass',
    'Mail a Temporary Access Pass to the manager',
    'entra.createTemporaryAccessPass',
    c.entra,
    { user: anchor, lifetimeInMinutes: 480, isUsableOnce: true, deliverFrom: expr('[vars.helpdeskMailbox]'), deliverTo: expr(MANAGER_OR_HELPDESK), subject: 'First sign-in: a Temporary Access Pass for your new team member' },
    1,
    9,
  );
  g.decision('appScope', 'Does the person get the app?', appScopeRules, 2, 8);
  g.step(
    'provisionApp',
    'Provision the app account',
    'scim.createUser',
    c.app,
    appAccountParams,
    2,
    9,
  );
  g.join('accountsOpen', 'All accounts open', 1, 11);
  g.step(
    'welcome',
    'Email the manager the welcome',
    'email.send',
    c.mail,
    {
      to: expr(MANAGER_OR_HELPDESK),
      subject: 'Welcome {{person.displayName}}: their accounts are ready',
      text: 'Hello,\n\n{{person.displayName}} starts on {{person.hireDate}}. They sign in as {{person.userPrincipalName}}: a Temporary Access Pass for the first sign-in was mailed to you separately, and their Windows password must be changed at first sign-in (the helpdesk can reset it).\n\nTenure',
      data: expr(welcomeData),
    },
    1,
    12,
  );
  g.step('writeBack', 'Write email and UPN back to HR', 'hr.writeBack', c.hr, { employeeId: anchor, email: createdUpn, userPrincipalName: createdUpn }, 1, 13);
  g.end('end', 'Joined', 1, 14);

  g.chain('start', ...settings, 'createEntra', 'createAd');
  addManagerSteps(g, 'createAd', 'waitHireDate', 3, 4);
  g.chain('waitHireDate', 'openAccounts');
  g.link('openAccounts', 'setPassword');
  g.link('openAccounts', 'enableEntra');
  g.link('openAccounts', 'appScope');
  g.chain('setPassword', 'enableAd', 'addGroups', 'accountsOpen');
  g.chain('enableEntra', 'accessPass', 'accountsOpen');
  g.link('appScope', 'provisionApp', 'inScope');
  g.link('appScope', 'accountsOpen', 'default');
  g.chain('provisionApp', 'accountsOpen');
  g.chain('accountsOpen', 'welcome', 'writeBack', 'end');
  // A step outside the parallel branches that fails mails the helpdesk and ends the run as failed.
  addFailureReport(
    g,
    'Joiner',
    [
      ['createEntra', 'Create the Entra ID user (disabled)'],
      ['createAd', 'Create the AD account (disabled)'],
      ['findManager', 'Find the manager in Entra ID'],
      ['setManagerAd', 'Set the manager in AD'],
      ['setManagerEntra', 'Set the manager in Entra ID'],
      ['welcome', 'Email the manager the welcome'],
      ['writeBack', 'Write email and UPN back to HR'],
    ],
    4,
    11,
  );

  return {
    id: joinerTemplateId,
    name: 'Joiner (built-in template)',
    description: 'Creates the AD and Entra ID accounts (disabled) a week before the start date, opens them on day one with groups, a Temporary Access Pass and the app, tells the manager and writes the address back to HR.',
    lifecycle: 'joiner',
    trigger: { events: ['hire'], date: { attribute: 'hireDate', offsetDays: -7 } },
    nodes: g.nodes,
    edges: g.edges,
  };
}
