/**
 * The implementations both LDAP connectors share (find, create, update, move, groups, manager,
 * delete, value check): each parses its step's input with its own declaration and runs the shared
 * operation on the connection's session. Status and password differ per directory and stay in
 * the connector's folder.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { attributeMap } from '../../workflows/dsl/catalog/directory.ts';
import type { ActionDeclaration } from '../../workflows/dsl/catalog/declare.ts';
import type { ActionImplementations } from '../types.ts';
import { createAccount, deleteAccount, findByAnchor, isValueFree, moveAccount, requireByAnchor, updateAccount, type AttributeChanges } from './accounts.ts';
import { parseInput, type DirectoryRunner } from './context.ts';
import { outputAttributes } from './entries.ts';
import { addToGroups, removeFromGroups } from './groups.ts';
import { setManager } from './manager.ts';

type Extra = Parameters<typeof attributeMap>[0];
type Declared<T> = ActionDeclaration<z.ZodType<T>>;

export interface CommonDeclarations {
  findUser: Declared<{ anchor: string; attributes?: string[] | undefined }>;
  createUser: Declared<{ anchor: string; name: string; ou?: string | undefined; attributes?: Extra }>;
  updateUser: Declared<{ anchor: string; name?: string | undefined; attributes?: Extra }>;
  moveUser: Declared<{ anchor: string; ou: string }>;
  addToGroups: Declared<{ anchor: string; groups: string | string[] }>;
  removeFromGroups: Declared<{ anchor: string; groups: string | string[] }>;
  setManager: Declared<{ anchor: string; managerAnchor: string | null }>;
  deleteUser: Declared<{ anchor: string }>;
  isValueFree: Declared<{ attribute: string; value: string; anchor?: string | undefined }>;
  freeValues: Declared<{ checks: { attribute: string; value: string }[]; anchor?: string | undefined }>;
}

export interface CommonOptions<Config> {
  /** "AD account", "LDAP entry": how failure messages name what was being done. */
  noun: string;
  /** The named attribute fields of create and update steps. */
  fieldNames: readonly string[];
  /** Where a create puts the account when the step names no OU (and whether it may name one). */
  createOu?: (config: Config, requested: string | undefined) => string | undefined;
}

/** The named fields and the attribute list of a create or update step, as one map; an attribute given both ways is refused. */
function attributesOf(input: object, fieldNames: readonly string[], extra: Extra): AttributeChanges {
  const named: AttributeChanges = {};
  for (const name of fieldNames) {
    const value: unknown = Reflect.get(input, name);
    if (typeof value === 'string' || value === null) named[name] = value;
  }
  const listed = attributeMap(extra);
  const both = Object.keys(listed).find((l) => Object.keys(named).some((n) => n.toLowerCase() === l.toLowerCase()));
  if (both !== undefined) throw ApplicationFailure.nonRetryable(`${both} is given both as a field and in attributes: give it once`, 'InvalidAttributes');
  return { ...named, ...listed };
}

const groupList = (groups: string | string[]) => (typeof groups === 'string' ? [groups] : groups);

export function commonDirectoryActions<Config>(run: DirectoryRunner<Config>, d: CommonDeclarations, options: CommonOptions<Config>): ActionImplementations {
  const { noun, fieldNames } = options;
  return {
    [d.findUser.id]: async (call) => {
      const input = parseInput(d.findUser.input, call);
      return run(call, `finding the ${noun} ${input.anchor}`, async (ctx) => {
        const names = input.attributes ?? ctx.profile.defaultReadAttributes;
        const entry = await findByAnchor(ctx, input.anchor, [...names, ...ctx.profile.statusAttributes]);
        if (!entry) return { found: false, dn: null, enabled: null, attributes: {} };
        return { found: true, dn: entry.dn, enabled: ctx.profile.isEnabled(entry), attributes: outputAttributes(entry, names) };
      });
    },
    [d.createUser.id]: async (call) => {
      const input = parseInput(d.createUser.input, call);
      return run(call, `creating the ${noun} ${input.anchor}`, async (ctx, config) =>
        createAccount(ctx, {
          anchor: input.anchor,
          name: input.name,
          ou: options.createOu ? options.createOu(config, input.ou) : input.ou,
          attributes: attributesOf(input, fieldNames, input.attributes),
        }),
      );
    },
    [d.updateUser.id]: async (call) => {
      const input = parseInput(d.updateUser.input, call);
      return run(call, `updating the ${noun} ${input.anchor}`, async (ctx) =>
        updateAccount(ctx, { anchor: input.anchor, name: input.name, attributes: attributesOf(input, fieldNames, input.attributes) }),
      );
    },
    [d.moveUser.id]: async (call) => {
      const input = parseInput(d.moveUser.input, call);
      return run(call, `moving the ${noun} ${input.anchor}`, async (ctx) => moveAccount(ctx, input.anchor, input.ou));
    },
    [d.addToGroups.id]: async (call) => {
      const input = parseInput(d.addToGroups.input, call);
      return run(call, `adding the ${noun} ${input.anchor} to groups`, async (ctx) => {
        const user = await requireByAnchor(ctx, input.anchor);
        return { dn: user.dn, ...(await addToGroups(ctx, user.dn, groupList(input.groups))) };
      });
    },
    [d.removeFromGroups.id]: async (call) => {
      const input = parseInput(d.removeFromGroups.input, call);
      return run(call, `removing the ${noun} ${input.anchor} from groups`, async (ctx) => {
        const user = await requireByAnchor(ctx, input.anchor);
        return { dn: user.dn, ...(await removeFromGroups(ctx, user.dn, groupList(input.groups))) };
      });
    },
    [d.setManager.id]: async (call) => {
      const input = parseInput(d.setManager.input, call);
      return run(call, `setting the manager of the ${noun} ${input.anchor}`, async (ctx) => setManager(ctx, input.anchor, input.managerAnchor));
    },
    [d.deleteUser.id]: async (call) => {
      const input = parseInput(d.deleteUser.input, call);
      return run(call, `deleting the ${noun} ${input.anchor}`, async (ctx) => deleteAccount(ctx, input.anchor));
    },
    [d.isValueFree.id]: async (call) => {
      const input = parseInput(d.isValueFree.input, call);
      return run(call, `checking whether ${input.attribute} ${input.value} is free`, async (ctx) => ({
        free: await isValueFree(ctx, input.attribute, input.value, input.anchor),
        value: input.value,
      }));
    },
    [d.freeValues.id]: async (call) => {
      const input = parseInput(d.freeValues.input, call);
      // The searches go out side by side on the one session; the connection's limits still pace them.
      return run(call, `checking whether ${input.checks.length === 1 ? 'a value is' : `${input.checks.length} values are`} free`, async (ctx) => ({
        free: await Promise.all(input.checks.map(async (check) => isValueFree(ctx, check.attribute, check.value, input.anchor))),
      }));
    },
  };
}
