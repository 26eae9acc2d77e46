/**
 * Group membership through the group's `member` attribute (AD groups and groupOfNames alike).
 * Membership is checked with an equality match on the group itself before changing it, and the
 * result codes servers use for "already a member" / "not a member" count as done, so a repeated
 * step changes nothing.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AndFilter, Attribute, Change, EqualityFilter, OrFilter, type Entry } from 'ldapts';
import { looksLikeDn } from './dn.ts';
import { directoryFailure, isResult } from './errors.ts';
import type { DirectoryContext } from './profile.ts';

/** The DN of a group named by DN or by plain name. */
export async function resolveGroup({ session, profile }: DirectoryContext, ref: string): Promise<string> {
  let found: Entry[];
  if (looksLikeDn(ref)) {
    try {
      found = await session.search(ref, { scope: 'base', filter: profile.groupFilter, attributes: ['1.1'] });
    } catch (error) {
      if (!isResult(error, 'noSuchObject')) throw error;
      found = [];
    }
  } else {
    const byName = new OrFilter({ filters: profile.groupNameAttributes.map((attribute) => new EqualityFilter({ attribute, value: ref })) });
    found = await session.search(profile.baseDn, { scope: 'sub', filter: new AndFilter({ filters: [profile.groupFilter, byName] }), attributes: ['1.1'] });
  }
  const [first, ...others] = found;
  if (!first) throw ApplicationFailure.nonRetryable(`no group ${JSON.stringify(ref)} under ${profile.baseDn}: check the group’s name or DN`, 'GroupNotFound');
  if (others.length > 0) {
    throw ApplicationFailure.nonRetryable(`${found.length} groups are named ${JSON.stringify(ref)} (${found.map((g) => g.dn).join('; ')}): name the group by its DN`, 'AmbiguousGroup');
  }
  return first.dn;
}

async function isMember({ session }: DirectoryContext, groupDn: string, memberDn: string): Promise<boolean> {
  const found = await session.search(groupDn, { scope: 'base', filter: new EqualityFilter({ attribute: 'member', value: memberDn }), attributes: ['1.1'] });
  return found.length > 0;
}

const memberChange = (operation: 'add' | 'delete', memberDn: string) => new Change({ operation, modification: new Attribute({ type: 'member', values: [memberDn] }) });

export async function addToGroups(ctx: DirectoryContext, memberDn: string, refs: readonly string[]): Promise<{ added: string[]; alreadyMember: string[] }> {
  const added: string[] = [];
  const alreadyMember: string[] = [];
  for (const ref of refs) {
    const groupDn = await resolveGroup(ctx, ref);
    if (await isMember(ctx, groupDn, memberDn)) {
      alreadyMember.push(groupDn);
      continue;
    }
    try {
      await ctx.session.modify(groupDn, [memberChange('add', memberDn)]);
      added.push(groupDn);
    } catch (error) {
      // AD answers entryAlreadyExists, LDAP servers attributeOrValueExists, for a member added meanwhile.
      if (isResult(error, 'attributeOrValueExists') || isResult(error, 'entryAlreadyExists')) alreadyMember.push(groupDn);
      else throw directoryFailure(error, `adding ${memberDn} to ${groupDn}`);
    }
  }
  return { added, alreadyMember };
}

export async function removeFromGroups(ctx: DirectoryContext, memberDn: string, refs: readonly string[]): Promise<{ removed: string[]; notMember: string[] }> {
  const removed: string[] = [];
  const notMember: string[] = [];
  for (const ref of refs) {
    const groupDn = await resolveGroup(ctx, ref);
    if (!(await isMember(ctx, groupDn, memberDn))) {
      notMember.push(groupDn);
      continue;
    }
    try {
      await ctx.session.modify(groupDn, [memberChange('delete', memberDn)]);
      removed.push(groupDn);
    } catch (error) {
      if (isResult(error, 'noSuchAttribute')) notMember.push(groupDn);
      else if (isResult(error, 'objectClassViolation')) {
        throw ApplicationFailure.nonRetryable(`${memberDn} is the last member of ${groupDn}, and the group must keep one: add another member first`, 'LastGroupMember');
      } else throw directoryFailure(error, `removing ${memberDn} from ${groupDn}`);
    }
  }
  return { removed, notMember };
}
