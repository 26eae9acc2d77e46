/**
 * Group membership through the group's `member` attribute (AD groups and groupOfNames alike). The
 * result codes servers use for "already a member" / "not a member" count as done, so a repeated
 * step changes nothing; a removal checks membership first with an equality match on the group.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AndFilter, Attribute, Change, EqualityFilter, OrFilter, type Entry } from 'ldapts';
import { looksLikeDn } from './dn.ts';
import { valuesOf } from './entries.ts';
import { directoryFailure, isResult } from './errors.ts';
import type { DirectoryContext } from './profile.ts';

/**
 * The DNs of groups named by DN or by plain name, in the order given. All plain names are looked up
 * in one search (a hire's three or four groups cost one round trip, not one each); a DN is checked
 * to be a group with a base search.
 */
export async function resolveGroups({ session, profile }: DirectoryContext, refs: readonly string[]): Promise<string[]> {
  const names = [...new Set(refs.filter((ref) => !looksLikeDn(ref)))];
  let named: Entry[] = [];
  if (names.length > 0) {
    const byName = new OrFilter({ filters: names.flatMap((value) => profile.groupNameAttributes.map((attribute) => new EqualityFilter({ attribute, value }))) });
    named = await session.search(profile.baseDn, { scope: 'sub', filter: new AndFilter({ filters: [profile.groupFilter, byName] }), attributes: [...profile.groupNameAttributes] });
  }
  const dns: string[] = [];
  for (const ref of refs) {
    let found: Entry[];
    if (looksLikeDn(ref)) {
      try {
        found = await session.search(ref, { scope: 'base', filter: profile.groupFilter, attributes: ['1.1'] });
      } catch (error) {
        if (!isResult(error, 'noSuchObject')) throw error;
        found = [];
      }
    } else {
      // The names' attributes compare without regard to case, in AD and in LDAP schemas alike.
      const wanted = ref.toLowerCase();
      found = named.filter((entry) => profile.groupNameAttributes.some((attribute) => valuesOf(entry, attribute).some((v) => v.toLowerCase() === wanted)));
    }
    const [first, ...others] = found;
    if (!first) throw ApplicationFailure.nonRetryable(`no group ${JSON.stringify(ref)} under ${profile.baseDn}: check the group’s name or DN`, 'GroupNotFound');
    if (others.length > 0) {
      throw ApplicationFailure.nonRetryable(`${found.length} groups are named ${JSON.stringify(ref)} (${found.map((g) => g.dn).join('; ')}): name the group by its DN`, 'AmbiguousGroup');
    }
    dns.push(first.dn);
  }
  return dns;
}

async function isMember({ session }: DirectoryContext, groupDn: string, memberDn: string): Promise<boolean> {
  const found = await session.search(groupDn, { scope: 'base', filter: new EqualityFilter({ attribute: 'member', value: memberDn }), attributes: ['1.1'] });
  return found.length > 0;
}

const memberChange = (operation: 'add' | 'delete', memberDn: string) => new Change({ operation, modification: new Attribute({ type: 'member', values: [memberDn] }) });

/**
 * Adds the member with one modify per group and no membership check first: the directory's answer
 * to adding a member twice (AD entryAlreadyExists, LDAP attributeOrValueExists) says "already a
 * member" just as well, in one round trip instead of two.
 */
export async function addToGroups(ctx: DirectoryContext, memberDn: string, refs: readonly string[]): Promise<{ added: string[]; alreadyMember: string[] }> {
  const added: string[] = [];
  const alreadyMember: string[] = [];
  for (const groupDn of await resolveGroups(ctx, refs)) {
    try {
      await ctx.session.modify(groupDn, [memberChange('add', memberDn)]);
      added.push(groupDn);
    } catch (error) {
      // AD answers entryAlreadyExists, LDAP servers attributeOrValueExists, for a member already there.
      if (isResult(error, 'attributeOrValueExists') || isResult(error, 'entryAlreadyExists')) alreadyMember.push(groupDn);
      else throw directoryFailure(error, `adding ${memberDn} to ${groupDn}`);
    }
  }
  return { added, alreadyMember };
}

export async function removeFromGroups(ctx: DirectoryContext, memberDn: string, refs: readonly string[]): Promise<{ removed: string[]; notMember: string[] }> {
  const removed: string[] = [];
  const notMember: string[] = [];
  for (const groupDn of await resolveGroups(ctx, refs)) {
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
