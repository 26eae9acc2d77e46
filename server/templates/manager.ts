/**
 * The manager steps the Joiner and the Mover share. HR feeds name the manager by employee id
 * (`managerId`, SCIM enterprise `manager.value`), not by address, so the steps resolve that id to
 * the manager's own accounts: the Entra ID user found by the anchor (employeeId), and through it the
 * AD account with the same anchor. When the manager's Entra ID user exists and is enabled, both
 * directories get `manager` set and the manager's sign-in address (their UPN, which the templates
 * also make their mail) becomes `vars.managerMail`, where notifications go when HR sends no
 * `managerEmail`. When the manager is not there yet, or has left (the Leaver disables the account),
 * nothing is set, notifications go to the helpdesk, and the run's decision says which case it was.
 * The Manager link template (managerLink.ts) runs the same steps for a report once a manager hired
 * after them is ready.
 */
import { anchor } from './accounts.ts';
import { expr, templateConnections as c, varEquals, type Canvas } from './canvas.ts';

/** Where the manager steps put the resolved manager's address (read by MANAGER_OR_HELPDESK). */
export const managerMailVariable = 'managerMail';

/**
 * Adds the manager steps from `column`, `row` and links them between `from` (leaving its `fromHandle`)
 * and `to`. A person without a managerId goes straight on to `to`, and so does one whose manager has
 * no enabled account, unless `notSet` names another step for them.
 */
export function addManagerSteps(g: Canvas, from: string, to: string, column: number, row: number, options: { fromHandle?: string; notSet?: string } = {}): void {
  g.step('checkManager', 'Does HR name a manager?', 'core.setVariable', undefined, { name: 'hasManager', value: expr('IsPresent([managerId])') }, column, row);
  g.decision('managerRule', 'Set the manager?', [{ outcome: 'hasManager', label: 'HR names a manager', conditions: varEquals('hasManager', true) }], column, row + 1);
  g.step('findManager', 'Find the manager in Entra ID (by managerId)', 'entra.findUser', c.entra, { user: expr('[managerId]') }, column + 1, row + 1, {
    description: 'The manager’s own Entra ID user, by the anchor (their employee id).',
  });
  g.decision(
    'managerActive',
    'Is the manager there and enabled?',
    [{ outcome: 'active', label: 'The manager’s account exists and is enabled', conditions: { all: [{ fact: 'steps', path: '$.findManager.found', operator: 'equal', value: true }, { fact: 'steps', path: '$.findManager.accountEnabled', operator: 'equal', value: true }] } }],
    column + 1,
    row + 2,
  );
  g.step('managerMail', 'Remember the manager’s address', 'core.setVariable', undefined, { name: managerMailVariable, value: expr('[steps.findManager.userPrincipalName]') }, column + 2, row + 2);
  g.step('setManagerAd', 'Set the manager in AD', 'ad.setManager', c.ad, { anchor, managerAnchor: expr('[managerId]') }, column + 2, row + 3);
  g.step('setManagerEntra', 'Set the manager in Entra ID', 'entra.setManager', c.entra, { user: anchor, manager: expr('[steps.findManager.id]') }, column + 2, row + 4);

  g.link(from, 'checkManager', options.fromHandle ?? 'next');
  g.chain('checkManager', 'managerRule');
  g.link('managerRule', 'findManager', 'hasManager');
  g.link('managerRule', to, 'default');
  g.chain('findManager', 'managerActive');
  g.link('managerActive', 'managerMail', 'active');
  g.link('managerActive', options.notSet ?? to, 'default');
  g.chain('managerMail', 'setManagerAd', 'setManagerEntra', to);
}
