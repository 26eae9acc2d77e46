/**
 * A SCIM 2.0 User (core, enterprise extension, custom extensions) as Microsoft Entra API-driven
 * inbound provisioning sends it, and the flat attribute names Tenure's lifecycles use. One mapping
 * declaration serves both directions: reading a bulk operation into attributes, and writing a
 * person's attributes back as a SCIM User. Paths are written the way Entra's attribute mapping
 * writes them (`emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager.value`), so an
 * admin can compare the two side by side.
 */
import { z } from 'zod';
import { attributesSchema, attributeValueSchema, employeeIdSchema, formatPath, type Attributes, type AttributeValue } from '../../workflows/dsl/index.ts';
import type { StatedWorker } from '../../workflows/dsl/hrDiff.ts';
import type { ErrorDetail } from '../http/errors.ts';

export const coreUserSchemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUserUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Where Tenure writes the attributes no standard schema holds (hire date, last day, custom ones). */
export const tenureUserUrn = 'urn:ietf:params:scim:schemas:extension:tenure:1.0:User';

interface ScimAttributeMapping {
  /** The Tenure attribute name. */
  attribute: string;
  /** The SCIM path, in Entra's attribute-mapping notation. */
  scim: string;
  /** Names this attribute goes by in custom extensions (matched without regard to case). */
  aliases?: readonly string[];
}

/** The one declaration of how SCIM User attributes and Tenure attributes correspond. */
export const scimAttributeMap = [
  { attribute: 'userName', scim: 'userName' },
  { attribute: 'givenName', scim: 'name.givenName' },
  { attribute: 'surname', scim: 'name.familyName' },
  { attribute: 'middleName', scim: 'name.middleName' },
  { attribute: 'displayName', scim: 'displayName' },
  { attribute: 'nickName', scim: 'nickName' },
  { attribute: 'title', scim: 'title' },
  { attribute: 'employeeType', scim: 'userType' },
  { attribute: 'preferredLanguage', scim: 'preferredLanguage' },
  { attribute: 'locale', scim: 'locale' },
  { attribute: 'timeZone', scim: 'timezone' },
  { attribute: 'email', scim: 'emails[type eq "work"].value' },
  { attribute: 'personalEmail', scim: 'emails[type eq "home"].value' },
  { attribute: 'phone', scim: 'phoneNumbers[type eq "work"].value' },
  { attribute: 'mobile', scim: 'phoneNumbers[type eq "mobile"].value' },
  { attribute: 'streetAddress', scim: 'addresses[type eq "work"].streetAddress' },
  { attribute: 'location', scim: 'addresses[type eq "work"].locality' },
  { attribute: 'region', scim: 'addresses[type eq "work"].region' },
  { attribute: 'postalCode', scim: 'addresses[type eq "work"].postalCode' },
  { attribute: 'country', scim: 'addresses[type eq "work"].country' },
  { attribute: 'employeeNumber', scim: `${enterpriseUserUrn}:employeeNumber` },
  { attribute: 'department', scim: `${enterpriseUserUrn}:department` },
  { attribute: 'managerId', scim: `${enterpriseUserUrn}:manager.value` },
  { attribute: 'costCenter', scim: `${enterpriseUserUrn}:costCenter` },
  { attribute: 'organization', scim: `${enterpriseUserUrn}:organization` },
  { attribute: 'division', scim: `${enterpriseUserUrn}:division` },
  { attribute: 'hireDate', scim: `${tenureUserUrn}:hireDate`, aliases: ['employeeHireDate', 'hireDate', 'startDate'] },
  { attribute: 'lastDay', scim: `${tenureUserUrn}:lastDay`, aliases: ['employeeLeaveDateTime', 'lastDay', 'leaveDate', 'terminationDate'] },
] as const satisfies readonly ScimAttributeMapping[];

interface ParsedPath {
  /** The extension schema URN holding the attribute; core when undefined. */
  urn: string | undefined;
  name: string;
  /** `emails[type eq "work"]`: the element of a multi-valued attribute, by type. */
  type: string | undefined;
  sub: string | undefined;
}

const pathPattern = /^(?:(urn:.+):)?([A-Za-z][A-Za-z0-9]*)(?:\[type eq "([^"]+)"\])?(?:\.([A-Za-z][A-Za-z0-9]*))?$/;

function parsePath(path: string): ParsedPath {
  const m = pathPattern.exec(path);
  const name = m?.[2];
  if (!m || name === undefined) throw new Error(`the SCIM mapping path ${path} is not in the supported notation`);
  return { urn: m[1], name, type: m[3], sub: m[4] };
}

const mappings = scimAttributeMap.map((m) => ({ ...m, path: parsePath(m.scim) }));
const aliasOf = new Map(mappings.flatMap((m) => ('aliases' in m ? m.aliases : []).map((a) => [a.toLowerCase(), m.attribute] as const)));

