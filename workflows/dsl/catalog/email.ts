/** Actions on email connections. */
import type { ActionDeclaration } from './declare.ts';

export const emailActions: readonly ActionDeclaration[] = [];
