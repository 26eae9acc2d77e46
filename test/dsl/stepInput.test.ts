/**
 * Which contract a step's input is checked against, and what the step sends: the Scheduler walking
 * revisions published with an older declaration of an action, before contracts were pinned, and
 * today (workflows/dsl/stepInput.ts). No Temporal here: test/workflows/pinnedContracts.test.ts runs
 * a real upgrade.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  compileDefinition,
  declareAction,
  definitionSchema,
  findAction,
  Scheduler,
  type ActionDeclaration,
  type ApprovalResult,
  type CompiledRevision,
  type DefinitionInput,
  type Executor,
  type ParamValue,
} from '../../workflows/dsl/index.ts';
import { definition, edge, node } from '../support/definitions.ts';

/** Sends nothing anywhere: records each step's input and answers with it. */
class RecordingExecutor implements Executor {
  readonly sent: Record<string, Record<string, unknown>> = {};
  now() {
    return new Date('2026-03-02T09:00:00Z');
  }
  random() {
    return 0.5;
  }
  action(node: { id: string }, input: Record<string, unknown>) {
    this.sent[node.id] = input;
    return Promise.resolve(input);
  }
  wait() {
    return Promise.reject(new Error('these revisions have no waits'));
  }
  approval(): Promise<ApprovalResult> {
    return Promise.reject(new Error('these revisions have no approvals'));
  }
  async branches(branches: (() => Promise<void>)[]) {
    for (const branch of branches) await branch();
  }
  isCancellation() {
    return false;
  }
}

function declared(id: string): ActionDeclaration {
  const declaration = findAction(id);
  if (!declaration) throw new Error(`the catalog has no ${id}`);
  return declaration;
}

/** core.log as an older Tenure declared it: its text was called `text`, and it had a channel. */
const olderLog = declareAction({
  ...declared('core.log'),
  input: z.strictObject({ text: z.string().min(1), channel: z.enum(['run', 'audit']).default('run') }),
});
const olderCatalog = (id: string) => (id === 'core.log' ? olderLog : findAction(id));

const oneStep = (id: string, action: string, params: Record<string, ParamValue>): DefinitionInput =>
  definition(
    id,
    [node({ id: 'start', type: 'start', data: {} }), node({ id: 'step', type: 'action', data: { action, params } }), node({ id: 'end', type: 'end', data: {} })],
    [edge('start', 'step'), edge('step', 'end')],
  );

const compile = (def: DefinitionInput, actions?: (id: string) => ActionDeclaration | undefined) => compileDefinition(definitionSchema.parse(def), actions);

/** Runs the revision to its end; a failed run leaves its status behind, as the workflow reports it. */
async function outcome(revision: CompiledRevision, attributes: Record<string, unknown> = {}) {
  const executor = new RecordingExecutor();
  const scheduler = new Scheduler(revision, { attributes }, executor);
  await scheduler.run().catch((error: unknown) => error);
  return { sent: executor.sent.step, status: scheduler.status };
}

describe('a step checks its input against the contract its revision pinned', () => {
  const greeting = oneStep('greeting', 'core.log', { text: { expression: 'Join(" ", "Welcome", [givenName])' } });

  it('runs a revision published with an older declaration as published, whatever the catalog says today', async () => {
    const published = compile(greeting, olderCatalog);
    const { sent, status } = await outcome(published, { givenName: 'Ada' });
    expect(status.outcome).toBe('succeeded');
    // The older contract's default is filled; today's declaration (message, level) plays no part.
    expect(sent).toEqual({ text: 'Welcome Ada', channel: 'run' });
  });

  it('checks a revision published before contracts were pinned against today’s declaration, as before', async () => {
    const { contracts: _dropped, ...unpinned } = compile(greeting, olderCatalog);
    const { sent, status } = await outcome(unpinned, { givenName: 'Ada' });
    expect(sent).toBeUndefined();
    expect(status.outcome).toBe('failed');
    expect(status.nodes.step?.error).toMatch(/^the step's parameters are invalid: /);
  });

  it('refuses input its contract does not accept, in the words of the declaration when that is still today’s', async () => {
    const { sent, status } = await outcome(compile(greeting), { givenName: 'Ada' });
    expect(sent).toBeUndefined();
    expect(status.outcome).toBe('failed');
    expect(status.nodes.step?.error).toBe(`the step's parameters are invalid: message: Invalid input: expected string, received undefined; input: Unrecognized key: "text"`);
  });

  it('refuses input an older contract does not accept in that contract’s words, naming each field', async () => {
    const todaysWords = oneStep('todays-words', 'core.log', { message: 'Welcome' });
    const { sent, status } = await outcome(compile(todaysWords, olderCatalog));
    expect(sent).toBeUndefined();
    expect(status.nodes.step?.error).toBe(
      `the step's parameters do not meet the contract of "core.log" this revision was published with: text: is required; message: is not a parameter of this action`,
    );
  });

  it('fails a step whose action the revision pinned no contract for', async () => {
    const published = compile(greeting, olderCatalog);
    const { sent, status } = await outcome({ ...published, contracts: {} });
    expect(sent).toBeUndefined();
    expect(status.nodes.step?.error).toBe('this revision pinned no contract for "core.log"; publish the definition again');
  });

  it('gives the input the form the action expects when today’s declaration is the one pinned', async () => {
    const welcome = oneStep('welcome', 'email.send', { to: 'ada@example.com', subject: 'Welcome', text: 'Hello', data: '{"person":{"givenName":"Ada"}}' });
    const { sent, status } = await outcome(compile(welcome));
    expect(status.outcome).toBe('succeeded');
    expect(sent).toEqual({ to: ['ada@example.com'], subject: 'Welcome', text: 'Hello', data: { person: { givenName: 'Ada' } } });
  });

  it('leaves a rule JSON Schema cannot say ("exactly one of userId and matchValue") to the action’s own check', async () => {
    const disable = oneStep('disable', 'scim.deactivateUser', { userId: 'u-1', matchValue: 'ada' });
    expect(declared('scim.deactivateUser').input.safeParse({ userId: 'u-1', matchValue: 'ada' }).success).toBe(false);
    const { sent, status } = await outcome(compile(disable));
    expect(status.outcome).toBe('succeeded');
    expect(sent).toEqual({ userId: 'u-1', matchValue: 'ada' });
  });
});
