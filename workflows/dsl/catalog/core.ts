/** Built-in actions that need no target system. */
import { z } from 'zod';
import { declareAction } from './declare.ts';

export const coreLog = declareAction({
  id: 'core.log',
  label: 'Write to the run log',
  description: 'Records a message in the run timeline, for operators reading what happened.',
  category: 'Flow',
  connector: 'core',
  input: z.strictObject({
    message: z.string().min(1).max(2000),
    level: z.enum(['info', 'warn', 'error']).default('info'),
  }),
  output: z.strictObject({ message: z.string(), level: z.enum(['info', 'warn', 'error']), at: z.string() }),
  undoable: false,
});

export const coreSetVariable = declareAction({
  id: 'core.setVariable',
  label: 'Set a run variable',
  description: 'Stores a value under a name; later steps read it as the fact `vars` in rules and in expressions.',
  category: 'Flow',
  connector: 'core',
  input: z.strictObject({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_", not starting with a digit'),
    value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
  }),
  output: z.strictObject({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]) }),
  undoable: false,
  assigns: (output) => ({ [output.name]: output.value }),
});

/**
 * What a Set-variable step outputs. Runs compute it in workflow code; runs recorded before that
 * still replay the activity, which returns the same through this function.
 */
export function setVariableOutput(input: Readonly<Record<string, unknown>>): { name: string; value: unknown } {
  return { name: typeof input.name === 'string' ? input.name : '', value: input.value ?? null };
}
