/**
 * Parameters shared by the actions on LDAP directories (ad.* and ldap.*): both speak LDAP, find a
 * person's account by an anchor attribute (the HR id the account carries), and take attribute
 * values as named fields plus a free list for anything else.
 *
 * Parameters are flat scalars or lists (the designer edits those, each may be an expression), so
 * extra attributes come as `attributes`: either a map (for API callers) or "name=value" entries
 * (what a designer parameter can hold). Values are kept exactly as given: no trimming, no case
 * folding; escaping for filters and DNs happens in the activities, at the LDAP boundary.
 */
import { z } from 'zod';

/** An LDAP attribute description (RFC 4512 `descr`), without options. */
export const attributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an LDAP attribute name: letters, digits and "-", starting with a letter');

const value = z.string().max(65_536);
export const attributeValue = z.union([value, z.array(value).max(1000)]);

/** The value of the connection's anchor attribute (employeeID in AD, employeeNumber in LDAP) that names the person's account. */
export const anchor = z
  .string()
  .min(1)
  .max(1024)
  .describe('The person’s value of the connection’s anchor attribute (e.g. their HR employee id): how the account is found.');

/** A distinguished name given by an admin (an OU, a group); checked for shape, escaped as given. */
export const distinguishedName = z.string().min(3).max(2048).regex(/^[A-Za-z][A-Za-z0-9-]*=/, 'a distinguished name such as OU=Staff,DC=example,DC=com');

const entry = z.string().max(65_600).regex(/^[A-Za-z][A-Za-z0-9-]{0,63}=/, 'write each entry as "attributeName=value"');

/** Extra attributes: a map, or "name=value" entries (a name repeated makes a multi-valued attribute). */
export function extraAttributes(protectedNames: readonly string[], clearable: boolean) {
  const lower = protectedNames.map((n) => n.toLowerCase());
  const allowed = (name: string) => !lower.includes(name.toLowerCase());
  const protectedMessage = `these attributes have actions or fields of their own: ${protectedNames.join(', ')}`;
  const mapValue = clearable ? attributeValue.nullable() : attributeValue;
  return z
    .union([
      z.record(attributeName.refine(allowed, protectedMessage), mapValue),
      z.array(entry.refine((e) => allowed(e.slice(0, e.indexOf('='))), protectedMessage)).max(500),
    ])
    .describe(
      clearable
        ? 'Other attributes to set, as a map or as "name=value" entries. An empty value (or null in a map) clears the attribute.'
        : 'Other attributes to set, as a map or as "name=value" entries; a name given twice gets both values.',
    );
}

/** Turns the `attributes` parameter into a map; entries with the same name collect their values. */
export function attributeMap(attributes: Record<string, string | string[] | null> | string[] | undefined): Record<string, string | string[] | null> {
  if (attributes === undefined) return {};
  if (!Array.isArray(attributes)) return attributes;
  const map: Record<string, string[]> = {};
  for (const e of attributes) {
    const at = e.indexOf('=');
    const name = e.slice(0, at);
    const v = e.slice(at + 1);
    const existing = Object.keys(map).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    map[existing] = [...(map[existing] ?? []), ...(v === '' ? [] : [v])];
  }
  return map;
}

/** A single-valued attribute field; in an update, null or "" clears the attribute. */
export const createField = (description: string) => value.optional().describe(description);
export const updateField = (description: string) => value.nullable().optional().describe(description);

export const groupsInput = z
  .union([z.string().min(1).max(2048), z.array(z.string().min(1).max(2048)).min(1).max(200)])
  .describe('The groups: each a distinguished name, or a group name looked up in the directory.');

export const findUserOutput = z.strictObject({
  found: z.boolean(),
  dn: z.string().nullable(),
  enabled: z.boolean().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

export const isValueFreeOutput = z.strictObject({ free: z.boolean(), value: z.string() });
export const accountOutput = z.strictObject({ dn: z.string() });
