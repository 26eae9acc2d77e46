// Functions that consult the target directory or tenant through the context.

import type { FunctionDeclaration } from './registry-types.ts';
import { isNullOrEmpty, show, toText } from './values.ts';

export const directoryFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'SelectUniqueValue',
    signature: 'SelectUniqueValue(uniqueValueRule1, uniqueValueRule2, …)',
    description: 'Evaluates the rules in order and returns the first value not yet used in the target; must be the outermost function.',
    minArgs: 2,
    maxArgs: null,
    topLevelOnly: true,
    async selectUnique(call) {
      const isUnique = call.ctx.isUnique;
      if (isUnique === undefined) {
        return call.fail('this expression needs a uniqueness check: pass isUnique in the ExpressionContext');
      }
      const tried: string[] = [];
      for (let i = 0; i < call.argCount; i++) {
        // Later rules are only evaluated when earlier candidates are taken, so a rule may use
        // RandomString without consuming randomness needlessly.
        const value = call.value(i);
        if (isNullOrEmpty(value)) continue;
        const candidate = toText(value, (m) => call.fail(`uniqueValueRule${i + 1}: ${m}`, i));
        if (candidate === null || tried.includes(candidate)) continue;
        tried.push(candidate);
        if (await isUnique(candidate)) return candidate;
      }
      if (tried.length === 0) return call.fail('every rule produced an empty value');
      return call.fail(`every candidate is already taken: ${tried.map((t) => show(t)).join(', ')}`);
    },
  },
  {
    name: 'DefaultDomain',
    signature: 'DefaultDomain()',
    description: "The tenant's default domain (ExpressionContext.defaultDomain), e.g. for Join(\"@\", [mailNickname], DefaultDomain()).",
    minArgs: 0,
    maxArgs: 0,
    evaluate(call) {
      const domain = call.ctx.defaultDomain;
      if (domain === undefined || domain === '') return call.fail('no default domain is configured: pass defaultDomain in the ExpressionContext');
      return domain;
    },
  },
];
