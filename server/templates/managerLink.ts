/**
 * Built-in template "Manager link": a person hired before their manager gets the manager set once
 * the manager's accounts exist.
 *
 * Trigger: `managerReady`, which no HR system sends. When a Joiner or Rehire succeeds, the person
 * workflow tells everyone whose `managerId` is that person's employee id (workflows/person.ts); each
 * of them starts this definition, so it runs on the report, and its steps are on the report's
 * timeline. It looks the report's own accounts up first: a report whose Joiner has not created them
 * yet ends here (that Joiner sets the manager itself, finding the manager ready; a Rehire that ends
 * without setting it starts this again). Then the manager
 * steps the Joiner and the Mover use (manager.ts): the manager's Entra ID user must exist and be
 * enabled — a manager who has left since is not set — and then `manager` is set in AD (the
 * manager's DN) and in Entra ID. Setting the manager a directory already names changes nothing, so
 * a run told twice, or racing the report's own Joiner, writes once.
 *
 * Connections it names: `ad`, `entra` (see joiner.ts). HR attributes it reads: employeeId, managerId.
 */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { anchor } from './accounts.ts';
import { Canvas, templateConnections as c } from './canvas.ts';
import { addManagerSteps } from './manager.ts';

export const managerLinkTemplateId = 'template-manager-link';

export function managerLinkTemplate(): DefinitionInput {
  const g = new Canvas();
  g.start(0, 0);
  g.step('findEntra', 'Find the person’s Entra ID user', 'entra.findUser', c.entra, { user: anchor }, 0, 1);
  g.step('findAd', 'Find the person’s AD account', 'ad.findUser', c.ad, { anchor }, 0, 2);
  g.decision(
    'accountsExist',
    'Does the person have their accounts yet?',
    [
      {
        outcome: 'exist',
        label: 'Both accounts exist',
        conditions: { all: [{ fact: 'steps', path: '$.findEntra.found', operator: 'equal', value: true }, { fact: 'steps', path: '$.findAd.found', operator: 'equal', value: true }] },
      },
    ],
    0,
    3,
    'Not yet: the person’s own Joiner or Rehire is still creating them. The Joiner sets the manager itself; when either ends without it, the person starts this again.',
  );
  g.end('notYet', 'No accounts yet: nothing to set now', 3, 4);
  g.end('end', 'Done', 1, 10);

  g.chain('start', 'findEntra', 'findAd', 'accountsExist');
  g.link('accountsExist', 'notYet', 'default');
  addManagerSteps(g, 'accountsExist', 'end', 0, 4, { fromHandle: 'exist' });

  return {
    id: managerLinkTemplateId,
    name: 'Manager link (built-in template)',
    description: 'Sets the manager in AD and Entra ID for a person hired before their manager, once the manager’s Joiner or Rehire has created their accounts; a manager who has left is not set.',
    lifecycle: 'custom',
    trigger: { events: ['managerReady'] },
    nodes: g.nodes,
    edges: g.edges,
  };
}