const text = z.string().max(10_000);
const typed = z.object({ type: text.optional(), primary: z.boolean().optional() });
const scimUserSchema = z
  .object({
    schemas: z.array(z.string().max(500)).min(1, 'list the SCIM schemas the user uses (at least the core User schema)').max(50),
    externalId: z.string().min(1).max(200).optional(),
    userName: text.optional(),
    name: z.object({ givenName: text.nullish(), familyName: text.nullish(), middleName: text.nullish(), formatted: text.nullish() }).loose().optional(),
    displayName: text.nullish(),
    nickName: text.nullish(),
    title: text.nullish(),
    userType: text.nullish(),
    preferredLanguage: text.nullish(),
    locale: text.nullish(),
    timezone: text.nullish(),
    active: z.boolean().optional(),
    emails: z.array(typed.extend({ value: text }).loose()).max(100).optional(),
    phoneNumbers: z.array(typed.extend({ value: text }).loose()).max(100).optional(),
    addresses: z
      .array(typed.extend({ streetAddress: text.nullish(), locality: text.nullish(), region: text.nullish(), postalCode: text.nullish(), country: text.nullish(), formatted: text.nullish() }).loose())
      .max(100)
      .optional(),
    [enterpriseUserUrn]: z
      .object({
        employeeNumber: text.nullish(),
        department: text.nullish(),
        costCenter: text.nullish(),
        organization: text.nullish(),
        division: text.nullish(),
        manager: z.object({ value: text.nullish(), displayName: text.nullish() }).loose().nullish(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** Custom extensions: an object of flat values, each flattened into an attribute of its own name. */
const extensionSchema = z.record(z.string().min(1).max(200), attributeValueSchema);

/** Which SCIM attribute holds the person's employee id (Entra's matching attribute). */
export const employeeIdSources = ['externalId', 'userName', 'employeeNumber'] as const;
export type EmployeeIdSource = (typeof employeeIdSources)[number];
/** Entra's default matching attribute; `?employeeIdFrom=` chooses another. */
export const defaultEmployeeIdSource: EmployeeIdSource = 'externalId';
/** Where in a SCIM User each source of the employee id is. */
export const employeeIdPaths = {
  externalId: ['externalId'],
  userName: ['userName'],
  employeeNumber: [enterpriseUserUrn, 'employeeNumber'],
} as const satisfies Readonly<Record<EmployeeIdSource, readonly string[]>>;

export type ReadUser = { ok: true; worker: StatedWorker } | { ok: false; problems: ErrorDetail[] };

const keyPath = (path: readonly PropertyKey[]) => path.map((s) => (typeof s === 'symbol' ? String(s) : s));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readPath(user: Record<string, unknown>, p: ParsedPath): { found: boolean; value: unknown } {
  const holder = p.urn === undefined ? user : user[p.urn];
  if (!isRecord(holder) || !(p.name in holder)) return { found: false, value: undefined };
  let value = holder[p.name];
  if (p.type !== undefined) {
    if (!Array.isArray(value)) return { found: false, value: undefined };
    const items = value.filter(isRecord);
    const byType = items.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === p.type);
    // HR systems often send a single untyped work address or email; it is the work one.
    const fallback = p.type === 'work' ? (items.find((e) => e.primary === true && e.type === undefined) ?? (items.length === 1 && items[0]?.type === undefined ? items[0] : undefined)) : undefined;
    const item = byType ?? fallback;
    if (item === undefined) return { found: false, value: undefined };
    value = item;
  }
  if (p.sub !== undefined) {
    if (value === null) return { found: true, value: null };
    if (!isRecord(value) || !(p.sub in value)) return { found: false, value: undefined };
    value = value[p.sub];
  }
  return { found: true, value };
}

function scimLocation(p: ParsedPath): (string | number)[] {
  return [...(p.urn !== undefined ? [p.urn] : []), p.type !== undefined ? `${p.name}[type eq "${p.type}"]` : p.name, ...(p.sub !== undefined ? [p.sub] : [])];
}

/**
 * Reads one SCIM User into the person's employee id, whether HR says they are active, and their
 * attributes under Tenure's names. Every problem comes back at once with its path under `at`.
 */
export function readScimUser(data: unknown, employeeIdFrom: EmployeeIdSource, at: readonly (string | number)[]): ReadUser {
  const problemAt = (path: readonly (string | number)[], message: string): ErrorDetail => ({ path: formatPath([...at, ...path]), message });
  const parsed = scimUserSchema.safeParse(data);
  if (!parsed.success || !isRecord(data)) {
    const issues = parsed.success ? [] : parsed.error.issues;
    return { ok: false, problems: issues.length > 0 ? issues.map((i) => problemAt(keyPath(i.path), i.message)) : [problemAt([], 'data must be a SCIM User object')] };
  }
  const user = parsed.data;
  const problems: ErrorDetail[] = [];
  const attributes: Record<string, AttributeValue> = {};
  const sourceOf = new Map<string, (string | number)[]>();

  for (const m of mappings) {
    const { found, value } = readPath(data, m.path);
    if (!found) continue;
    const v = attributeValueSchema.safeParse(value ?? null);
    if (!v.success) {
      // A value of the right type with wrong text (a control character) says what is wrong with it.
      for (const i of v.error.issues) problems.push(problemAt([...scimLocation(m.path), ...keyPath(i.path)], i.code === 'invalid_union' ? `${m.scim} must be a string, number, boolean or list of strings` : i.message));
    } else {
      attributes[m.attribute] = v.data;
      sourceOf.set(m.attribute, scimLocation(m.path));
    }
  }

  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('urn:') || key === enterpriseUserUrn || key === coreUserSchemaUrn) continue;
    const ext = extensionSchema.safeParse(value);
    if (!ext.success) {
      for (const i of ext.error.issues) problems.push(problemAt([key, ...keyPath(i.path)], i.code === 'invalid_union' ? 'custom extension attributes must be strings, numbers, booleans, null or lists of strings' : i.message));
      continue;
    }
    for (const [name, v] of Object.entries(ext.data)) {
      const attribute = aliasOf.get(name.toLowerCase()) ?? name;
      // The standard schemas win over a custom extension that repeats one of their attributes.
      if (sourceOf.has(attribute) && sourceOf.get(attribute)?.[0] !== key) continue;
      attributes[attribute] = v;
      sourceOf.set(attribute, [key, name]);
    }
  }

  const checked = attributesSchema.safeParse(attributes);
  if (!checked.success) {
    for (const i of checked.error.issues) {
      const name = String(i.path[0] ?? '');
      problems.push(problemAt(sourceOf.get(name) ?? [name], i.message));
    }
  }

  const idPath: string[] = [...employeeIdPaths[employeeIdFrom]];
  const held = idPath.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), user);
  const statedId = typeof held === 'string' ? held : undefined;
  let employeeId: string | undefined;
  if (statedId === undefined) {
    problems.push(problemAt(idPath, `${formatPath(idPath)} is required: Tenure matches people on it (choose another attribute with ?employeeIdFrom=${employeeIdSources.join('|')})`));
  } else {
    // The same rules as every channel's employee id: trimmed, NFC, nothing invisible.
    const id = employeeIdSchema.safeParse(statedId);
    if (id.success) employeeId = id.data;
    else for (const i of id.error.issues) problems.push(problemAt(idPath, `${formatPath(idPath)}: ${i.message}`));
  }
  if (problems.length > 0 || employeeId === undefined) return { ok: false, problems };
  return { ok: true, worker: { employeeId, active: user.active, attributes } };
}

