/**
 * Approver resolution, counting and the approval step's shape, as pure code: the directory is a
 * small table handed in through the lookups (the workflow hands in activities on the real
 * database; test/workflows/approvals.test.ts proves that side).
 */
import { describe, expect, it } from 'vitest';
import {
  approvalCanTimeOut,
  approvalDataSchema,
  approvalStages,
  ApproverRuleError,
  approverSchema,
  excludedDeciders,
  NoApprovers,
  resolveApprovers,
  tallyStage,
  validateDefinition,
  type ApproverInput,
  type ApproverLookups,
  type ResolutionContext,
} from '../../workflows/dsl/index.ts';
import { definition, edge, node } from '../support/definitions.ts';

/** People E1 (Ada, manager E2) → E2 (Grace, manager E3) → E3 (Linus); users link to them. */
const directory = {
  users: { E1: 'ada', E2: 'grace', E3: 'linus', E9: 'sponsor' } as Record<string, string>,
  managers: { E1: 'E2', E2: 'E3' } as Record<string, string>,
  groups: { security: ['sec1', 'sec2', 'ada'], empty: [] } as Record<string, string[]>,
  delegations: {} as Record<string, string>,
};

const lookups: ApproverLookups = {
  usersForEmployees: async (ids) => Promise.resolve(Object.fromEntries(ids.flatMap((e) => (directory.users[e] ? [[e, directory.users[e]]] : [])))),
  employeesForUsers: async (ids) =>
    Promise.resolve(Object.fromEntries(Object.entries(directory.users).filter(([, u]) => ids.includes(u)).map(([e, u]) => [u, e]))),
  managersOf: async (ids) => Promise.resolve(Object.fromEntries(ids.flatMap((e) => (directory.managers[e] ? [[e, directory.managers[e]]] : [])))),
  groupMembers: async (id) => Promise.resolve(directory.groups[id]),
  delegations: async (ids) => Promise.resolve(Object.fromEntries(ids.flatMap((u) => (directory.delegations[u] ? [[u, directory.delegations[u]]] : [])))),
};

async function context(attributes: Record<string, unknown>, requestedBy = 'hr:workday', employeeId = 'E1'): Promise<ResolutionContext> {
  return { attributes, vars: {}, steps: {}, now: new Date('2026-01-05T09:00:00Z'), random: () => 0.5, excluded: await excludedDeciders(employeeId, requestedBy, lookups) };
}

const rules = (...list: ApproverInput[]) => list.map((a) => approverSchema.parse(a));

