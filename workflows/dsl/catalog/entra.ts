/** Actions on entra connections. */
import type { ActionDeclaration } from './declare.ts';

export const entraActions: readonly ActionDeclaration[] = [];
