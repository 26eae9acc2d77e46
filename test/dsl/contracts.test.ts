/**
 * Action contracts: what publishing pins of each action a revision uses, and the pure check a run
 * makes against them (workflows/dsl/contracts.ts, contractCheck.ts).
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  actionContract,
  CompileError,
  compileDefinition,
  declareAction,
  definitionSchema,
  describeCatalog,
  findAction,
  revisionHash,
  type ActionDeclaration,
  type DefinitionInput,
} from '../../workflows/dsl/index.ts';
import { contentHash } from '../../workflows/dsl/canonical.ts';
import { checkAgainstContract } from '../../workflows/dsl/contractCheck.ts';
import { definition, edge, log, node } from '../support/definitions.ts';

const twoLogsAndAVariable: DefinitionInput = definition(
  'contracts',
  [
    node({ id: 'start', type: 'start', data: {} }),
    node({ id: 'hello', type: 'action', data: log('hello') }),
    node({ id: 'remember', type: 'action', data: { action: 'core.setVariable', params: { name: 'team', value: 'platform' } } }),
    node({ id: 'bye', type: 'action', data: log('bye') }),
    node({ id: 'end', type: 'end', data: {} }),
  ],
  [edge('start', 'hello'), edge('hello', 'remember'), edge('remember', 'bye'), edge('bye', 'end')],
);

const compile = (def: DefinitionInput, actions?: (id: string) => ActionDeclaration | undefined) => compileDefinition(definitionSchema.parse(def), actions);

function declared(id: string): ActionDeclaration {
  const declaration = findAction(id);
  if (!declaration) throw new Error(`the catalog has no ${id}`);
  return declaration;
}

/** core.log as an older Tenure declared it: its text was called `text`. */
const olderLog = declareAction({ ...declared('core.log'), input: z.strictObject({ text: z.string().min(1) }) });
const olderCatalog = (id: string) => (id === 'core.log' ? olderLog : findAction(id));

describe('publishing pins action contracts', () => {
  it('keeps one contract per action used, keyed by action id: the input schema the catalog serves, and its hash', () => {
    const { contracts } = compile(twoLogsAndAVariable);
    expect(Object.keys(contracts ?? {})).toEqual(['core.log', 'core.setVariable']);
    const served = describeCatalog().find((a) => a.id === 'core.log')?.input;
    expect(contracts?.['core.log']?.input).toEqual(served);
    expect(contracts?.['core.log']?.hash).toBe(contentHash(served));
    expect(contracts?.['core.log']?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('makes the contract part of the revision: another declaration of an action is another revision', () => {
    const today = compile(twoLogsAndAVariable);
    const older = compile(twoLogsAndAVariable, olderCatalog);
    expect(older.contracts?.['core.log']?.hash).toBe(actionContract(olderLog).hash);
    expect(older.contracts?.['core.log']?.hash).not.toBe(today.contracts?.['core.log']?.hash);
    expect(older.contracts?.['core.setVariable']).toEqual(today.contracts?.['core.setVariable']);
    expect(revisionHash(older)).not.toBe(revisionHash(today));
    expect(revisionHash(compile(twoLogsAndAVariable))).toBe(revisionHash(today));
  });

  it('refuses to compile a step whose action has no declaration', () => {
    const unknown = definition(
      'unknown',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'x', type: 'action', data: { action: 'nowhere.doThing', params: {} } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'x'), edge('x', 'end')],
    );
    expect(() => compile(unknown)).toThrow(CompileError);
    expect(() => compile(unknown)).toThrow('unknown action "nowhere.doThing"');
  });
});

describe('checking input against a pinned contract', () => {
  const logContract = actionContract(declared('core.log'));
  const emailContract = actionContract(declared('email.send'));

  it('accepts what the contract accepts, filling its defaults without touching the values it was given', () => {
    const values = { message: 'Welcome Ada' };
    expect(checkAgainstContract(logContract, values)).toEqual({ ok: true, input: { message: 'Welcome Ada', level: 'info' } });
    expect(values).toEqual({ message: 'Welcome Ada' });
  });

  it('names every problem with its field: missing, unknown, of the wrong type or out of bounds', () => {
    expect(checkAgainstContract(logContract, { text: 'hi', level: 'loud' })).toEqual({
      ok: false,
      problems: ['message: is required', 'text: is not a parameter of this action', 'level: must be equal to one of the allowed values'],
    });
    expect(checkAgainstContract(logContract, { message: '' })).toEqual({ ok: false, problems: ['message: must NOT have fewer than 1 characters'] });
    expect(checkAgainstContract(logContract, { message: 42 })).toEqual({ ok: false, problems: ['message: must be string'] });
  });

  it('says once that a value matches none of the forms a field accepts, and checks the patterns zod wrote', () => {
    const check = checkAgainstContract(emailContract, { to: 'not an address', subject: 'Welcome', text: 'Hello' });
    expect(check).toEqual({ ok: false, problems: ['to: matches none of the forms it accepts'] });
    expect(checkAgainstContract(emailContract, { to: ['ada@example.com'], subject: 'Welcome', text: 'Hello' }).ok).toBe(true);
    expect(checkAgainstContract(emailContract, { to: ['ada@example.com', 'x'], subject: 'Welcome', text: 'Hello' })).toEqual({ ok: false, problems: ['to: matches none of the forms it accepts'] });
  });

  it('reports a contract it cannot read as such, naming it', () => {
    const broken = { hash: 'sha256:broken', input: { type: 'object', properties: { message: { type: 'text' } } } };
    expect(() => checkAgainstContract(broken, { message: 'x' })).toThrow('the pinned contract sha256:broken is not a JSON Schema this Tenure can read');
  });
});
