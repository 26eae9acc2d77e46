// Replace: one function, five behaviours chosen by which arguments are written (Entra's rules).
// Patterns use .NET regular-expression syntax, which JavaScript shares for everything these
// mappings use (classes, quantifiers, named groups `(?<name>…)`); a leading `(?i)` style option
// group becomes a flag because JavaScript has no inline options.

import type { FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { isNullOrEmpty } from './values.ts';
import { requiredTextArg, textArg } from './function-args.ts';

const SOURCE = 0;
const OLD_VALUE = 1;
const REGEX_PATTERN = 2;
const REGEX_GROUP_NAME = 3;
const REPLACEMENT_VALUE = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

function compile(call: FunctionCall, pattern: string): RegExp {
  let body = pattern;
  let flags = 'gd';
  const options = /^\(\?([imsx]+)\)/.exec(body);
  if (options?.[1] !== undefined) {
    if (options[1].includes('x')) call.fail("the (?x) option is not supported; remove it and the pattern's free spacing", REGEX_PATTERN);
    flags += options[1];
    body = body.slice(options[0].length);
  }
  try {
    return new RegExp(body, flags);
  } catch (error) {
    if (error instanceof SyntaxError) return call.fail(`regexPattern '${pattern}' is not a valid regular expression (${error.message})`, REGEX_PATTERN);
    throw error;
  }
}

/** Expands .NET substitutions: $1, ${name}, $0 / $&, $$, $` and $'. Anything else stays literal. */
function expand(template: string, match: RegExpExecArray, input: string): string {
  return template.replace(/\$(\$|&|`|'|\d+|\{([^}]+)\})/g, (whole, token: string, name: string | undefined) => {
    if (token === '$') return '$';
    if (token === '&' || token === '0') return match[0];
    if (token === '`') return input.slice(0, match.index);
    if (token === "'") return input.slice(match.index + match[0].length);
    const key = name ?? token;
    if (/^\d+$/.test(key)) return Number(key) < match.length ? (match[Number(key)] ?? '') : whole;
    return match.groups !== undefined && key in match.groups ? (match.groups[key] ?? '') : whole;
  });
}

function replaceMatches(input: string, regex: RegExp, replacement: (match: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const match of input.matchAll(regex)) {
    out += input.slice(last, match.index) + replacement(match);
    last = match.index + match[0].length;
  }
  return out + input.slice(last);
}

function requireGroup(call: FunctionCall, pattern: string, group: string): void {
  if (!pattern.includes(`(?<${group}>`)) call.fail(`regexPattern has no group named '${group}'`, REGEX_GROUP_NAME);
}

function regexReplace(call: FunctionCall): string | null {
  if (call.given(OLD_VALUE)) call.fail('give either oldValue or regexPattern, not both', OLD_VALUE);
  const pattern = requiredTextArg(call, REGEX_PATTERN, 'regexPattern');
  const regex = compile(call, pattern);
  if (call.given(REGEX_GROUP_NAME) && call.given(REPLACEMENT_ATTRIBUTE)) {
    const group = requiredTextArg(call, REGEX_GROUP_NAME, 'regexGroupName');
    requireGroup(call, pattern, group);
    const source = call.value(SOURCE);
    if (!isNullOrEmpty(source)) return textArg(call, SOURCE, 'source');
    const fallback = textArg(call, REPLACEMENT_ATTRIBUTE, 'replacementAttributeName');
    if (fallback === null) return null;
    regex.lastIndex = 0;
    return regex.exec(fallback)?.groups?.[group] ?? null;
  }
  if (!call.given(REPLACEMENT_VALUE)) {
    return call.fail('with regexPattern, also give replacementValue, or regexGroupName with replacementAttributeName', REGEX_PATTERN);
  }
  const source = textArg(call, SOURCE, 'source');
  const replacement = textArg(call, REPLACEMENT_VALUE, 'replacementValue') ?? '';
  if (source === null) return null;
  if (!call.given(REGEX_GROUP_NAME)) return replaceMatches(source, regex, (match) => expand(replacement, match, source));
  const group = requiredTextArg(call, REGEX_GROUP_NAME, 'regexGroupName');
  requireGroup(call, pattern, group);
  // Only the named group's span is replaced; the rest of each match is kept.
  return replaceMatches(source, regex, (match) => {
    const span = match.indices?.groups?.[group];
    if (span === undefined) return match[0];
    const [from, to] = span;
    return source.slice(match.index, from) + replacement + source.slice(to, match.index + match[0].length);
  });
}

function literalReplace(call: FunctionCall): string | null {
  const oldValue = requiredTextArg(call, OLD_VALUE, 'oldValue');
  if (oldValue === '') call.fail('oldValue must not be empty', OLD_VALUE);
  const givesTemplate = call.given(TEMPLATE);
  if (givesTemplate === call.given(REPLACEMENT_VALUE)) {
    return call.fail('with oldValue, give exactly one of replacementValue and template', OLD_VALUE);
  }
  const source = textArg(call, SOURCE, 'source');
  if (source === null) return null;
  if (givesTemplate) return requiredTextArg(call, TEMPLATE, 'template').split(oldValue).join(source);
  return source.split(oldValue).join(textArg(call, REPLACEMENT_VALUE, 'replacementValue') ?? '');
}

export const replaceFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'Replace',
    signature: 'Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)',
    description:
      'Case-sensitive replacement: oldValue → replacementValue in source, oldValue in template → source, or regexPattern (optionally one named group) → replacementValue; with replacementAttributeName, extracts the group from it when source is empty.',
    minArgs: 2,
    maxArgs: 7,
    emptyAllowed: [1, 2, 3, 4, 5, 6],
    evaluate(call) {
      if (call.given(REGEX_PATTERN)) return regexReplace(call);
      if (call.given(OLD_VALUE)) return literalReplace(call);
      return call.fail('give oldValue or regexPattern');
    },
  },
];
