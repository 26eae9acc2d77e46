/**
 * Checks a step's evaluated input against the contract its revision pinned (contracts.ts). This runs
 * inside workflow code, so it must give the same answer on every replay, on every Tenure version:
 * it reads nothing but the pinned JSON Schema and the values, and the validator's options below are
 * part of that answer — change them only behind a new contract format.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ActionContract } from './contracts.ts';

/**
 * Made on first use: the designer and the server import this module with the rest of the language
 * but never check a step, and a page whose security policy forbids compiling code must not try.
 */
let ajv: Ajv2020 | undefined;
const validatorOptions: Options = {
  // Every problem at once, as the validator reports drafts.
  allErrors: true,
  // Defaults written in the schema fill absent fields, as the declaration's own defaults did.
  useDefaults: true,
  // A pinned schema is read years later: keywords this validator does not know are ignored rather
  // than failing the step, and formats are left to the patterns zod writes next to them.
  strict: false,
  validateFormats: false,
  // Patterns are zod's regular expressions, which are not compiled in unicode mode.
  unicodeRegExp: false,
  // Contracts are compiled by hash below; two of them naming the same $id must not collide.
  addUsedSchema: false,
  logger: false,
};

/** Compiled validators by contract hash: a worker compiles each contract it meets once. */
const validators = new Map<string, ValidateFunction>();

export type ContractCheck =
  /** The input as the contract accepts it, its defaults filled in. */
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; problems: string[] };

export function checkAgainstContract(contract: ActionContract, values: Readonly<Record<string, unknown>>): ContractCheck {
  const validate = validatorOf(contract);
  // The validator fills defaults in place; the caller's values stay as they were evaluated.
  const input = cloneJson(values);
  if (validate(input)) return { ok: true, input };
  return { ok: false, problems: describe(validate.errors ?? []) };
}

function validatorOf(contract: ActionContract): ValidateFunction {
  const known = validators.get(contract.hash);
  if (known) return known;
  let validate: ValidateFunction;
  try {
    ajv ??= new Ajv2020(validatorOptions);
    validate = ajv.compile(contract.input);
  } catch (error) {
    throw new Error(`the pinned contract ${contract.hash} is not a JSON Schema this Tenure can read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  validators.set(contract.hash, validate);
  return validate;
}

function cloneJson(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const clone = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clone);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clone(v)]));
}

/**
 * Problems a person can act on, one per field: `givenName: is required`. The errors inside an
 * `anyOf` (one per alternative form) collapse into the one saying no form matched.
 */
function describe(errors: readonly ErrorObject[]): string[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const problems = errors
    .filter((e) => !alternatives.some((prefix) => e.schemaPath.startsWith(prefix)))
    .map((e) => {
      const at = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      const missing: unknown = e.params.missingProperty;
      const extra: unknown = e.params.additionalProperty;
      if (e.keyword === 'required' && typeof missing === 'string') return `${[...at, missing].join('.')}: is required`;
      if (e.keyword === 'additionalProperties' && typeof extra === 'string') return `${[...at, extra].join('.')}: is not ${at.length === 0 ? 'a parameter of this action' : 'allowed here'}`;
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return `${at.join('.') || 'input'}: matches none of the forms it accepts`;
      return `${at.join('.') || 'input'}: ${e.message ?? e.keyword}`;
    });
  return [...new Set(problems)];
}

/**
 * The hash of the contract today's catalog declares for each action, computed once per thread. In a
 * worker this module is shared by every workflow of the thread (server/temporal/worker.ts), while
 * the catalog is evaluated anew for each workflow: without this, every run turned each of its
 * actions' zod schemas into JSON Schema and hashed it again. Every workflow of a thread runs the same
 * bundle, so an action id names one declaration there.
 */
const todaysHashes = new Map<string, string>();

export function todaysContractHash(actionId: string, compute: () => string): string {
  const known = todaysHashes.get(actionId);
  if (known !== undefined) return known;
  const hash = compute();
  todaysHashes.set(actionId, hash);
  return hash;
}
