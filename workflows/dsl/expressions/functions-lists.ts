// Multi-valued attributes (lists of text) and distinguished names.

import type { FunctionDeclaration } from './registry-types.ts';
import { integerArg, requiredTextArg, textArg, textListArg } from './function-args.ts';

/** Splits a DN at commas that are not escaped with a backslash. */
function dnComponents(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn.charAt(i);
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn.charAt(i + 1);
      i++;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

function unescapeDnValue(value: string): string {
  return value.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(parseInt(escaped, 16)) : escaped,
  );
}

export const listFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'Count',
    signature: 'Count(attribute)',
    description: 'The number of values of a multi-valued attribute (0 when absent, 1 for a single value).',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return textListArg(call, 0, 'attribute').length;
    },
  },
  {
    name: 'Item',
    signature: 'Item(attribute, index)',
    description: 'The value at 1-based index of a multi-valued attribute.',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const values = textListArg(call, 0, 'attribute');
      const index = integerArg(call, 1, 'index');
      if (index < 1) return call.fail(`index is 1-based and must be at least 1, got ${index}`, 1);
      if (values.length === 0) return null;
      return values[index - 1] ?? call.fail(`index ${index} is out of range: the attribute has ${values.length} value(s)`, 1);
    },
  },
  {
    name: 'Split',
    signature: 'Split(source, delimiter)',
    description: 'Splits source at delimiter into a multi-valued result; values are trimmed and empty ones dropped.',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      const delimiter = requiredTextArg(call, 1, 'delimiter');
      if (delimiter === '') return call.fail('delimiter must not be empty', 1);
      if (source === null) return null;
      return source
        .split(delimiter)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    },
  },
  {
    name: 'RemoveDuplicates',
    signature: 'RemoveDuplicates(attribute)',
    description: 'The values of a multi-valued attribute with exact (case-sensitive) duplicates removed, first occurrence kept.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const value = call.value(0);
      if (value === null) return null;
      return [...new Set(textListArg(call, 0, 'attribute'))];
    },
  },
  {
    name: 'SingleAppRoleAssignment',
    signature: 'SingleAppRoleAssignment([appRoleAssignments])',
    description: "One role name from the user's role assignments (the first one when several are assigned).",
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      return textListArg(call, 0, 'appRoleAssignments')[0] ?? null;
    },
  },
  {
    name: 'DNComponent',
    signature: 'DNComponent(dn, ComponentNumber)',
    description: 'The value of the ComponentNumber-th RDN of a distinguished name, from the left (DNComponent("cn=Joe,ou=Sales", 1) is Joe).',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const dn = textArg(call, 0, 'dn');
      const number = integerArg(call, 1, 'ComponentNumber');
      if (number < 1) return call.fail(`ComponentNumber is 1-based and must be at least 1, got ${number}`, 1);
      if (dn === null) return null;
      const component = dnComponents(dn)[number - 1];
      if (component === undefined) return null;
      const equals = component.indexOf('=');
      return unescapeDnValue(equals < 0 ? component : component.slice(equals + 1).trim());
    },
  },
];
