/**
 * Built-in template "Leaver": access ends on the last day; the accounts go after a retention period.
 *
 * Trigger: a terminate event. When HR gives a last day (`lastDay`) the run waits for it (and follows
 * HR when the date moves); without one — a SCIM `active:false` or a worker missing from a CSV
 * snapshot carries none — it acts at once. That is why the date is a wait inside the run and not
 * the trigger's date: a trigger date would never fire for a terminate without one.
 * Then, for each account the person has (a terminate can stop a hire before it made any): disable
 * the AD account and remove the managed AD groups; disable the Entra ID user, revoke its sign-in
 * sessions, remove every Entra group and the licenses; deactivate the app account (active=false).
 * Tell the manager; wait the retention period (30 days: edit the "Retention" wait) and, unless the
 * AD account was enabled again meanwhile (a rehire), delete the AD account, the Entra ID user (restorable from deleted items for 30 more days) and the app account.
 *
 * Connections it names: `ad`, `entra`, `app`, `mail` (see joiner.ts).
 */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { DISPLAY_NAME, MANAGED_GROUPS } from '../../workflows/dsl/mappings.ts';
import { Canvas, expr, jsonData, MANAGER_OR_HELPDESK, stepEquals, templateConnections as c, varEquals } from './canvas.ts';
import { addSettings } from './settings.ts';

export const leaverTemplateId = 'template-leaver';
export const retentionDays = 30;

