/**
 * Reading the JSON Schemas that zod produces (GET /api/actions inputs, the node data schemas of
 * workflows/dsl) well enough to build forms: field kinds, union options and their discriminator,
 * sensible starting values, and readable titles.
 */
export type JsonSchema = Record<string, unknown>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asSchema(v: unknown): JsonSchema {
  return isRecord(v) ? v : {};
}

export function properties(schema: JsonSchema): [string, JsonSchema][] {
  const props = schema.properties;
  return isRecord(props) ? Object.entries(props).map(([k, s]) => [k, asSchema(s)]) : [];
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
}

export function unionOptions(schema: JsonSchema): JsonSchema[] {
  const list = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
  return list.map(asSchema).filter((o) => o.type !== 'null');
}

export function enumValues(schema: JsonSchema): unknown[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

export function constOf(option: JsonSchema, property: string): unknown {
  return asSchema(asSchema(option.properties)[property]).const;
}

/** The property whose constant tells the options of a union apart (`kind` for approvers and waits). */
export function discriminatorOf(options: readonly JsonSchema[]): string | undefined {
  const first = options[0];
  if (!first) return undefined;
  return properties(first)
    .map(([k]) => k)
    .find((k) => options.every((o) => constOf(o, k) !== undefined));
}

export type FieldKind = 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'object' | 'array' | 'union' | 'const' | 'json';

export function fieldKind(schema: JsonSchema): FieldKind {
  if (schema.const !== undefined) return 'const';
  if (enumValues(schema) !== undefined) return 'enum';
  if (unionOptions(schema).length > 0) return 'union';
  switch (schema.type) {
    case 'string':
      return typeof schema.maxLength === 'number' && schema.maxLength > 500 ? 'text' : 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    default:
      return 'json';
  }
}

/** A value to start a new field with: the schema's default, or the least a valid value needs. */
export function initialValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  const kind = fieldKind(schema);
  switch (kind) {
    case 'enum':
      return enumValues(schema)?.[0];
    case 'union':
      return initialValue(unionOptions(schema)[0] ?? {});
    case 'object': {
      const required = requiredOf(schema);
      return Object.fromEntries(properties(schema).flatMap(([k, s]) => (required.has(k) || s.const !== undefined ? [[k, initialValue(s)]] : [])));
    }
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0 ? [initialValue(asSchema(schema.items))] : [];
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'string':
    case 'text':
      return '';
    default:
      return null;
  }
}

/** `userId` → "User id", `timeoutSeconds` → "Timeout seconds". */
export function titleOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function optionLabel(option: JsonSchema, discriminator: string | undefined): string {
  const tag = discriminator === undefined ? undefined : constOf(option, discriminator);
  const description = typeof option.description === 'string' ? option.description : undefined;
  if (typeof tag === 'string') return description !== undefined ? `${tag} — ${description}` : tag;
  return description ?? (typeof option.type === 'string' ? option.type : 'option');
}
