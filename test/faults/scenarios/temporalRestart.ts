/**
 * The Temporal server stopped and started again on the same database file, twice, while runs wait:
 * each hire's Joiner waits for a hire date a couple of minutes ahead, and a second lifecycle
 * ("fault-approval", triggered by the same hires) waits for an approver, then for a timer. The first
 * restart comes once every approval is pending; the approvals are then given through the API, and
 * the second restart comes at once, while the approved runs wait on their timers and the Joiners on
 * their hire date. Tenure's processes keep running throughout. Every run must resume and finish.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { definition, edge, log as logStep, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { batch, hired } from '../batch.ts';
import { Ledger, postEvent } from '../intake.ts';
import type { ScenarioContext, ScenarioOutcome } from '../scenario.ts';
import type { FaultStack } from '../stack.ts';
import { settle } from '../verify.ts';

/** How far ahead the hire date is: the Joiners wait through both restarts. */
const hireInSeconds = 120;
const downSeconds = 10;

const approvalDefinition = definition(
  'fault-approval',
  [
    node({ id: 'start', type: 'start', data: {} }),
    node({ id: 'approve', type: 'approval', data: { label: 'Admin approves', question: 'Give the new hire the lab?', approvers: [{ kind: 'user', userId: 'admin' }] } }),
    node({ id: 'settle', type: 'wait', data: { label: 'Let it settle', wait: { kind: 'duration', duration: { seconds: 20 } } } }),
    node({ id: 'note', type: 'action', data: logStep('lab granted') }),
    node({ id: 'done', type: 'end', data: {} }),
    node({ id: 'refused', type: 'end', data: { outcome: 'failed' } }),
  ],
  [edge('start', 'approve'), edge('approve', 'settle', 'approved'), edge('approve', 'refused', 'rejected'), edge('settle', 'note'), edge('note', 'done')],
  { name: 'Fault suite: an approval and a timer', trigger: { events: ['hire'], scope: { all: [{ fact: 'faultApproval', operator: 'equal', value: 'required' }] } } },
);

const inbox = z.object({ approvals: z.array(z.looseObject({ id: z.string(), employeeId: z.string() })) });

async function publishApprovalDefinition(stack: FaultStack): Promise<void> {
  const api = stack.apis[0].call;
  if ((await api('GET', `/api/definitions/${approvalDefinition.id}`)).status === 200) return;
  const created = await api('POST', '/api/definitions', approvalDefinition);
  if (created.status !== 201) throw new Error(`creating ${approvalDefinition.id}: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api('POST', `/api/definitions/${approvalDefinition.id}/publish`);
  if (published.status !== 201) throw new Error(`publishing ${approvalDefinition.id}: ${published.status} ${JSON.stringify(published.body)}`);
}

async function restart(ctx: ScenarioContext, why: string): Promise<void> {
  ctx.log(`stopping Temporal (${why})`);
  await ctx.stack.temporal.stop();
  await sleep(downSeconds * 1000);
  await ctx.stack.temporal.start();
  ctx.tally.temporalRestarts++;
  ctx.tally.temporalDownSeconds += downSeconds;
  ctx.log(`Temporal is back after ${downSeconds} s down`);
}

export async function temporalRestart(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { stack, log } = ctx;
  await publishApprovalDefinition(stack);
  const people = batch('T', ctx.hires, new Date(Date.now() + hireInSeconds * 1000).toISOString());
  const ledger = new Ledger();
  const api = stack.apis[0].call;
  const pending = async () => inbox.parse((await api('GET', '/api/approvals')).body).approvals.filter((a) => a.employeeId.startsWith('T'));

  let next = 0;
  const sender = async () => {
    for (let i = next++; i < people.length; i = next++) {
      const p = people[i];
      if (!p) continue;
      const { employeeId, ...attributes } = p;
      // The attribute the approval lifecycle's scope asks for: no other scenario's hires have it.
      await postEvent(stack.apis[i % 2 === 0 ? 0 : 1].call, { eventId: `hire-${employeeId}`, type: 'hire', employeeId, attributes: { employeeId, ...attributes, faultApproval: 'required' } }, ledger);
    }
  };
  await Promise.all([sender(), sender(), sender(), sender()]);
  log(`${ledger.count()} hires accepted, hire date in ${hireInSeconds} s; waiting for every approval to be pending`);
  await eventually(async () => ((await pending()).length === people.length ? true : undefined), `${people.length} pending approvals`, ctx.settleMs, 2000);

  await restart(ctx, 'every approval pending, the Joiners waiting for the hire date');
  const approvals = await pending();
  let decided = 0;
  const decide = async () => {
    for (let a = approvals.pop(); a !== undefined; a = approvals.pop()) {
      const id = a.id;
      const answer = await eventually(
        async () => {
          const res = await api('POST', `/api/approvals/${encodeURIComponent(id)}/decision`, { decision: 'approve', comment: 'fault suite' });
          return res.status >= 500 ? undefined : res;
        },
        `the decision on ${id}`,
        120_000,
        1000,
      );
      if (answer.status !== 200) throw new Error(`approving ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      decided++;
    }
  };
  await Promise.all([decide(), decide(), decide(), decide()]);
  log(`${decided} approvals given`);
  await restart(ctx, 'the approved runs waiting on their timers, the Joiners on the hire date');

  ctx.tally.resent += ledger.resent;
  const findings = await settle(stack, 'T', hired(people), ledger, ctx.settleMs, log);
  return { findings, problems: decided === people.length ? [] : [`${people.length - decided} approvals were not given`] };
}
