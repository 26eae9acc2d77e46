/**
 * Account operations shared by the ad and ldap connectors. Each finds the account by its anchor
 * first and changes only what differs, so running it twice leaves the same single account:
 * create finds an existing one, update sends nothing when all matches, move and delete see that
 * the work is done. Result codes that describe a state (entryAlreadyExists on create, noSuchObject
 * on delete) are read as that state; filters are ldapts filter objects (values go over the wire
 * as BER, never spliced into filter text) and DNs are built with dn.ts.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AndFilter, Attribute, Change, EqualityFilter, PresenceFilter, type Entry } from 'ldapts';
import { noteChanges, type AttributeChange } from '../audit.ts';
import { childDn, formatRdn, sameDn, splitDn } from './dn.ts';
import { holdsExactly, valuesOf, wantedValues } from './entries.ts';
import { directoryFailure, isResult } from './errors.ts';
import type { DirectoryContext } from './profile.ts';

export type AttributeChanges = Record<string, string | readonly string[] | null | undefined>;

/** The account with this anchor value, or undefined; two accounts with one anchor is an error to fix in the directory. */
export async function findByAnchor({ session, profile }: DirectoryContext, anchor: string, attributes: readonly string[] = []): Promise<Entry | undefined> {
  const filter = new AndFilter({ filters: [profile.userFilter, new EqualityFilter({ attribute: profile.anchorAttribute, value: anchor })] });
  const entries = await session.search(profile.baseDn, { scope: 'sub', filter, attributes: [...new Set([profile.anchorAttribute, ...attributes])] });
  if (entries.length > 1) {
    throw ApplicationFailure.nonRetryable(
      `${entries.length} ${profile.noun}s have ${profile.anchorAttribute}=${JSON.stringify(anchor)} (${entries.map((e) => e.dn).join('; ')}): each person needs their own value; fix it in the directory`,
      'AmbiguousAnchor',
    );
  }
  return entries[0];
}

export async function requireByAnchor(ctx: DirectoryContext, anchor: string, attributes: readonly string[] = []): Promise<Entry> {
  const entry = await findByAnchor(ctx, anchor, attributes);
  if (!entry) {
    throw ApplicationFailure.nonRetryable(
      `no ${ctx.profile.noun} has ${ctx.profile.anchorAttribute}=${JSON.stringify(anchor)}: create the account first, or check the anchor value`,
      'AccountNotFound',
    );
  }
  return entry;
}

/** Refuses attributes the step may not set through the attribute list (the anchor has its own parameter). */
function checkAttributeNames(ctx: DirectoryContext, attributes: AttributeChanges): void {
  const anchor = ctx.profile.anchorAttribute.toLowerCase();
  const seen = new Set<string>();
  for (const name of Object.keys(attributes)) {
    const lower = name.toLowerCase();
    if (lower === anchor) throw ApplicationFailure.nonRetryable(`${name} is this connection’s anchor attribute: give its value as the step’s anchor`, 'InvalidAttributes');
    if (seen.has(lower)) throw ApplicationFailure.nonRetryable(`${name} is given twice (in different letter cases): give it once`, 'InvalidAttributes');
    seen.add(lower);
  }
}

/** Servers answer an attribute missing from their schema with noSuchAttribute (Samba) or undefinedAttributeType (OpenLDAP). */
function unknownAttributeFailure(error: unknown, names: readonly string[]): ApplicationFailure | undefined {
  if (!isResult(error, 'noSuchAttribute') && !isResult(error, 'undefinedAttributeType')) return undefined;
  const said = error instanceof Error ? error.message : '';
  return ApplicationFailure.nonRetryable(`an attribute among ${names.join(', ')} is not in the directory’s schema (${said}): fix the attribute names of the step`, 'LdapSchemaViolation');
}

export interface CreateRequest {
  anchor: string;
  /** The common name (cn). */
  name: string;
  ou?: string | undefined;
  attributes: AttributeChanges;
}

