/**
 * What the connection form needs from a connector's JSON Schemas and the API's answers: the secret
 * fields to offer (across the options of a union: "a token, or a client secret"), which settings
 * are free-form maps edited as JSON, and refusals sorted to the field they name.
 */
import type { ProblemView } from '../api/schemas.ts';
import { isRecord, properties, requiredOf, unionOptions, type JsonSchema } from '../editor/inspector/jsonSchema.ts';

export interface SecretField {
  name: string;
  schema: JsonSchema;
  /** Required in every shape the secrets may take. */
  required: boolean;
  /** A plain string (a password input); otherwise the value is written as JSON. */
  text: boolean;
}

export function secretFieldsOf(schema: JsonSchema): SecretField[] {
  const shapes = unionOptions(schema).length > 0 ? unionOptions(schema) : [schema];
  const fields = new Map<string, SecretField>();
  for (const shape of shapes) {
    const required = requiredOf(shape);
    for (const [name, field] of properties(shape)) {
      const seen = fields.get(name);
      fields.set(name, { name, schema: field, required: (seen?.required ?? true) && required.has(name) && shapes.length === 1, text: field.type === 'string' });
    }
  }
  return [...fields.values()];
}

/** An object whose keys are free (HTTP headers): no fixed fields to draw, so it is edited as JSON. */
export function isMapSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' && properties(schema).length === 0 && isRecord(schema.additionalProperties);
}

/** The settings that are drawn as fields, and the ones edited as JSON. */
export function splitSettings(schema: JsonSchema): { fields: JsonSchema; maps: [string, JsonSchema][] } {
  const all = properties(schema);
  const maps = all.filter(([, s]) => isMapSchema(s));
  const fields = { ...schema, properties: Object.fromEntries(all.filter(([, s]) => !isMapSchema(s))) };
  return { fields, maps };
}

export interface FormProblems {
  /** By setting path, as the schema form reads them: `host`, `tls.ca`. */
  config: Record<string, string>;
  secrets: Record<string, string>;
  /** `id`, `name`, `kind`. */
  top: Record<string, string>;
  /** Refusals that name no field. */
  other: string[];
}

export function sortProblems(details: readonly ProblemView[]): FormProblems {
  const out: FormProblems = { config: {}, secrets: {}, top: {}, other: [] };
  for (const { path, message } of details) {
    const [, section, ...rest] = path.split('.');
    const field = rest.join('.');
    if (path.startsWith('body.config.') && field !== '') out.config[field] = message;
    else if (path.startsWith('body.secrets.') && field !== '') out.secrets[field] = message;
    else if (section !== undefined && rest.length === 0 && path.startsWith('body.') && ['id', 'name', 'kind'].includes(section)) out.top[section] = message;
    else out.other.push(path === '' ? message : `${path}: ${message}`);
  }
  return out;
}

/** Parses the JSON of a map or non-text secret; a message when it is not an object of strings. */
export function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) return { ok: false, message: 'write a JSON object, e.g. {"X-Tenant": "acme"}' };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
