/**
 * The input a step sends to its action, and who decides whether it is acceptable.
 *
 * A revision that pinned its contracts decides by them alone: whether a step's input is refused
 * depends only on the revision and the values, never on the catalog of the Tenure running (or
 * replaying) the run. An upgrade that renames a field or adds a required one therefore neither
 * breaks a run waiting on an old revision nor makes its history replay differently.
 *
 * Revisions published before contracts were pinned have none: their steps are checked against
 * today's declaration, as they always were.
 */
import type { z } from 'zod';
import type { ActionDeclaration } from './catalog/index.ts';
import { checkAgainstContract, todaysContractHash } from './contractCheck.ts';
import { actionContract, type ActionContracts } from './contracts.ts';

export function stepInput(contracts: ActionContracts | undefined, declaration: ActionDeclaration, values: Record<string, unknown>): Record<string, unknown> {
  if (contracts === undefined) return parseInput(declaration.input, values);
  const pinned = contracts[declaration.id];
  if (!pinned) throw new Error(`this revision pinned no contract for "${declaration.id}"; publish the definition again`);
  const current = todaysContractHash(declaration.id, () => actionContract(declaration).hash) === pinned.hash;
  const checked = checkAgainstContract(pinned, values);
  if (!checked.ok) {
    // The contract decided; the words are the declaration's when it is today's, so the run says
    // what the designer and the validator say ("use letters, digits and _", not a regex).
    const problems = (current ? zodProblems(declaration.input, values) : undefined) ?? checked.problems;
    throw new Error(
      current
        ? `the step's parameters are invalid: ${problems.join('; ')}`
        : `the step's parameters do not meet the contract of "${declaration.id}" this revision was published with: ${problems.join('; ')}`,
    );
  }
  // When today's declaration is the one pinned, its parse gives the input the form the action's
  // code expects (one address becomes a list, JSON text an object). When it refuses what the
  // contract accepted — a refinement JSON Schema cannot say, such as "exactly one of id and
  // userName" — the input goes as accepted and the action's code, which checks its input again,
  // refuses it: refusing here would tie the step's outcome to the Tenure version that runs it.
  if (!current) return checked.input;
  return normalize(declaration.input, checked.input) ?? checked.input;
}

/** The declaration's own words for what is wrong with `values`; undefined when it finds nothing. */
function zodProblems(schema: z.ZodType, values: Record<string, unknown>): string[] | undefined {
  const parsed = schema.safeParse(values);
  return parsed.success ? undefined : issues(parsed.error.issues);
}

function issues(list: readonly z.core.$ZodIssue[]): string[] {
  return list.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
}

/** Today's parse of an input the pinned contract accepted, or undefined when it gives no object. */
function normalize(schema: z.ZodType, input: Record<string, unknown>): Record<string, unknown> | undefined {
  let parsed: ReturnType<z.ZodType['safeParse']>;
  try {
    parsed = schema.safeParse(input);
  } catch (error) {
    // A transform that throws is a defect of today's code, which the action's own parse meets again.
    if (error instanceof Error) return undefined;
    throw error;
  }
  return parsed.success && isRecord(parsed.data) ? Object.fromEntries(Object.entries(parsed.data)) : undefined;
}

function parseInput(schema: z.ZodType, values: Record<string, unknown>): Record<string, unknown> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`the step's parameters are invalid: ${issues(parsed.error.issues).join('; ')}`);
  }
  return asRecord(parsed.data);
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

function asRecord(data: unknown): Record<string, unknown> {
  if (!isRecord(data)) throw new Error('an action input must be an object');
  return Object.fromEntries(Object.entries(data));
}
