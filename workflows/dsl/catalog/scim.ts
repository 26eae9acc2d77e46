/** Actions on scim connections. */
import type { ActionDeclaration } from './declare.ts';

export const scimActions: readonly ActionDeclaration[] = [];