export function leaverTemplate(): DefinitionInput {
  const g = new Canvas();
  const anchor = expr('[employeeId]');
  g.start(0, 0);
  const settings = addSettings(g, ['helpdeskMailbox', 'licenseSkuIds'], 0, 1);
  g.step('checkLastDay', 'Does HR give a last day?', 'core.setVariable', undefined, { name: 'hasLastDay', value: expr('IsPresent([lastDay])') }, 0, 3);
  g.decision('lastDayRule', 'Wait for the last day?', [{ outcome: 'hasLastDay', label: 'HR gives a last day', conditions: varEquals('hasLastDay', true) }], 0, 4);
  g.waitUntil('waitLastDay', 'Wait for the last day (lastDay)', 'lastDay', 1, 4);
  g.step('findAd', 'Find the AD account', 'ad.findUser', c.ad, { anchor }, 0, 5);
  g.decision('adRule', 'Has an AD account?', [{ outcome: 'found', label: 'AD knows the person', conditions: stepEquals('findAd', 'found', true) }], 0, 6);
  g.step('disableAd', 'Disable the AD account', 'ad.disableUser', c.ad, { anchor }, 1, 6);
  g.step('removeAdGroups', 'Remove the managed AD groups', 'ad.removeFromGroups', c.ad, { anchor, groups: [...MANAGED_GROUPS] }, 1, 7);
  g.step('findEntra', 'Find the Entra ID user', 'entra.findUser', c.entra, { user: anchor }, 0, 8);
  g.decision('entraRule', 'Has an Entra ID user?', [{ outcome: 'found', label: 'Entra ID knows the person', conditions: stepEquals('findEntra', 'found', true) }], 0, 9);
  g.step('disableEntra', 'Disable the Entra ID user', 'entra.disableUser', c.entra, { user: anchor }, 1, 9);
  g.step('revokeSessions', 'Revoke Entra ID sign-in sessions', 'entra.revokeSignInSessions', c.entra, { user: anchor }, 1, 10);
  g.step('removeEntraGroups', 'Remove every Entra ID group', 'entra.removeGroupMemberships', c.entra, { user: anchor, allGroups: true }, 1, 11);
  g.step('removeLicenses', 'Remove the licenses', 'entra.removeLicenses', c.entra, { user: anchor, skuIds: expr('[vars.licenseSkuIds]') }, 1, 12);
  g.step('findApp', 'Find the app account', 'scim.findUser', c.app, { by: 'externalId', value: anchor }, 0, 13);
  g.decision('appRule', 'Has an app account?', [{ outcome: 'found', label: 'The app knows the person', conditions: stepEquals('findApp', 'found', true) }], 0, 14);
  g.step('deactivateApp', 'Deactivate the app account (active=false)', 'scim.deactivateUser', c.app, { matchValue: anchor }, 1, 14);
  g.step(
    'notify',
    'Tell the manager',
    'email.send',
    c.mail,
    {
      to: expr(MANAGER_OR_HELPDESK),
      subject: 'Access ended for {{person.displayName}}',
      text: `Hello,\n\n{{person.displayName}} has left: their accounts are disabled, their sessions revoked and their app access ended. The accounts will be deleted in ${retentionDays} days; ask the helpdesk before then if anything must be kept.\n\nTenure`,
      data: expr(jsonData({ displayName: DISPLAY_NAME })),
    },
    0,
    15,
  );
  g.waitFor('retention', 'Retention', { days: retentionDays }, 0, 16, 'How long disabled accounts are kept before they are deleted.');
  g.step('checkStillDisabled', 'Look at the AD account again', 'ad.findUser', c.ad, { anchor }, 0, 17);
  g.decision(
    'stillDisabledRule',
    'Still disabled?',
    [{ outcome: 'disabled', label: 'Nobody re-enabled it (e.g. a rehire)', conditions: stepEquals('checkStillDisabled', 'enabled', false) }],
    0,
    18,
    'A person rehired during the retention period has their account enabled again: it is kept.',
  );
  g.step('deleteAd', 'Delete the AD account', 'ad.deleteUser', c.ad, { anchor }, 0, 19);
  g.step('deleteEntra', 'Delete the Entra ID user', 'entra.deleteUser', c.entra, { user: anchor }, 0, 20);
  g.decision('appDeleteRule', 'Had an app account?', [{ outcome: 'found', label: 'The app knew the person', conditions: stepEquals('findApp', 'found', true) }], 0, 21);
  g.step('deleteApp', 'Delete the app account', 'scim.deleteUser', c.app, { matchValue: anchor }, 1, 21);
  g.end('end', 'Left', 0, 22);
  g.end('kept', 'Kept: enabled again', 1, 18);

  g.chain('start', ...settings, 'checkLastDay', 'lastDayRule');
  g.link('lastDayRule', 'waitLastDay', 'hasLastDay');
  g.link('lastDayRule', 'findAd', 'default');
  g.chain('waitLastDay', 'findAd', 'adRule');
  g.link('adRule', 'disableAd', 'found');
  g.link('adRule', 'findEntra', 'default');
  g.chain('disableAd', 'removeAdGroups', 'findEntra', 'entraRule');
  g.link('entraRule', 'disableEntra', 'found');
  g.link('entraRule', 'findApp', 'default');
  g.chain('disableEntra', 'revokeSessions', 'removeEntraGroups', 'removeLicenses', 'findApp', 'appRule');
  g.link('appRule', 'deactivateApp', 'found');
  g.link('appRule', 'notify', 'default');
  g.chain('deactivateApp', 'notify', 'retention', 'checkStillDisabled', 'stillDisabledRule');
  g.link('stillDisabledRule', 'deleteAd', 'disabled');
  g.link('stillDisabledRule', 'kept', 'default');
  g.chain('deleteAd', 'deleteEntra', 'appDeleteRule');
  g.link('appDeleteRule', 'deleteApp', 'found');
  g.link('appDeleteRule', 'end', 'default');
  g.link('deleteApp', 'end');

  return {
    id: leaverTemplateId,
    name: 'Leaver (built-in template)',
    description: 'On the last day disables AD and Entra ID, revokes sessions, removes groups and licenses, deactivates the app and tells the manager; deletes the accounts after the retention period.',
    lifecycle: 'leaver',
    trigger: { events: ['terminate'] },
    nodes: g.nodes,
    edges: g.edges,
  };
}
