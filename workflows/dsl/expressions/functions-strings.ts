// Building and cutting text. Positions and lengths count characters (code points), so a name
// with an emoji or a supplementary-plane letter is never split in half.

import type { FunctionDeclaration } from './registry-types.ts';
import { invariantLower } from './casing.ts';
import { isList } from './values.ts';
import { integerArg, requiredTextArg, textArg, textListArg } from './function-args.ts';

const chars = (text: string): string[] => Array.from(text);

export const stringFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'Append',
    signature: 'Append(source, suffix)',
    description: 'Appends suffix to the end of source; a missing source gives null.',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      if (source === null) return null;
      return source + (textArg(call, 1, 'suffix') ?? '');
    },
  },
  {
    name: 'Join',
    signature: 'Join(separator, source1, source2, …)',
    description: 'Joins the non-empty source values, every value of a multi-valued one included, with separator.',
    minArgs: 2,
    maxArgs: null,
    evaluate(call) {
      const separator = textArg(call, 0, 'separator') ?? '';
      const parts: string[] = [];
      for (let i = 1; i < call.argCount; i++) {
        // Entra leaves out missing and empty values: Join(", ", "", "Doe", "John") is "Doe, John".
        for (const part of textListArg(call, i, `source${i}`)) if (part !== '') parts.push(part);
      }
      return parts.join(separator);
    },
  },
  {
    name: 'Left',
    signature: 'Left(String, NumChars)',
    description: 'The first NumChars characters; all of String when NumChars is negative or too large, "" when String is null.',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const text = textArg(call, 0, 'String') ?? '';
      const count = integerArg(call, 1, 'NumChars');
      if (count < 0) return text;
      return chars(text).slice(0, count).join('');
    },
  },
  {
    name: 'Mid',
    signature: 'Mid(source, start, length)',
    description: 'The substring of length characters starting at 1-based position start.',
    minArgs: 3,
    maxArgs: 3,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      const start = integerArg(call, 1, 'start');
      const length = integerArg(call, 2, 'length');
      if (start < 1) call.fail(`start is 1-based and must be at least 1, got ${start}`, 1);
      if (length < 0) call.fail(`length must not be negative, got ${length}`, 2);
      if (source === null) return null;
      return chars(source).slice(start - 1, start - 1 + length).join('');
    },
  },
  {
    name: 'Len',
    signature: 'Len(String)',
    description: 'The number of characters in String (of its text form for a number); 0 when null or empty.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const text = textArg(call, 0, 'String');
      return text === null ? 0 : chars(text).length;
    },
  },
  {
    name: 'Word',
    signature: 'Word(String, WordNumber, Delimiters)',
    description: 'The WordNumber-th word (1-based) of String, words being separated by any character of Delimiters.',
    minArgs: 3,
    maxArgs: 3,
    evaluate(call) {
      const text = textArg(call, 0, 'String');
      const number = integerArg(call, 1, 'WordNumber');
      const delimiters = new Set(chars(requiredTextArg(call, 2, 'Delimiters')));
      if (text === null || number < 1) return '';
      const words: string[] = [];
      let current = '';
      for (const ch of chars(text)) {
        if (delimiters.has(ch)) {
          if (current !== '') words.push(current);
          current = '';
        } else {
          current += ch;
        }
      }
      if (current !== '') words.push(current);
      return words[number - 1] ?? '';
    },
  },
  {
    name: 'InStr',
    signature: 'InStr(value1, value2[, start[, compareType]])',
    description: 'The 1-based position of value2 in value1 from start (0 when absent); compareType vbTextCompare ignores case.',
    minArgs: 2,
    maxArgs: 4,
    emptyAllowed: [2, 3],
    evaluate(call) {
      const haystack = textArg(call, 0, 'value1');
      const needle = textArg(call, 1, 'value2');
      const start = integerArg(call, 2, 'start', 1);
      if (start < 1) call.fail(`start is 1-based and must be at least 1, got ${start}`, 2);
      const compare = textArg(call, 3, 'compareType') ?? 'vbBinaryCompare';
      let ignoreCase: boolean;
      if (/^(vbBinaryCompare|0)$/i.test(compare)) ignoreCase = false;
      else if (/^(vbTextCompare|1)$/i.test(compare)) ignoreCase = true;
      else return call.fail(`compareType must be vbBinaryCompare or vbTextCompare, got '${compare}'`, 3);
      if (haystack === null || needle === null) return null;
      const fold = (text: string): string[] => chars(ignoreCase ? invariantLower(text) : text);
      const hay = fold(haystack);
      const pin = fold(needle);
      for (let i = start - 1; i + pin.length <= hay.length; i++) {
        if (pin.every((ch, j) => hay[i + j] === ch)) return i + 1;
      }
      return 0;
    },
  },
  {
    name: 'StripSpaces',
    signature: 'StripSpaces(source)',
    description: 'Removes every space (" ") character from source.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      return source === null ? null : source.replaceAll(' ', '');
    },
  },
  {
    name: 'Trim',
    signature: 'Trim(value)',
    description: 'Removes leading and trailing white space; from every value of a multi-valued attribute.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const value = call.value(0);
      if (isList(value)) return value.map((item) => item.trim());
      const text = textArg(call, 0, 'value');
      return text === null ? null : text.trim();
    },
  },
];