export async function createAccount(ctx: DirectoryContext, request: CreateRequest): Promise<{ dn: string; created: boolean }> {
  const { session, profile } = ctx;
  checkAttributeNames(ctx, request.attributes);
  const existing = await findByAnchor(ctx, request.anchor);
  if (existing) return { dn: existing.dn, created: false };

  const entry: Record<string, string[]> = { objectClass: [...profile.userObjectClasses], cn: [request.name] };
  for (const [name, value] of Object.entries(request.attributes)) {
    const values = wantedValues(value);
    if (values.length > 0) entry[name] = values;
  }
  entry[profile.anchorAttribute] = [request.anchor];
  for (const [name, values] of Object.entries(profile.createDefaults)) {
    const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    entry[key] = [...new Set([...(entry[key] ?? []), ...values])];
  }

  const rdnValue = wantedValues(Object.entries(entry).find(([k]) => k.toLowerCase() === profile.rdnAttribute.toLowerCase())?.[1])[0];
  if (rdnValue === undefined) throw ApplicationFailure.nonRetryable(`${profile.rdnAttribute} names new entries on this connection: give it a value`, 'InvalidAttributes');
  const ou = request.ou ?? profile.usersOu;
  const dn = childDn(profile.rdnAttribute, rdnValue, ou);
  try {
    await session.add(dn, entry);
  } catch (error) {
    if (isResult(error, 'entryAlreadyExists')) {
      // A retry after a create whose answer was lost, or another account with the same name.
      const mine = await findByAnchor(ctx, request.anchor);
      if (mine) return { dn: mine.dn, created: false };
      const said = error instanceof Error ? error.message : '';
      throw ApplicationFailure.nonRetryable(
        `another ${profile.noun} already has this name in ${ou} (${JSON.stringify(rdnValue)}), or a value that must be unique in the directory: choose another for this person (${said})`,
        'AccountNameTaken',
      );
    }
    if (isResult(error, 'noSuchObject')) throw ApplicationFailure.nonRetryable(`the OU ${ou} does not exist: create it, or fix the step’s ou or the connection’s usersOu`, 'OuNotFound');
    throw unknownAttributeFailure(error, Object.keys(entry)) ?? directoryFailure(error, `creating ${profile.noun} ${dn}`);
  }
  // The server's spelling of the DN, the same one a later run finds.
  const created = await findByAnchor(ctx, request.anchor);
  return { dn: created?.dn ?? dn, created: true };
}

/** Renames or moves an entry, keeping its RDN unless `rdnValue` says otherwise. */
async function relocate(ctx: DirectoryContext, dn: string, target: { parent?: string; rdnValue?: string }): Promise<void> {
  const { rdn, parent } = splitDn(dn);
  const newRdn = target.rdnValue === undefined ? formatRdn(rdn) : formatRdn([{ type: ctx.profile.rdnAttribute, value: target.rdnValue }]);
  const newParent = target.parent ?? parent;
  const newDn = `${newRdn},${newParent}`;
  try {
    await ctx.session.modifyDn(dn, newDn);
  } catch (error) {
    if (isResult(error, 'entryAlreadyExists')) throw ApplicationFailure.nonRetryable(`${newDn} already exists: another ${ctx.profile.noun} has that name there`, 'AccountNameTaken');
    if (isResult(error, 'noSuchObject')) throw ApplicationFailure.nonRetryable(`${newParent} does not exist, or ${dn} vanished: check the OU`, 'OuNotFound');
    throw directoryFailure(error, `moving ${dn} to ${newDn}`);
  }
}

export interface UpdateRequest {
  anchor: string;
  name?: string | undefined;
  attributes: AttributeChanges;
}

