/** The ldap connector's actions: the shared directory operations plus LDAP's configurable status and userPassword handling. */
import { ApplicationFailure } from '@temporalio/common';
import {
  ldapAddToGroups,
  ldapCreateUser,
  ldapDeleteUser,
  ldapDisableUser,
  ldapEnableUser,
  ldapFindUser,
  ldapFreeValues,
  ldapIsValueFree,
  ldapMoveUser,
  ldapRemoveFromGroups,
  ldapSetManager,
  ldapSetPassword,
  ldapUpdateUser,
  ldapUserFields,
} from '../../workflows/dsl/catalog/ldap.ts';
import type { ActivityDeps } from '../deps.ts';
import { commonDirectoryActions } from '../directory/actions.ts';
import { createDirectoryRunner, parseInput } from '../directory/context.ts';
import type { ActionImplementations } from '../types.ts';
import { ldapConnector, type LdapConfig } from './connector.ts';
import { setLdapPassword } from './password.ts';
import { ldapProfile } from './profile.ts';
import { setEntryEnabled } from './status.ts';

/** New entries are disabled: in move mode that means created in the disabled container. */
function createOu(config: LdapConfig, requested: string | undefined): string | undefined {
  if (config.disabled.mode !== 'move') return requested;
  if (requested !== undefined) {
    throw ApplicationFailure.nonRetryable(
      'this connection disables entries by moving them, so new entries go to its disabled container: leave ou out here and give it to “Enable LDAP user”',
      'InvalidInput',
    );
  }
  return config.disabled.disabledOu;
}

export function createLdapActivities(deps: ActivityDeps): ActionImplementations {
  const run = createDirectoryRunner(deps, ldapConnector, (config, secrets) => ({ endpoint: config, secrets, limits: config.limits, profile: ldapProfile(config) }));
  return {
    ...commonDirectoryActions(
      run,
      {
        findUser: ldapFindUser,
        createUser: ldapCreateUser,
        updateUser: ldapUpdateUser,
        moveUser: ldapMoveUser,
        addToGroups: ldapAddToGroups,
        removeFromGroups: ldapRemoveFromGroups,
        setManager: ldapSetManager,
        deleteUser: ldapDeleteUser,
        isValueFree: ldapIsValueFree,
        freeValues: ldapFreeValues,
      },
      { noun: 'LDAP entry', fieldNames: Object.keys(ldapUserFields(() => true)), createOu },
    ),
    [ldapEnableUser.id]: async (call) => {
      const input = parseInput(ldapEnableUser.input, call);
      return run(call, `enabling the LDAP entry ${input.anchor}`, async (ctx, config) => setEntryEnabled(ctx, config, input.anchor, true, input.ou));
    },
    [ldapDisableUser.id]: async (call) => {
      const input = parseInput(ldapDisableUser.input, call);
      return run(call, `disabling the LDAP entry ${input.anchor}`, async (ctx, config) => setEntryEnabled(ctx, config, input.anchor, false));
    },
    [ldapSetPassword.id]: async (call) => {
      const input = parseInput(ldapSetPassword.input, call);
      return run(call, `setting the password of the LDAP entry ${input.anchor}`, async (ctx, config) => setLdapPassword(ctx, config, input.anchor, input.password));
    },
  };
}
