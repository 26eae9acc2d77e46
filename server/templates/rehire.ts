/**
 * Built-in template "Rehire": someone who left comes back; their old accounts are reactivated, or
 * new ones are provisioned, as the organisation prefers.
 *
 * Trigger: a rehire event, on `hireDate` (at once when it has passed).
 * Policy: the step "Setting: rehire policy" sets `rehirePolicy` to `reactivate` (the default) or
 * `reprovision`; HR may send a `rehirePolicy` attribute to choose per person.
 * - reactivate: when the old AD account still exists (it is deleted after the leaver's retention
 *   period), move it to its department's OU, update it, give it a new generated password, enable
 *   it and the Entra ID user, re-add the rule-based groups and reactivate the app account. When it
 *   is gone, the person is provisioned as new.
 * - reprovision: new accounts, with new names (jose.garcia2@…), as for a new hire. The old ones
 *   must stop answering to the person's employee id, or the create steps would find and reuse them:
 *   the old Entra ID user and app account keep their history and stay disabled, with the anchor
 *   archived (`<employeeId>-old`); the old AD account is deleted, because the AD connector does not
 *   change an account's anchor attribute (employeeID) and a disabled account keeps nothing the new
 *   one needs (AD's recycle bin, when enabled, still holds it).
 *
 * Connections it names: `ad`, `entra`, `app`, `mail`, `hr` (see joiner.ts).
 */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { DISPLAY_NAME, OU_BY_DEPARTMENT, RULE_GROUPS } from '../../workflows/dsl/mappings.ts';
import { Canvas, expr, jsonData, MANAGER_OR_HELPDESK, optional, stepEquals, templateConnections as c, varEquals } from './canvas.ts';
import { adAccountParams, anchor, appAccountParams, appScopeRules, createdUpn, entraUserParams } from './accounts.ts';
import { addSettings } from './settings.ts';

export const rehireTemplateId = 'template-rehire';
export const rehirePolicies = ['reactivate', 'reprovision'] as const;

/** The anchor value an archived account is moved to (Entra ID's employeeId holds at most 16 characters). */
export const ARCHIVED_ANCHOR = 'Join("-", Left([employeeId], 12), "old")';