export async function updateAccount(ctx: DirectoryContext, request: UpdateRequest): Promise<{ dn: string; changed: string[] }> {
  const { session, profile } = ctx;
  checkAttributeNames(ctx, request.attributes);
  // A new name is a rename where cn names the entry, a plain attribute change elsewhere; a new
  // value of the naming attribute (uid) is a rename too.
  const isRdn = (name: string) => name.toLowerCase() === profile.rdnAttribute.toLowerCase();
  const wanted: AttributeChanges = Object.fromEntries(Object.entries(request.attributes).filter(([name]) => !isRdn(name)));
  let newRdnValue: string | undefined;
  if (isRdn('cn')) newRdnValue = request.name;
  else {
    if (request.name !== undefined) wanted.cn = request.name;
    const rdnEntry = Object.entries(request.attributes).find(([name, v]) => isRdn(name) && v !== undefined);
    if (rdnEntry) {
      newRdnValue = wantedValues(rdnEntry[1])[0];
      if (newRdnValue === undefined) throw ApplicationFailure.nonRetryable(`${profile.rdnAttribute} names the entry and cannot be cleared`, 'InvalidAttributes');
    }
  }
  const names = Object.keys(wanted).filter((k) => wanted[k] !== undefined);
  const entry = await requireByAnchor(ctx, request.anchor, [...names, profile.rdnAttribute]);

  const changes: Change[] = [];
  const changed: string[] = [];
  const diff: AttributeChange[] = [];
  for (const name of names) {
    const have = valuesOf(entry, name);
    const status = profile.statusValues(name);
    const want = [...new Set([...wantedValues(wanted[name]), ...have.filter((v) => status.includes(v))])];
    if (holdsExactly(have, want)) continue;
    changed.push(name);
    diff.push({ attribute: name, before: have, after: want });
    changes.push(
      want.length === 0
        ? new Change({ operation: 'delete', modification: new Attribute({ type: name, values: [] }) })
        : new Change({ operation: 'replace', modification: new Attribute({ type: name, values: want }) }),
    );
  }
  if (changes.length > 0) {
    try {
      await session.modify(entry.dn, changes);
    } catch (error) {
      throw unknownAttributeFailure(error, changed) ?? directoryFailure(error, `updating ${changed.join(', ')} of ${entry.dn}`);
    }
    // Old values go to the audit log only, never into the output (and so the run's history).
    noteChanges(diff);
  }
  let dn = entry.dn;
  if (newRdnValue !== undefined && !holdsExactly(valuesOf(entry, profile.rdnAttribute), [newRdnValue])) {
    await relocate(ctx, dn, { rdnValue: newRdnValue });
    changed.push(profile.rdnAttribute);
    noteChanges([{ attribute: profile.rdnAttribute, before: valuesOf(entry, profile.rdnAttribute), after: [newRdnValue] }]);
    dn = (await findByAnchor(ctx, request.anchor))?.dn ?? dn;
  }
  return { dn, changed };
}

export async function moveAccount(ctx: DirectoryContext, anchor: string, ou: string): Promise<{ dn: string; moved: boolean }> {
  const entry = await requireByAnchor(ctx, anchor);
  if (sameDn(splitDn(entry.dn).parent, ou)) return { dn: entry.dn, moved: false };
  await relocate(ctx, entry.dn, { parent: ou });
  return { dn: (await findByAnchor(ctx, anchor))?.dn ?? entry.dn, moved: true };
}

export async function deleteAccount(ctx: DirectoryContext, anchor: string): Promise<{ deleted: boolean; dn: string | null }> {
  const entry = await findByAnchor(ctx, anchor);
  if (!entry) return { deleted: false, dn: null };
  try {
    await ctx.session.del(entry.dn);
  } catch (error) {
    if (isResult(error, 'noSuchObject')) return { deleted: false, dn: entry.dn };
    if (isResult(error, 'notAllowedOnNonLeaf')) {
      throw ApplicationFailure.nonRetryable(`${entry.dn} has objects below it (devices, mailboxes…): remove them first, or delete it with the directory’s own tools`, 'AccountHasChildren');
    }
    throw directoryFailure(error, `deleting ${entry.dn}`);
  }
  return { deleted: true, dn: entry.dn };
}

/** Whether no entry under the base DN holds the value; the account with `anchor` may (a rerun keeps its own value). */
export async function isValueFree(ctx: DirectoryContext, attribute: string, value: string, anchor?: string): Promise<boolean> {
  const { session, profile } = ctx;
  const filter = new AndFilter({ filters: [new PresenceFilter({ attribute: 'objectClass' }), profile.valueTakenFilter(attribute, value)] });
  const holders = await session.search(profile.baseDn, { scope: 'sub', filter, attributes: [profile.anchorAttribute] });
  return holders.every((h) => anchor !== undefined && valuesOf(h, profile.anchorAttribute).includes(anchor));
}
