/**
 * Built-in template "Mover": access follows a change of department, title, manager or location.
 *
 * Trigger: an update event that changed department, title, managerId or location.
 * Then: move the AD account to its department's OU; update department, title, office and display
 * name in AD and Entra ID; add the rule-based AD groups the person now gets and remove the managed
 * groups that no longer apply (groups added by hand are never touched); set the manager in AD and
 * Entra ID when HR names one (setting the same manager again changes nothing); update the app
 * account when the person has one; tell the manager.
 *
 * Connections it names: `ad`, `entra`, `app`, `mail` (see joiner.ts). The run sees the person's
 * attributes after the change; which groups to remove is computed from the rules, not from the old
 * values, so a missed or repeated event still ends with the right groups.
 */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { DISPLAY_NAME, GROUPS_NO_LONGER_APPLYING, OU_BY_DEPARTMENT, RULE_GROUPS } from '../../workflows/dsl/mappings.ts';
import { Canvas, expr, jsonData, MANAGER_OR_HELPDESK, optional, stepEquals, templateConnections as c } from './canvas.ts';
import { addManagerSteps } from './manager.ts';
import { addSettings } from './settings.ts';

export const moverTemplateId = 'template-mover';

export const moverWatchedAttributes = ['department', 'title', 'managerId', 'location'];

export function moverTemplate(): DefinitionInput {
  const g = new Canvas();
  const anchor = expr('[employeeId]');
  g.start(0, 0);
  const settings = addSettings(g, ['directoryBase', 'helpdeskMailbox'], 0, 1);
  g.step('moveOu', 'Move the AD account to its department OU', 'ad.moveUser', c.ad, { anchor, ou: expr(OU_BY_DEPARTMENT) }, 0, 3);
  g.step(
    'updateAd',
    'Update the AD account',
    'ad.updateUser',
    c.ad,
    { anchor, displayName: expr(DISPLAY_NAME), department: expr('[department]'), title: expr('[title]'), physicalDeliveryOfficeName: expr('[location]') },
    0,
    4,
  );
  g.step('addGroups', 'Add the groups the rules now give', 'ad.addToGroups', c.ad, { anchor, groups: expr(RULE_GROUPS) }, 0, 5);
  g.step('removeGroups', 'Remove managed groups that no longer apply', 'ad.removeFromGroups', c.ad, { anchor, groups: expr(GROUPS_NO_LONGER_APPLYING) }, 0, 6, {
    description: 'Only the groups a rule can give (workflows/dsl/mappings.ts); groups added by hand stay.',
  });
  g.step(
    'updateEntra',
    'Update the Entra ID user',
    'entra.updateUser',
    c.entra,
    { user: anchor, displayName: expr(DISPLAY_NAME), department: optional('department'), jobTitle: optional('title'), officeLocation: optional('location') },
    0,
    7,
  );
  g.step('findApp', 'Find the app account', 'scim.findUser', c.app, { by: 'externalId', value: anchor }, 0, 11);
  g.decision('appRule', 'Has an app account?', [{ outcome: 'found', label: 'The app knows the person', conditions: stepEquals('findApp', 'found', true) }], 0, 12);
  g.step('updateApp', 'Update the app account', 'scim.updateUser', c.app, { matchValue: anchor, displayName: expr(DISPLAY_NAME), title: expr('[title]'), department: expr('[department]') }, 1, 12);
  g.step(
    'notify',
    'Tell the manager',
    'email.send',
    c.mail,
    {
      to: expr(MANAGER_OR_HELPDESK),
      subject: '{{person.displayName}} moved to {{person.department}}',
      text: 'Hello,\n\n{{person.displayName}} is now {{person.title}} in {{person.department}} ({{person.location}}). Their accounts, groups and apps were updated to match.\n\nTenure',
      data: expr(jsonData({ displayName: DISPLAY_NAME, title: '[title]', department: '[department]', location: '[location]' })),
    },
    0,
    13,
  );
  g.end('end', 'Moved', 0, 14);

  g.chain('start', ...settings, 'moveOu', 'updateAd', 'addGroups', 'removeGroups', 'updateEntra');
  addManagerSteps(g, 'updateEntra', 'findApp', 0, 8);
  g.chain('findApp', 'appRule');
  g.link('appRule', 'updateApp', 'found');
  g.link('appRule', 'notify', 'default');
  g.chain('updateApp', 'notify', 'end');

  return {
    id: moverTemplateId,
    name: 'Mover (built-in template)',
    description: 'Moves the AD account, updates AD, Entra ID and the app, swaps the rule-based groups and sets the manager when department, title, manager or location change.',
    lifecycle: 'mover',
    trigger: { events: ['update'], changedAttributes: moverWatchedAttributes },
    nodes: g.nodes,
    edges: g.edges,
  };
}