export function rehireTemplate(): DefinitionInput {
  const g = new Canvas();
  g.start(0, 0);
  const settings = addSettings(g, ['upnSuffix', 'directoryBase', 'helpdeskMailbox'], 0, 1);
  g.setting('setting-rehirePolicy', 'Setting: rehire policy', 'rehirePolicy', expr('Coalesce([rehirePolicy], "reactivate")'), 0, 4, 'reactivate: enable and update the old accounts; reprovision: new accounts. An HR attribute rehirePolicy chooses per person.');
  g.decision('policyRule', 'Which rehire policy?', [{ outcome: 'reprovision', label: 'Provision new accounts', conditions: varEquals('rehirePolicy', 'reprovision') }], 0, 5);

  // Reactivate (column 0).
  g.step('findOld', 'Find the old AD account', 'ad.findUser', c.ad, { anchor }, 0, 6);
  g.decision('oldRule', 'Is the old account still there?', [{ outcome: 'found', label: 'The AD account exists', conditions: stepEquals('findOld', 'found', true) }], 0, 7);
  g.step('moveOu', 'Move it to its department OU', 'ad.moveUser', c.ad, { anchor, ou: expr(OU_BY_DEPARTMENT) }, 0, 8);
  g.step('updateAd', 'Update the AD account', 'ad.updateUser', c.ad, { anchor, displayName: expr(DISPLAY_NAME), department: expr('[department]'), title: expr('[title]'), physicalDeliveryOfficeName: expr('[location]') }, 0, 9);
  g.step('resetPassword', 'Set a new generated password', 'ad.setPassword', c.ad, { anchor, mustChange: true }, 0, 10);
  g.step('enableAd', 'Enable the AD account', 'ad.enableUser', c.ad, { anchor }, 0, 11);
  g.step('enableEntra', 'Enable the Entra ID user', 'entra.enableUser', c.entra, { user: anchor }, 0, 12);
  g.step('updateEntra', 'Update the Entra ID user', 'entra.updateUser', c.entra, { user: anchor, displayName: expr(DISPLAY_NAME), department: optional('department'), jobTitle: optional('title'), officeLocation: optional('location') }, 0, 13);
  g.step('addGroups', 'Add the rule-based AD groups', 'ad.addToGroups', c.ad, { anchor, groups: expr(RULE_GROUPS) }, 0, 14);
  g.step('findApp', 'Find the app account', 'scim.findUser', c.app, { by: 'externalId', value: anchor }, 0, 16);
  g.decision('appRule', 'Has an app account?', [{ outcome: 'found', label: 'The app knows the person', conditions: stepEquals('findApp', 'found', true) }], 0, 17);
  g.step('reactivateApp', 'Reactivate the app account', 'scim.reactivateUser', c.app, { matchValue: anchor }, 1, 17);
  g.step('findEntra', 'Read the Entra ID sign-in name', 'entra.findUser', c.entra, { user: anchor }, 0, 15);
  const welcomeBack = (id: string, upnExpression: string, column: number, row: number) =>
    g.step(
      id,
      'Tell the manager',
      'email.send',
      c.mail,
      {
        to: expr(MANAGER_OR_HELPDESK),
        subject: 'Welcome back {{person.displayName}}',
        text: 'Hello,\n\n{{person.displayName}} is back. They sign in as {{person.userPrincipalName}}; their Windows password must be changed at first sign-in (the helpdesk can reset it).\n\nTenure',
        data: expr(jsonData({ displayName: DISPLAY_NAME, userPrincipalName: upnExpression })),
      },
      column,
      row,
    );
  welcomeBack('notifyReactivated', '[steps.findEntra.userPrincipalName]', 0, 18);
  g.end('end', 'Back', 0, 19);

  // Reprovision: archive the old accounts (column 2), then provision new ones (column 3).
  g.step('findOldEntra', 'Find the old Entra ID user', 'entra.findUser', c.entra, { user: anchor }, 2, 5);
  g.decision('oldEntraRule', 'Has an old Entra ID user?', [{ outcome: 'found', label: 'Entra ID knows the person', conditions: stepEquals('findOldEntra', 'found', true) }], 2, 6);
  g.step('archiveEntra', 'Archive it: anchor moved', 'entra.updateUser', c.entra, { user: anchor, employeeId: expr(ARCHIVED_ANCHOR) }, 1, 6, {
    description: 'The old user stays, disabled, with its history; it no longer answers to the employee id.',
  });
  g.step('findOldApp', 'Find the old app account', 'scim.findUser', c.app, { by: 'externalId', value: anchor }, 2, 7);
  g.decision('oldAppRule', 'Has an old app account?', [{ outcome: 'found', label: 'The app knows the person', conditions: stepEquals('findOldApp', 'found', true) }], 2, 8);
  g.step('archiveApp', 'Archive it: inactive, externalId moved', 'scim.updateUser', c.app, { matchValue: anchor, externalId: expr(ARCHIVED_ANCHOR), active: false }, 1, 8);
  g.step('deleteOldAd', 'Delete the old AD account', 'ad.deleteUser', c.ad, { anchor }, 2, 9, {
    description: 'AD accounts keep their anchor (employeeID), so the old one is deleted rather than archived.',
  });

  g.step(
    'createEntra',
    'Create a new Entra ID user',
    'entra.createUser',
    c.entra,
    entraUserParams(true),
    3,
    9,
  );
  g.step(
    'createAd',
    'Create a new AD account',
    'ad.createUser',
    c.ad,
    adAccountParams,
    3,
    10,
  );
  g.step('newPassword', 'Set a generated password', 'ad.setPassword', c.ad, { anchor, mustChange: true }, 3, 11);
  g.step('enableNewAd', 'Enable the new AD account', 'ad.enableUser', c.ad, { anchor }, 3, 12);
  g.step('enableNewEntra', 'Enable the Entra ID user', 'entra.enableUser', c.entra, { user: anchor }, 3, 13);
  g.step('newGroups', 'Add the rule-based AD groups', 'ad.addToGroups', c.ad, { anchor, groups: expr(RULE_GROUPS) }, 3, 14);
  g.decision('appScope', 'Does the person get the app?', appScopeRules, 3, 15);
  g.step(
    'provisionApp',
    'Provision a new app account',
    'scim.createUser',
    c.app,
    appAccountParams,
    4,
    15,
  );
  welcomeBack('notifyProvisioned', '[steps.createEntra.userPrincipalName]', 3, 16);
  g.step('writeBack', 'Write email and UPN back to HR', 'hr.writeBack', c.hr, { employeeId: anchor, email: createdUpn, userPrincipalName: createdUpn }, 3, 17);
  g.end('endNew', 'Back, with new accounts', 3, 18);

  g.chain('start', ...settings, 'setting-rehirePolicy', 'policyRule');
  g.link('policyRule', 'findOldEntra', 'reprovision');
  g.link('policyRule', 'findOld', 'default');
  g.link('findOld', 'oldRule');
  g.link('oldRule', 'moveOu', 'found');
  g.link('oldRule', 'createEntra', 'default');
  g.chain('moveOu', 'updateAd', 'resetPassword', 'enableAd', 'enableEntra', 'updateEntra', 'addGroups', 'findEntra', 'findApp', 'appRule');
  g.link('appRule', 'reactivateApp', 'found');
  g.link('appRule', 'notifyReactivated', 'default');
  g.chain('reactivateApp', 'notifyReactivated', 'end');

  g.link('findOldEntra', 'oldEntraRule');
  g.link('oldEntraRule', 'archiveEntra', 'found');
  g.link('oldEntraRule', 'findOldApp', 'default');
  g.link('archiveEntra', 'findOldApp');
  g.link('findOldApp', 'oldAppRule');
  g.link('oldAppRule', 'archiveApp', 'found');
  g.link('oldAppRule', 'deleteOldAd', 'default');
  g.chain('archiveApp', 'deleteOldAd', 'createEntra', 'createAd', 'newPassword', 'enableNewAd', 'enableNewEntra', 'newGroups', 'appScope');
  g.link('appScope', 'provisionApp', 'inScope');
  g.link('appScope', 'notifyProvisioned', 'default');
  g.chain('provisionApp', 'notifyProvisioned', 'writeBack', 'endNew');

  return {
    id: rehireTemplateId,
    name: 'Rehire (built-in template)',
    description: 'By the rehire policy, reactivates and updates the old accounts, or archives them and provisions new ones.',
    lifecycle: 'rehire',
    trigger: { events: ['rehire'], date: { attribute: 'hireDate', offsetDays: 0 } },
    nodes: g.nodes,
    edges: g.edges,
  };
}
