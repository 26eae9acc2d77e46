// Type conversions and encodings.

import type { FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { decodeAscii, decodeUtf16le, decodeUtf8, fromBase64, toBase64, toUpperHex, utf16leBytes, utf8Bytes } from './text-encoding.ts';
import { numberArg, textArg } from './function-args.ts';

function bitsArg(call: FunctionCall, index: number, name: string): bigint | null {
  const value = numberArg(call, index, name);
  if (value === null) return null;
  if (!Number.isSafeInteger(value)) return call.fail(`${name} must be a whole number, got ${value}`, index);
  return BigInt(value);
}

const DECODERS: Readonly<Record<string, (bytes: Uint8Array) => string>> = {
  unicode: decodeUtf16le,
  utf8: decodeUtf8,
  ascii: decodeAscii,
};

export const conversionFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'CStr',
    signature: 'CStr(value)',
    description: 'The value as text: numbers in invariant form, booleans as True/False, dates as M/d/yyyy h:mm:ss tt.',
    minArgs: 1,
    maxArgs: 1,
    evaluate: (call) => textArg(call, 0, 'value'),
  },
  {
    name: 'ConvertToBase64',
    signature: 'ConvertToBase64(source)',
    description: 'Base64 of the UTF-16LE ("Unicode") bytes of source.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      return source === null ? null : toBase64(utf16leBytes(source));
    },
  },
  {
    name: 'ConvertFromBase64',
    signature: 'ConvertFromBase64(source[, Encoding])',
    description: 'Decodes base64 text; Encoding is Unicode (UTF-16LE, the default), UTF8 or ASCII.',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: [1],
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      const encoding = textArg(call, 1, 'Encoding') ?? 'Unicode';
      const decode = DECODERS[encoding.toLowerCase()];
      if (decode === undefined) return call.fail(`Encoding must be Unicode, UTF8 or ASCII, got '${encoding}'`, 1);
      if (source === null) return null;
      const bytes = fromBase64(source);
      return bytes === null ? call.fail(`'${source}' is not base64 text`, 0) : decode(bytes);
    },
  },
  {
    name: 'ConvertToUTF8Hex',
    signature: 'ConvertToUTF8Hex(source)',
    description: 'The UTF-8 bytes of source as upper-case hexadecimal.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      return source === null ? null : toUpperHex(utf8Bytes(source));
    },
  },
  {
    name: 'BitAnd',
    signature: 'BitAnd(value1, value2)',
    description: 'Bitwise AND of two whole numbers (hex literals such as &HF7 allowed), e.g. userAccountControl flags.',
    minArgs: 2,
    maxArgs: 2,
    evaluate(call) {
      const left = bitsArg(call, 0, 'value1');
      const right = bitsArg(call, 1, 'value2');
      if (left === null || right === null) return null;
      return Number(left & right);
    },
  },
];
