// The function registry: every declaration from functions/*, looked up case-insensitively.

import type { FunctionDeclaration } from './registry-types.ts';
import { casingFunctions } from './functions-casing.ts';
import { conversionFunctions } from './functions-conversions.ts';
import { dateFunctions } from './functions-dates.ts';
import { directoryFunctions } from './functions-directory.ts';
import { listFunctions } from './functions-lists.ts';
import { logicFunctions } from './functions-logic.ts';
import { randomFunctions } from './functions-random.ts';
import { replaceFunctions } from './functions-replace.ts';
import { stringFunctions } from './functions-strings.ts';

export const declarations: readonly FunctionDeclaration[] = [
  ...stringFunctions,
  ...casingFunctions,
  ...replaceFunctions,
  ...logicFunctions,
  ...conversionFunctions,
  ...listFunctions,
  ...dateFunctions,
  ...randomFunctions,
  ...directoryFunctions,
].sort((a, b) => (a.name < b.name ? -1 : 1));

const byLowerName = new Map(declarations.map((declaration) => [declaration.name.toLowerCase(), declaration]));

export function lookupFunction(name: string): FunctionDeclaration | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** Bare names an argument may use, as VBA enumerations (InStr's compareType, ConvertFromBase64's Encoding). */
const CONSTANTS = ['vbBinaryCompare', 'vbTextCompare', 'Unicode', 'UTF8', 'ASCII'];
const constantsByLowerName = new Map(CONSTANTS.map((name) => [name.toLowerCase(), name]));

export function lookupConstant(name: string): string | undefined {
  return constantsByLowerName.get(name.toLowerCase());
}

export const knownNames: readonly string[] = [...declarations.map((d) => d.name), ...CONSTANTS];
