/** Actions on http connections. */
import type { ActionDeclaration } from './declare.ts';

export const httpActions: readonly ActionDeclaration[] = [];
