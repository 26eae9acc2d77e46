/** Actions on ad connections. */
import type { ActionDeclaration } from './declare.ts';

export const adActions: readonly ActionDeclaration[] = [];
