/**
 * Where each user attribute of the scim actions lives in a SCIM User (RFC 7643 §4.1, the enterprise
 * extension §4.3, custom extensions), how to read it from the resource the app holds, and how to
 * turn "what it should be" into a creation body or into the few PATCH operations that change only
 * what differs (RFC 7644 §3.5.2).
 *
 * Following RFC 7643 §2.5, an empty string, null and an absent attribute are the same state.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { ScimUserAttribute } from '../../workflows/dsl/catalog/scim.ts';
import { valuePath } from './filters.ts';

export const coreUserSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUserSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Spec =
  /** A single value at `path` inside `schema`'s attributes (the core schema when absent). */
  | { kind: 'value'; path: readonly string[]; schema?: string }
  /** The `value` of the entry of a multi-valued attribute whose `type` is `type` (a work email). */
  | { kind: 'typed'; attribute: 'emails' | 'phoneNumbers'; type: string; primary: boolean }
  /** A reference to another resource, written `{ value: id }` (the manager). */
  | { kind: 'reference'; schema: string; attribute: string };

const core = (...path: string[]): Spec => ({ kind: 'value', path });
const enterprise = (attribute: string): Spec => ({ kind: 'value', path: [attribute], schema: enterpriseUserSchema });

const specs = {
  externalId: core('externalId'),
  displayName: core('displayName'),
  givenName: core('name', 'givenName'),
  familyName: core('name', 'familyName'),
  nickName: core('nickName'),
  title: core('title'),
  userType: core('userType'),
  preferredLanguage: core('preferredLanguage'),
  locale: core('locale'),
  timezone: core('timezone'),
  email: { kind: 'typed', attribute: 'emails', type: 'work', primary: true },
  workPhone: { kind: 'typed', attribute: 'phoneNumbers', type: 'work', primary: false },
  mobilePhone: { kind: 'typed', attribute: 'phoneNumbers', type: 'mobile', primary: false },
  employeeNumber: enterprise('employeeNumber'),
  costCenter: enterprise('costCenter'),
  organization: enterprise('organization'),
  division: enterprise('division'),
  department: enterprise('department'),
  manager: { kind: 'reference', schema: enterpriseUserSchema, attribute: 'manager' },
} satisfies Record<ScimUserAttribute, Spec>;
const attributeNames = Object.keys(specs);

/** One attribute as it should be: `undefined` means it should be absent. */
export interface Wanted {
  /** The action parameter it came from, reported in `changed`. */
  name: string;
  spec: Spec;
  value: string | boolean | undefined;
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

type Resource = Record<string, unknown>;

/**
 * The attributes a step's input asks for: parameters it left out are not wanted at all; null and
 * empty values are wanted absent. Extension entries must use a schema the connection declares.
 */
export function wantedAttributes(input: Record<string, unknown>, allowedExtensions: readonly string[]): Wanted[] {
  const wanted: Wanted[] = [];
  for (const name of ['userName', 'active', ...attributeNames]) {
    if (!(name in input) || input[name] === undefined) continue;
    const raw = input[name];
    const spec = name === 'userName' || name === 'active' ? core(name) : specOf(name);
    wanted.push({ name, spec, value: typeof raw === 'boolean' ? raw : typeof raw === 'string' && raw !== '' ? raw : undefined });
  }
  const entries = input.extensionAttributes;
  if (Array.isArray(entries)) {
    for (const entry of entries) if (typeof entry === 'string') wanted.push(extensionAttribute(entry, allowedExtensions));
  }
  return wanted;
}

function specOf(name: string): Spec {
  for (const [n, spec] of Object.entries(specs)) if (n === name) return spec;
  throw new Error(`no SCIM path for the attribute "${name}"`);
}

/** `"<schema URN>:<attribute>=<value>"`: the URN ends at the last colon before the first `=`. */
function extensionAttribute(entry: string, allowedExtensions: readonly string[]): Wanted {
  const eq = entry.indexOf('=');
  const target = entry.slice(0, eq);
  const value = entry.slice(eq + 1);
  const colon = target.lastIndexOf(':');
  const urn = target.slice(0, colon);
  const attribute = target.slice(colon + 1);
  const allowed = [...allowedExtensions, enterpriseUserSchema];
  const schema = allowed.find((s) => s.toLowerCase() === urn.toLowerCase());
  if (eq < 0 || colon < 0 || attribute === '' || schema === undefined) {
    throw ApplicationFailure.nonRetryable(
      `extension attribute "${target}": its schema "${urn}" is not one the connection declares (${allowed.join(', ')}); add it to the connection’s userSchemaExtensions or fix the entry`,
      'ScimInvalidInput',
    );
  }
  return { name: target, spec: { kind: 'value', path: attribute.split('.'), schema }, value: value === '' ? undefined : value };
}

/** What the resource holds for an attribute, `undefined` when it holds nothing. */
export function currentValue(resource: Resource, spec: Spec): unknown {
  let found: unknown;
  switch (spec.kind) {
    case 'value':
      found = walk(spec.schema === undefined ? resource : resource[spec.schema], spec.path);
      break;
    case 'typed': {
      const entries: unknown = resource[spec.attribute];
      const entry: unknown = Array.isArray(entries) ? entries.find((e: unknown) => field(e, 'type') === spec.type) : undefined;
      found = field(entry, 'value');
      break;
    }
    case 'reference':
      found = walk(resource[spec.schema], [spec.attribute, 'value']);
      break;
  }
  return found === null || found === '' ? undefined : found;
}

function field(v: unknown, name: string): unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Reflect.get(v, name) : undefined;
}

