/**
 * The scheduler's graph semantics, walked with an injected executor: no Temporal here, the
 * Temporal side is proven in test/workflows/.
 */
import { describe, expect, it } from 'vitest';
import {
  compileDefinition,
  definitionSchema,
  RunFailed,
  Scheduler,
  type ApprovalResult,
  type CompiledNodeOf,
  type DefinitionInput,
  type Executor,
  type ParamValue,
  type WaitTarget,
} from '../../workflows/dsl/index.ts';
import { definition, edge, log, node, sampleDefinition } from '../support/definitions.ts';

class Cancelled extends Error {}

/** Records what the run asked for; time advances only when a wait or approval passes. */
class RecordingExecutor implements Executor {
  clock = new Date('2026-01-05T09:00:00Z');
  actions: { nodeId: string; input: Record<string, unknown> }[] = [];
  failing = new Set<string>();
  approvalAnswer: ApprovalResult['outcome'] = 'approved';
  waits: string[] = [];
  private cancelled = false;
  /** Called by a wait after it armed, before it resolves (lets a test move the date). */
  onArmed: ((until: Date) => void) | undefined;

  now() {
    return this.clock;
  }
  random() {
    return 0.5;
  }
  async action(node: CompiledNodeOf<'action'>, input: Record<string, unknown>) {
    await Promise.resolve();
    if (this.cancelled) throw new Cancelled('cancelled');
    this.actions.push({ nodeId: node.id, input });
    if (this.failing.has(node.id)) throw new Error(`${node.id} broke`);
    if (node.data.action === 'core.setVariable') return { name: input.name, value: input.value };
    return { message: input.message, level: 'info', at: this.clock.toISOString() };
  }
  async wait(_node: CompiledNodeOf<'wait'>, target: () => WaitTarget, armed: (until: Date) => void) {
    let t = target();
    if (!t.ok) throw new Error(t.reason);
    armed(t.until);
    this.onArmed?.(t.until);
    t = target();
    if (!t.ok) throw new Error(t.reason);
    armed(t.until);
    this.waits.push(t.until.toISOString());
    // A wait lasts: let the other branches run first, as a timer would.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.cancelled) throw new Cancelled('cancelled');
    if (t.until > this.clock) this.clock = t.until;
  }
  async approval(_node: CompiledNodeOf<'approval'>, approvers: string[]): Promise<ApprovalResult> {
    await Promise.resolve();
    const outcome = this.approvalAnswer;
    return { outcome, decisions: outcome === 'timeout' ? [] : [{ approver: approvers[0] ?? '?', decision: outcome === 'approved' ? 'approve' : 'reject', at: this.clock.toISOString() }] };
  }
  async branches(branches: (() => Promise<void>)[]) {
    const running = branches.map((b) => b());
    try {
      await Promise.all(running);
    } catch (error) {
      this.cancelled = true;
      await Promise.allSettled(running);
      throw error;
    }
  }
  isCancellation(error: unknown) {
    return error instanceof Cancelled;
  }
}

function scheduler(def: DefinitionInput, attributes: Record<string, unknown>, executor = new RecordingExecutor()) {
  return { executor, scheduler: new Scheduler(compileDefinition(definitionSchema.parse(def)), { attributes }, executor) };
}

