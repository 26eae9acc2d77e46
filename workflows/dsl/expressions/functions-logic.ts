// Conditions, fallbacks and flow control. Branch arguments are evaluated only when chosen, so
// IIF(IsPresent([a]), [a], Error("a is required")) raises nothing when [a] is present.

import type { FunctionDeclaration } from './registry-types.ts';
import { isNullOrEmpty } from './values.ts';
import { booleanArg, textArg } from './function-args.ts';

const isNull = (value: unknown): boolean => value === null || (Array.isArray(value) && value.length === 0);

export const logicFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'IIF',
    signature: 'IIF(condition, valueIfTrue, valueIfFalse)',
    description: 'valueIfTrue when condition is true, else valueIfFalse; conditions may compare with =, <>, <, <=, >, >=.',
    minArgs: 3,
    maxArgs: 3,
    evaluate(call) {
      return call.value(booleanArg(call, 0, 'condition') ? 1 : 2);
    },
  },
  {
    name: 'Switch',
    signature: 'Switch(source, defaultValue, key1, value1, key2, value2, …)',
    description: 'The value paired with the first key equal to source (case-sensitive; a missing source matches ""), else defaultValue.',
    minArgs: 4,
    maxArgs: null,
    emptyAllowed: [1],
    checkArgCount: (count) =>
      count % 2 === 0 ? undefined : `Switch needs source, defaultValue and then key/value pairs, so an even number of arguments; got ${count}`,
    evaluate(call) {
      const source = textArg(call, 0, 'source') ?? '';
      for (let i = 2; i + 1 < call.argCount; i += 2) {
        if ((textArg(call, i, `key${i / 2}`) ?? '') === source) return call.value(i + 1);
      }
      return call.value(1);
    },
  },
  {
    name: 'Coalesce',
    signature: 'Coalesce(source1, source2, …, defaultValue)',
    description: 'The first argument that is not null (missing); null when all are.',
    minArgs: 1,
    maxArgs: null,
    evaluate(call) {
      for (let i = 0; i < call.argCount; i++) {
        const value = call.value(i);
        if (!isNull(value)) return value;
      }
      return null;
    },
  },
  {
    name: 'Not',
    signature: 'Not(source)',
    description: 'False when source is True (or "True"); True otherwise.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const value = call.value(0);
      if (value === true) return false;
      return !(typeof value === 'string' && value.trim().toLowerCase() === 'true');
    },
  },
  {
    name: 'CBool',
    signature: 'CBool(Expression)',
    description: 'True for True, "True" or a non-zero number; False for False, "False", 0 or null.',
    minArgs: 1,
    maxArgs: 1,
    evaluate: (call) => booleanArg(call, 0, 'Expression'),
  },
  {
    name: 'IsNull',
    signature: 'IsNull(Expression)',
    description: 'True when the value is null, i.e. the attribute is absent.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return isNull(call.value(0));
    },
  },
  {
    name: 'IsNullOrEmpty',
    signature: 'IsNullOrEmpty(Expression)',
    description: 'True when the value is null or the empty string.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return isNullOrEmpty(call.value(0));
    },
  },
  {
    name: 'IsPresent',
    signature: 'IsPresent(Expression)',
    description: 'True when the value is neither null nor the empty string (the inverse of IsNullOrEmpty).',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return !isNullOrEmpty(call.value(0));
    },
  },
  {
    name: 'IsString',
    signature: 'IsString(Expression)',
    description: 'True when the value is text.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return typeof call.value(0) === 'string';
    },
  },
  {
    name: 'Error',
    signature: 'Error(ErrorMessage)',
    description: 'Stops the evaluation with ErrorMessage.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return call.raise(textArg(call, 0, 'ErrorMessage') ?? 'Error() was called without a message');
    },
  },
  {
    name: 'IgnoreFlowIfNullOrEmpty',
    signature: 'IgnoreFlowIfNullOrEmpty(expression)',
    description: 'Passes the value through, but drops the attribute from the flow when it is null or empty.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const value = call.value(0);
      if (isNullOrEmpty(value)) call.flags.ignore = true;
      return value;
    },
  },
  {
    name: 'Redact',
    signature: 'Redact(value)',
    description: 'Passes the value through, but has logs show "[Redact]" instead of it.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      call.flags.redacted = true;
      return call.value(0);
    },
  },
];