function walk(v: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, name) => field(at, name), v);
}

function pathOf(spec: Spec): string {
  switch (spec.kind) {
    case 'value':
      return spec.schema === undefined ? spec.path.join('.') : `${spec.schema}:${spec.path.join('.')}`;
    case 'typed':
      return `${valuePath(spec.attribute, 'type', spec.type)}.value`;
    case 'reference':
      return `${spec.schema}:${spec.attribute}`;
  }
}

function written(spec: Spec, value: string | boolean): unknown {
  return spec.kind === 'reference' ? { value } : value;
}

/** The operations that bring `resource` to `wanted`, and the names of the attributes they change. */
export function patchOperations(resource: Resource, wanted: readonly Wanted[]): { operations: PatchOperation[]; changed: string[]; diff: { attribute: string; before: unknown; after: unknown }[] } {
  const operations: PatchOperation[] = [];
  const changed: string[] = [];
  const diff: { attribute: string; before: unknown; after: unknown }[] = [];
  for (const w of wanted) {
    const now = currentValue(resource, w.spec);
    if (now === w.value) continue;
    changed.push(w.name);
    diff.push({ attribute: w.name, before: now ?? null, after: w.value ?? null });
    if (w.value === undefined) {
      operations.push({ op: 'remove', path: w.spec.kind === 'typed' ? valuePath(w.spec.attribute, 'type', w.spec.type) : pathOf(w.spec) });
    } else if (w.spec.kind === 'typed' && now === undefined) {
      // No entry of this type yet: a value path would select nothing, so add the whole entry.
      operations.push({ op: 'add', path: w.spec.attribute, value: [typedEntry(w.spec, w.value)] });
    } else {
      operations.push({ op: now === undefined ? 'add' : 'replace', path: pathOf(w.spec), value: written(w.spec, w.value) });
    }
  }
  return { operations, changed, diff };
}

function typedEntry(spec: Extract<Spec, { kind: 'typed' }>, value: string | boolean): Record<string, unknown> {
  return { type: spec.type, value, ...(spec.primary ? { primary: true } : {}) };
}

/** A User to POST: the wanted attributes that have a value, with the schemas they use. */
export function creationBody(wanted: readonly Wanted[]): Resource {
  const schemas = [coreUserSchema];
  const body: Resource = {};
  for (const w of wanted) {
    if (w.value === undefined) continue;
    const spec = w.spec;
    switch (spec.kind) {
      case 'value':
        if (spec.schema !== undefined && !schemas.includes(spec.schema)) schemas.push(spec.schema);
        place(spec.schema === undefined ? body : container(body, spec.schema), spec.path, w.value);
        break;
      case 'typed': {
        const list: unknown = body[spec.attribute];
        const before: unknown[] = Array.isArray(list) ? list : [];
        body[spec.attribute] = [...before, typedEntry(spec, w.value)];
        break;
      }
      case 'reference':
        if (!schemas.includes(spec.schema)) schemas.push(spec.schema);
        container(body, spec.schema)[spec.attribute] = { value: w.value };
        break;
    }
  }
  return { schemas, ...body };
}

const record = z.record(z.string(), z.unknown());

/** The object under `name`, created when absent (a parse copies it, so it is put back). */
function container(parent: Resource, name: string): Resource {
  const existing = record.safeParse(parent[name]);
  const next: Resource = existing.success ? existing.data : {};
  parent[name] = next;
  return next;
}

function place(target: Resource, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) target[head] = value;
  else place(container(target, head), rest, value);
}