describe('Scheduler', () => {
  it('walks the sample: decision, parallel actions, join, wait, approval, end', async () => {
    const { scheduler: s, executor } = scheduler(sampleDefinition('s', 30), { department: 'Engineering', givenName: 'Ada' });
    const status = await s.run();
    expect(status.outcome).toBe('succeeded');
    const steps = status.trace.map((t) => `${t.nodeId}${t.handle ? `:${t.handle}` : ''}`);
    expect(steps.slice(0, 3)).toEqual(['start:next', 'route:engineering', 'fork:next']);
    // Parallel branches finish in whatever order their steps complete.
    expect(steps.slice(3, 5).sort()).toEqual(['greet:next', 'remember:next']);
    expect(steps.slice(5)).toEqual(['join:next', 'settle:next', 'approve:approved', 'done']);
    expect(executor.actions.find((a) => a.nodeId === 'greet')?.input).toEqual({ message: 'Welcome Ada', level: 'info' });
    expect(status.vars).toEqual({ team: 'platform' });
    expect(executor.waits).toEqual(['2026-01-05T09:00:30.000Z']);
    expect(status.nodes.other?.status).toBe('skipped');
    expect(status.nodes.refused?.status).toBe('skipped');
    expect(status.nodes.approve).toMatchObject({ status: 'done', handle: 'approved', startedAt: '2026-01-05T09:00:30.000Z' });
  });

  it('takes the default outcome when no rule matches', async () => {
    const { scheduler: s } = scheduler(sampleDefinition(), { department: 'Sales' });
    const status = await s.run();
    expect(status.trace.map((t) => t.nodeId)).toEqual(['start', 'route', 'other', 'done']);
    expect(status.trace[1]?.rules?.[0]?.conditions[0]).toMatchObject({ fact: 'department', factValue: 'Sales', result: false });
  });

  it('fails the run at a failed end', async () => {
    const executor = new RecordingExecutor();
    executor.approvalAnswer = 'rejected';
    const { scheduler: s } = scheduler(sampleDefinition(), { department: 'Engineering' }, executor);
    await expect(s.run()).rejects.toBeInstanceOf(RunFailed);
    expect(s.status.outcome).toBe('failed');
    expect(s.status.nodes.refused?.status).toBe('done');
  });

  const withError = (errorEdge: boolean, continueOnError = false) =>
    definition(
      'errors',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'risky', type: 'action', data: { ...log('try'), continueOnError } }),
        node({ id: 'cleanup', type: 'action', data: log('clean up') }),
        node({ id: 'after', type: 'action', data: log('after') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'risky'), edge('risky', 'after'), ...(errorEdge ? [edge('risky', 'cleanup', 'error')] : []), edge('cleanup', 'end'), edge('after', 'end')],
    );

  it('follows the error edge of a failed action', async () => {
    const executor = new RecordingExecutor();
    executor.failing.add('risky');
    const { scheduler: s } = scheduler(withError(true), {}, executor);
    const status = await s.run();
    expect(status.outcome).toBe('succeeded');
    expect(status.nodes.risky).toMatchObject({ status: 'failed', handle: 'error', error: 'risky broke' });
    expect(executor.actions.map((a) => a.nodeId)).toEqual(['risky', 'cleanup']);
  });

  it('fails the run when a failed action has no error edge', async () => {
    const executor = new RecordingExecutor();
    executor.failing.add('risky');
    const { scheduler: s } = scheduler(withError(false), {}, executor);
    await expect(s.run()).rejects.toThrow('"Write to the run log" failed: risky broke');
    expect(s.status.nodes.after?.status).toBe('skipped');
  });

  it('continues past a failed action marked continue-on-error', async () => {
    const executor = new RecordingExecutor();
    executor.failing.add('risky');
    const { scheduler: s } = scheduler(withError(false, true), {}, executor);
    const status = await s.run();
    expect(status.outcome).toBe('succeeded');
    expect(status.nodes.risky?.status).toBe('failed');
    expect(executor.actions.map((a) => a.nodeId)).toEqual(['risky', 'after']);
  });

  describe('a step that waits for an operator and has an error edge', () => {
    const waiting = () => {
      const def = withError(true);
      return { ...def, nodes: def.nodes.map((n) => (n.id === 'risky' && n.type === 'action' ? { ...n, data: { ...n.data, waitForOperator: true } } : n)) };
    };
    /** An executor whose operator answers `answer` once the step waits, after repairing it for a retry. */
    const operated = (answer: 'retry' | 'skip' | 'fail', operatorFirst: boolean | undefined) => {
      const asked: string[] = [];
      const base = new RecordingExecutor();
      const executor = Object.assign(base, {
        asked,
        awaitOperator(node: CompiledNodeOf<'action'>, error: string) {
          asked.push(`${node.id}: ${error}`);
          if (answer === 'retry') base.failing.delete(node.id);
          return Promise.resolve({ action: answer, by: 'ops' });
        },
        ...(operatorFirst !== undefined ? { operatorBeforeErrorEdge: () => operatorFirst } : {}),
      });
      executor.failing.add('risky');
      return executor;
    };

    it('takes the edge at once for a run begun before operators came first (replay)', async () => {
      for (const executor of [operated('retry', false), operated('retry', undefined)]) {
        const status = await scheduler(waiting(), {}, executor).scheduler.run();
        expect(executor.asked).toEqual([]);
        expect(status.nodes.risky).toMatchObject({ status: 'failed', handle: 'error' });
      }
    });

    it('asks the operator first: a retry that succeeds goes on along next', async () => {
      const executor = operated('retry', true);
      const status = await scheduler(waiting(), {}, executor).scheduler.run();
      expect(executor.asked).toEqual(['risky: risky broke']);
      expect(status.nodes.risky).toMatchObject({ status: 'done', handle: 'next', visits: 2 });
      expect(executor.actions.map((a) => a.nodeId)).toEqual(['risky', 'risky', 'after']);
    });

    it('takes the error edge once the operator gives up', async () => {
      const executor = operated('fail', true);
      const status = await scheduler(waiting(), {}, executor).scheduler.run();
      expect(executor.asked).toHaveLength(1);
      expect(status.nodes.risky).toMatchObject({ status: 'failed', handle: 'error' });
      expect(executor.actions.map((a) => a.nodeId)).toEqual(['risky', 'cleanup']);
    });
  });

  it('cancels the sibling branches when one fails', async () => {
    const def = definition(
      'siblings',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'fork', type: 'parallel', data: {} }),
        node({ id: 'bad', type: 'action', data: log('bad') }),
        node({ id: 'slow', type: 'wait', data: { wait: { kind: 'duration', duration: { days: 1 } } } }),
        node({ id: 'late', type: 'action', data: log('late') }),
        node({ id: 'join', type: 'join', data: {} }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'fork'), edge('fork', 'bad'), edge('fork', 'slow'), edge('slow', 'late'), edge('bad', 'join'), edge('late', 'join'), edge('join', 'end')],
    );
    const executor = new RecordingExecutor();
    executor.failing.add('bad');
    const { scheduler: s } = scheduler(def, {}, executor);
    await expect(s.run()).rejects.toBeInstanceOf(RunFailed);
    expect(s.status.nodes.slow).toMatchObject({ status: 'skipped', error: 'cancelled: a parallel branch failed' });
    expect(s.status.nodes.late?.status).toBe('skipped');
    expect(executor.actions.map((a) => a.nodeId)).toEqual(['bad']);
  });

  it('re-arms a date wait when HR moves the date', async () => {
    const def = definition(
      'rearm',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'day1', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0, at: '08:00' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'day1'), edge('day1', 'end')],
    );
    const { scheduler: s, executor } = scheduler(def, { hireDate: '2026-02-01' });
    executor.onArmed = () => s.updateAttributes({ hireDate: '2026-02-15' });
    const status = await s.run();
    expect(executor.waits).toEqual(['2026-02-15T08:00:00.000Z']);
    expect(status.trace[1]).toMatchObject({ nodeId: 'day1', until: '2026-02-15T08:00:00.000Z' });
  });

  it('fails a date wait whose attribute is missing, saying which', async () => {
    const def = definition(
      'nodate',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'day1', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0 } } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'day1'), edge('day1', 'end')],
    );
    const { scheduler: s } = scheduler(def, {});
    await expect(s.run()).rejects.toThrow('cannot start: the person has no hireDate');
  });

  it('asks the step’s target whether SelectUniqueValue candidates are free, anchor first', async () => {
    const def = definition(
      'unique',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'name',
          type: 'action',
          data: {
            action: 'core.setVariable',
            params: {
              name: 'login',
              value: { expression: 'SelectUniqueValue(Join(".", [givenName], [surname]), Join("", [givenName], ".", [surname], "2"))' },
            },
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'name'), edge('name', 'end')],
    );
    const executor = new RecordingExecutor();
    const asked: string[] = [];
    const taken = new Set(['jose.garcia']);
    const withUnique = Object.assign(executor, {
      isUnique: async (_node: unknown, param: string, value: string, evaluated: Readonly<Record<string, unknown>>) => {
        asked.push(`${param}=${value} (name ${String(evaluated.name)})`);
        return Promise.resolve(!taken.has(value));
      },
    });
    const { scheduler: s } = scheduler(def, { givenName: 'jose', surname: 'garcia' }, withUnique);
    const status = await s.run();
    expect(status.vars).toEqual({ login: 'jose.garcia2' });
    expect(asked).toEqual(['value=jose.garcia (name login)', 'value=jose.garcia2 (name login)']);
  });

  describe('asks about a whole step’s unique values at once when the executor can', () => {
    const createUser = (params: Record<string, ParamValue>) =>
      definition(
        'unique-at-once',
        [node({ id: 'start', type: 'start', data: {} }), node({ id: 'create', type: 'action', data: { action: 'ad.createUser', params } }), node({ id: 'end', type: 'end', data: {} })],
        [edge('start', 'create'), edge('create', 'end')],
      );
    const threeUnique = createUser({
      anchor: { expression: '[employeeId]' },
      name: { expression: 'Join(" ", [givenName], [surname])' },
      sAMAccountName: { expression: 'SelectUniqueValue(Join(".", [givenName], [surname]), Join("", [givenName], [surname]))' },
      userPrincipalName: { expression: 'SelectUniqueValue(Join("", [givenName], ".", [surname], "@example.com"), Join("", [givenName], ".", [surname], "2@example.com"), Join("", [givenName], ".", [surname], "3@example.com"))' },
      mail: { expression: 'SelectUniqueValue(Join("", [givenName], "@example.com"), Join("", [givenName], ".l@example.com"))' },
    });
    const attributes = { employeeId: 'E1', givenName: 'ada', surname: 'lovelace' };

    /** An executor whose target holds `taken`; records each round of questions with the anchor it was asked for. */
    const batching = (taken: ReadonlySet<string>, atOnce = true) => {
      const executor = new RecordingExecutor();
      const rounds: string[][] = [];
      const oneByOne: string[] = [];
      return Object.assign(executor, {
        rounds,
        oneByOne,
        uniqueAtOnce: () => atOnce,
        areUnique: async (_node: unknown, checks: readonly { param: string; value: string }[], evaluated: Readonly<Record<string, unknown>>) => {
          rounds.push(checks.map((c) => `${c.param}=${c.value} (anchor ${String(evaluated.anchor)})`));
          return Promise.resolve(checks.map((c) => !taken.has(c.value)));
        },
        isUnique: async (_node: unknown, param: string, value: string) => {
          oneByOne.push(`${param}=${value}`);
          return Promise.resolve(!taken.has(value));
        },
      });
    };

    it('asks once for a step whose first candidates are all free, however many unique parameters it has', async () => {
      const executor = batching(new Set());
      const { scheduler: s } = scheduler(threeUnique, attributes, executor);
      expect((await s.run()).outcome).toBe('succeeded');
      expect(executor.rounds).toEqual([['sAMAccountName=ada.lovelace (anchor E1)', 'userPrincipalName=ada.lovelace@example.com (anchor E1)', 'mail=ada@example.com (anchor E1)']]);
      expect(executor.actions[0]?.input).toMatchObject({ anchor: 'E1', sAMAccountName: 'ada.lovelace', userPrincipalName: 'ada.lovelace@example.com', mail: 'ada@example.com' });
      expect(executor.oneByOne).toEqual([]);
    });

    it('asks the next candidates of only the parameters whose value was taken, round by round', async () => {
      const executor = batching(new Set(['ada.lovelace@example.com', 'ada.lovelace2@example.com', 'ada@example.com']));
      const { scheduler: s } = scheduler(threeUnique, attributes, executor);
      expect((await s.run()).outcome).toBe('succeeded');
      expect(executor.rounds).toEqual([
        ['sAMAccountName=ada.lovelace (anchor E1)', 'userPrincipalName=ada.lovelace@example.com (anchor E1)', 'mail=ada@example.com (anchor E1)'],
        ['userPrincipalName=ada.lovelace2@example.com (anchor E1)', 'mail=ada.l@example.com (anchor E1)'],
        ['userPrincipalName=ada.lovelace3@example.com (anchor E1)'],
      ]);
      expect(executor.actions[0]?.input).toMatchObject({ sAMAccountName: 'ada.lovelace', userPrincipalName: 'ada.lovelace3@example.com', mail: 'ada.l@example.com' });
    });

    it('fails the step with the first failing parameter in order, as when asked one by one', async () => {
      const taken = new Set(['ada.lovelace', 'adalovelace', 'ada@example.com', 'ada.l@example.com']);
      const statusOf = async (e: ReturnType<typeof batching>) => {
        const { scheduler: s } = scheduler(threeUnique, attributes, e);
        await expect(s.run()).rejects.toThrow();
        return s.status.nodes.create?.error;
      };
      const [batchedError, oneByOneError] = [await statusOf(batching(taken)), await statusOf(batching(taken, false))];
      // sAMAccountName and mail both run out of candidates; sAMAccountName comes first.
      expect(batchedError).toMatch(/every candidate is already taken: 'ada\.lovelace', 'adalovelace'/);
      expect(batchedError).toBe(oneByOneError);
    });

    it('asks one by one in runs that began before (uniqueAtOnce false), as those runs did', async () => {
      const executor = batching(new Set(['ada@example.com']), false);
      const { scheduler: s } = scheduler(threeUnique, attributes, executor);
      expect((await s.run()).outcome).toBe('succeeded');
      expect(executor.rounds).toEqual([]);
      expect(executor.oneByOne).toEqual(['sAMAccountName=ada.lovelace', 'userPrincipalName=ada.lovelace@example.com', 'mail=ada@example.com', 'mail=ada.l@example.com']);
    });

    it('fails the step with the target’s error when the target cannot answer', async () => {
      const executor = batching(new Set());
      Object.assign(executor, {
        areUnique: async () => Promise.reject(new Error('the directory is unavailable')),
      });
      const { scheduler: s } = scheduler(threeUnique, attributes, executor);
      await expect(s.run()).rejects.toThrow('the directory is unavailable');
      expect(s.status.nodes.create?.error).toMatch(/the directory is unavailable/);
    });
  });

  it('chooses again when a unique value it found free was taken before the write, a bounded number of times', async () => {
    const def = definition(
      'race',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'name',
          type: 'action',
          data: { action: 'core.setVariable', params: { name: 'login', value: { expression: 'SelectUniqueValue("jgarcia", "josegarcia", "jgarcia2", "jgarcia3")' } } },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'name'), edge('name', 'end')],
    );
    class TakenMeanwhile extends Error {}
    // Another run writes each value between this run's check and its write: the directory says
    // "free", then the write fails, and the next check sees it taken.
    const raced = (races: number) => {
      const executor = new RecordingExecutor();
      const taken = new Set<string>();
      let left = races;
      return Object.assign(executor, {
        isUnique: async (_node: unknown, _param: string, value: string) => Promise.resolve(!taken.has(value)),
        isValueTaken: (error: unknown) => error instanceof TakenMeanwhile,
        action: async (n: CompiledNodeOf<'action'>, input: Record<string, unknown>) => {
          executor.actions.push({ nodeId: n.id, input });
          if (left-- > 0) {
            taken.add(String(input.value));
            throw new TakenMeanwhile(`${String(input.value)} is already taken`);
          }
          return Promise.resolve({ name: input.name, value: input.value });
        },
      });
    };

    const twice = raced(2);
    const { scheduler: s } = scheduler(def, {}, twice);
    const status = await s.run();
    expect(status.vars).toEqual({ login: 'jgarcia2' });
    expect(twice.actions.map((a) => a.input.value)).toEqual(['jgarcia', 'josegarcia', 'jgarcia2']);
    expect(status.trace.filter((t) => t.handle === 'retry').map((t) => t.error)).toEqual([
      'jgarcia is already taken (a unique value was taken meanwhile: choosing again)',
      'josegarcia is already taken (a unique value was taken meanwhile: choosing again)',
    ]);

    const always = raced(10);
    await expect(scheduler(def, {}, always).scheduler.run()).rejects.toThrow('jgarcia2 is already taken');
    expect(always.actions).toHaveLength(3);
  });

  it('evaluates loops until a rule lets the run out', async () => {
    const def = definition(
      'loop',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'count', type: 'action', data: { action: 'core.setVariable', params: { name: 'attempt', value: { expression: 'IIF(IsNullOrEmpty([vars.attempt]), "1", "2")' } } } }),
        node({ id: 'check', type: 'decision', data: { rules: [{ outcome: 'enough', conditions: { all: [{ fact: 'vars', path: '$.attempt', operator: 'equal', value: '2' }] } }] } }),
        node({ id: 'pause', type: 'wait', data: { wait: { kind: 'duration', duration: { hours: 1 } } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'count'), edge('count', 'check'), edge('check', 'end', 'enough'), edge('check', 'pause', 'default'), edge('pause', 'count')],
    );
    const { scheduler: s } = scheduler(def, {});
    const status = await s.run();
    expect(status.vars).toEqual({ attempt: '2' });
    expect(status.nodes.count?.visits).toBe(2);
    expect(status.trace.filter((t) => t.nodeId === 'check').map((t) => t.handle)).toEqual(['default', 'enough']);
  });
});