describe('resolveApprovers', () => {
  it('finds the person’s manager from managerId, and the manager’s manager through the directory', async () => {
    const ctx = await context({ managerId: 'E2' });
    expect((await resolveApprovers(rules({ kind: 'manager' }), ctx, lookups)).seats).toEqual([{ userId: 'grace' }]);
    expect((await resolveApprovers(rules({ kind: 'manager', level: 2 }), ctx, lookups)).seats).toEqual([{ userId: 'linus' }]);
  });

  it('takes group members and expression results, in rule order and without duplicates', async () => {
    const ctx = await context({ managerId: 'E2', department: 'Finance', sponsorId: 'E9' });
    const found = await resolveApprovers(
      rules(
        { kind: 'group', groupId: 'security' },
        { kind: 'expression', expression: 'IIF([department]="Finance", "cfo", "cto")' },
        { kind: 'expression', expression: '[sponsorId]', resolveAs: 'employee' },
        { kind: 'user', userId: 'sec1' },
      ),
      ctx,
      lookups,
    );
    expect(found.seats.map((s) => s.userId)).toEqual(['sec1', 'sec2', 'cfo', 'sponsor']);
  });

  it('never seats the person concerned or the requester, and says so', async () => {
    const ctx = await context({}, 'grace');
    const found = await resolveApprovers(rules({ kind: 'group', groupId: 'security' }, { kind: 'user', userId: 'grace' }), ctx, lookups);
    expect(found.seats.map((s) => s.userId)).toEqual(['sec1', 'sec2']);
    expect(found.excluded).toEqual([
      { userId: 'ada', reason: 'ada is the person this change is about' },
      { userId: 'grace', reason: 'grace requested this change' },
    ]);
  });

  it('goes to the fallback when the rules find only people who may not decide, or nobody', async () => {
    const selfOnly = await resolveApprovers(rules({ kind: 'user', userId: 'ada' }), await context({}), lookups, { fallback: rules({ kind: 'user', userId: 'linus' }) });
    expect(selfOnly).toMatchObject({ seats: [{ userId: 'linus' }], usedFallback: true });

    const noManager = await resolveApprovers(rules({ kind: 'manager' }), await context({}), lookups, { fallback: rules({ kind: 'group', groupId: 'security' }) });
    expect(noManager.seats.map((s) => s.userId)).toEqual(['sec1', 'sec2']);
    expect(noManager.notes).toEqual(['the person has no managerId']);

    const unlinked = await resolveApprovers(rules({ kind: 'manager' }), await context({ managerId: 'E404' }), lookups, { fallback: rules({ kind: 'user', userId: 'linus' }) });
    expect(unlinked.notes).toEqual(['employee E404 is not linked to a Tenure user']);
  });

  it('fails with what was missing when even the fallback finds no one who may decide', async () => {
    const error = await resolveApprovers(rules({ kind: 'user', userId: 'ada' }, { kind: 'group', groupId: 'empty' }), await context({}), lookups, {
      fallback: rules({ kind: 'user', userId: 'hr:workday' }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoApprovers);
    expect(error).toHaveProperty(
      'message',
      'the approval found no one who may decide (approver group "empty" has no members; ada is the person this change is about, so may not decide; hr:workday requested this change, so may not decide); the fallback approvers found no one either: change them',
    );
  });

  it('tops a quorum up from the fallback, and refuses a quorum it cannot fill', async () => {
    const ctx = await context({});
    const topped = await resolveApprovers(rules({ kind: 'user', userId: 'sec1' }), ctx, lookups, { minimum: 2, fallback: rules({ kind: 'user', userId: 'linus' }) });
    expect(topped.seats.map((s) => s.userId)).toEqual(['sec1', 'linus']);
    await expect(resolveApprovers(rules({ kind: 'user', userId: 'sec1' }), ctx, lookups, { minimum: 3 })).rejects.toThrow(
      'the approval found 1 of the 3 approvers it needs; add fallback approvers to the step',
    );
  });

  it('refuses a group that does not exist and an expression that fails', async () => {
    const ctx = await context({});
    await expect(resolveApprovers(rules({ kind: 'group', groupId: 'nope' }), ctx, lookups)).rejects.toBeInstanceOf(ApproverRuleError);
    await expect(resolveApprovers(rules({ kind: 'expression', expression: 'Left([x]' }), ctx, lookups)).rejects.toThrow(/does not parse/);
  });

  it('seats a delegate for an approver who delegated, unless the delegate may not decide or already decides', async () => {
    directory.delegations = { sec1: 'linus', sec2: 'ada', grace: 'sec1' };
    try {
      const ctx = await context({ managerId: 'E2' });
      const found = await resolveApprovers(rules({ kind: 'user', userId: 'sec1' }, { kind: 'user', userId: 'sec2' }), ctx, lookups);
      expect(found.seats).toEqual([{ userId: 'linus', onBehalfOf: 'sec1' }, { userId: 'sec2' }]);
      expect(found.notes).toEqual(['sec2 delegated to ada, who may not decide here, so sec2 stays the approver']);
      const both = await resolveApprovers(rules({ kind: 'manager' }, { kind: 'user', userId: 'sec1' }), ctx, lookups);
      expect(both.seats).toEqual([{ userId: 'grace' }, { userId: 'linus', onBehalfOf: 'sec1' }]);
    } finally {
      directory.delegations = {};
    }
  });

  it('escalates to the managers of the approvers who did not answer', async () => {
    const ctx = await context({});
    const found = await resolveApprovers([{ kind: 'approversManager' }], ctx, lookups, { undecided: ['grace', 'sec1'] });
    expect(found.seats).toEqual([{ userId: 'linus' }]);
    expect(found.notes).toEqual(['approver sec1 is not linked to a person, so their manager is unknown']);
  });
});

describe('tallyStage', () => {
  const approve = (approver: string) => ({ approver, decision: 'approve' as const });
  const reject = (approver: string) => ({ approver, decision: 'reject' as const });

  it('any: the first answer decides', () => {
    expect(tallyStage('any', undefined, ['a', 'b'], [])).toBe('pending');
    expect(tallyStage('any', undefined, ['a', 'b'], [reject('b'), approve('a')])).toBe('rejected');
    expect(tallyStage('any', undefined, ['a', 'b'], [approve('a')])).toBe('approved');
  });

  it('all: everyone must approve, one rejection rejects', () => {
    expect(tallyStage('all', undefined, ['a', 'b'], [approve('a')])).toBe('pending');
    expect(tallyStage('all', undefined, ['a', 'b'], [approve('a'), approve('b')])).toBe('approved');
    expect(tallyStage('all', undefined, ['a', 'b'], [approve('a'), reject('b')])).toBe('rejected');
  });

  it('quorum: enough approvals approve; rejections that put the quorum out of reach reject', () => {
    expect(tallyStage('quorum', 2, ['a', 'b', 'c'], [approve('a')])).toBe('pending');
    expect(tallyStage('quorum', 2, ['a', 'b', 'c'], [approve('a'), reject('b')])).toBe('pending');
    expect(tallyStage('quorum', 2, ['a', 'b', 'c'], [approve('a'), reject('b'), approve('c')])).toBe('approved');
    expect(tallyStage('quorum', 2, ['a', 'b', 'c'], [reject('a'), reject('b')])).toBe('rejected');
  });
});

describe('the approval step’s shape', () => {
  it('reads the single-approver shorthand as one stage, exactly as before stages existed', () => {
    const data = approvalDataSchema.parse({ approvers: [{ kind: 'user', userId: 'admin' }], timeout: { days: 7 } });
    expect(approvalStages(data)).toEqual([{ approvers: [{ kind: 'user', userId: 'admin' }], mode: 'any', onDeadline: 'timeout', deadline: { after: { days: 7 }, businessDays: false } }]);
    expect(approvalCanTimeOut(data)).toBe(true);
    expect(approvalCanTimeOut(approvalDataSchema.parse({ approvers: [{ kind: 'user', userId: 'admin' }] }))).toBe(false);
  });

  it('refuses contradictions with a message on the field', () => {
    const issues = (input: unknown) => {
      const r = approvalDataSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({})).toEqual(['stages: give either approvers (one stage) or stages, not both and not neither']);
    expect(issues({ stages: [{ approvers: [{ kind: 'manager' }], mode: 'quorum' }] })).toEqual(['stages.0.quorum: a quorum stage needs the number of approvals it takes (quorum)']);
    expect(issues({ stages: [{ approvers: [{ kind: 'manager' }], onDeadline: 'reject' }] })).toEqual(['stages.0.deadline: set a deadline for "reject" to happen at']);
    expect(issues({ stages: [{ approvers: [{ kind: 'manager' }], deadline: { after: { days: 1 }, holidays: ['2026-02-30'] } }] })).toEqual(['stages.0.deadline.holidays.0: not a calendar date']);
  });

  it('requires a timeout edge only where a stage can time out, and reports expressions and quorums it can check', () => {
    const def = definition(
      'staged',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'ask',
          type: 'approval',
          data: {
            stages: [
              { approvers: [{ kind: 'user', userId: 'a' }], mode: 'quorum', quorum: 2 },
              { approvers: [{ kind: 'expression', expression: 'Left([x]' }], deadline: { after: { days: 2 }, timeZone: 'Mars/Olympus' }, onDeadline: 'escalate' },
            ],
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'ask'), edge('ask', 'end', 'approved'), edge('ask', 'end', 'rejected')],
    );
    const result = validateDefinition(def);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => `${p.nodeId ?? ''} ${p.path}`)).toEqual([
      'ask nodes[1]',
      'ask nodes[1].data.stages[0].quorum',
      'ask nodes[1].data.stages[1].approvers[0].expression',
      'ask nodes[1].data.stages[1].deadline.timeZone',
    ]);
    expect(result.problems[0]?.message).toBe('Connect the "timeout" output of the approval node "ask".');
  });
});
