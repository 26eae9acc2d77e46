/** The ad connector's actions: the shared directory operations plus AD's own status and password handling. */
import {
  adAddToGroups,
  adCreateUser,
  adDeleteUser,
  adDisableUser,
  adEnableUser,
  adFindUser,
  adFreeValues,
  adIsValueFree,
  adMoveUser,
  adRemoveFromGroups,
  adSetManager,
  adSetPassword,
  adUpdateUser,
  adUserFields,
} from '../../workflows/dsl/catalog/ad.ts';
import type { ActivityDeps } from '../deps.ts';
import { commonDirectoryActions } from '../directory/actions.ts';
import { createDirectoryRunner, parseInput } from '../directory/context.ts';
import type { ActionImplementations } from '../types.ts';
import { adConnector } from './connector.ts';
import { setAdPassword } from './password.ts';
import { adProfile } from './profile.ts';
import { setAccountEnabled } from './status.ts';

export function createAdActivities(deps: ActivityDeps): ActionImplementations {
  const run = createDirectoryRunner(deps, adConnector, (config, secrets) => ({ endpoint: config, secrets, limits: config.limits, profile: adProfile(config) }));
  return {
    ...commonDirectoryActions(
      run,
      {
        findUser: adFindUser,
        createUser: adCreateUser,
        updateUser: adUpdateUser,
        moveUser: adMoveUser,
        addToGroups: adAddToGroups,
        removeFromGroups: adRemoveFromGroups,
        setManager: adSetManager,
        deleteUser: adDeleteUser,
        isValueFree: adIsValueFree,
        freeValues: adFreeValues,
      },
      { noun: 'AD account', fieldNames: Object.keys(adUserFields(() => true)) },
    ),
    [adEnableUser.id]: async (call) => {
      const input = parseInput(adEnableUser.input, call);
      return run(call, `enabling the AD account ${input.anchor}`, async (ctx) => setAccountEnabled(ctx, input.anchor, true));
    },
    [adDisableUser.id]: async (call) => {
      const input = parseInput(adDisableUser.input, call);
      return run(call, `disabling the AD account ${input.anchor}`, async (ctx) => setAccountEnabled(ctx, input.anchor, false));
    },
    [adSetPassword.id]: async (call) => {
      const input = parseInput(adSetPassword.input, call);
      return run(call, `setting the password of the AD account ${input.anchor}`, async (ctx) => setAdPassword(ctx, input.anchor, input.password, input.mustChange));
    },
  };
}
