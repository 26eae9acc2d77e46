/** Actions on ldap connections. */
import type { ActionDeclaration } from './declare.ts';

export const ldapActions: readonly ActionDeclaration[] = [];