function writePath(user: Record<string, unknown>, p: ParsedPath, value: AttributeValue): void {
  let holder: Record<string, unknown> = user;
  if (p.urn !== undefined) {
    const ext = user[p.urn];
    holder = isRecord(ext) ? ext : {};
    user[p.urn] = holder;
  }
  if (p.type !== undefined) {
    const existing = holder[p.name];
    const items: unknown[] = Array.isArray(existing) ? existing : [];
    let item = items.find((e) => isRecord(e) && e.type === p.type);
    if (!isRecord(item)) {
      item = { type: p.type };
      items.push(item);
    }
    if (isRecord(item) && p.sub !== undefined) item[p.sub] = value;
    holder[p.name] = items;
    return;
  }
  if (p.sub !== undefined) {
    const inner = holder[p.name];
    const obj = isRecord(inner) ? inner : {};
    obj[p.sub] = value;
    holder[p.name] = obj;
    return;
  }
  holder[p.name] = value;
}

/** A person's attributes as a SCIM User: the inverse of readScimUser, through the same mapping. */
export function toScimUser(employeeId: string, attributes: Attributes, options: { active?: boolean } = {}): Record<string, unknown> {
  const user: Record<string, unknown> = { schemas: [coreUserSchemaUrn], externalId: employeeId };
  if (options.active !== undefined) user.active = options.active;
  const mapped = new Set<string>();
  for (const m of mappings) {
    if (!(m.attribute in attributes)) continue;
    const value = attributes[m.attribute];
    if (value === undefined) continue;
    writePath(user, m.path, value);
    mapped.add(m.attribute);
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (mapped.has(name)) continue;
    writePath(user, { urn: tenureUserUrn, name, type: undefined, sub: undefined }, value);
  }
  user.schemas = [coreUserSchemaUrn, ...Object.keys(user).filter((k) => k.startsWith('urn:'))];
  return user;
}
