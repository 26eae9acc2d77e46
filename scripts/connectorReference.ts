/**
 * The settings reference for every connector kind (docs/connectors.md), written from the same
 * declarations the API validates connections with and the Connections page draws its forms from.
 * `node scripts/connector-docs.ts` rewrites the file; test/scripts/connectorReference.test.ts fails
 * when it is stale.
 */
import { describeConnectors } from '../activities/connectors.ts';

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const propsOf = (s: Schema): [string, Schema][] => (isSchema(s.properties) ? Object.entries(s.properties).flatMap(([k, v]) => (isSchema(v) ? [[k, v] as [string, Schema]] : [])) : []);
const requiredOf = (s: Schema) => new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
const optionsOf = (s: Schema): Schema[] => (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : []).filter(isSchema).filter((o) => o.type !== 'null');
const code = (v: unknown) => `\`${JSON.stringify(v).replace(/\|/g, '\\|')}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** What a value must look like, from the schema's type and limits. */
function shape(s: Schema): string {
  if (s.const !== undefined) return `exactly ${code(s.const)}`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(code).join(', ')}`;
  const parts: string[] = [];
  const type = typeof s.type === 'string' ? s.type : 'any';
  if (type === 'array' && isSchema(s.items)) parts.push(`list of ${shape(s.items)}`);
  else if (type === 'object' && isSchema(s.additionalProperties)) parts.push(`map of names to ${shape(s.additionalProperties)}`);
  else if (type === 'string' && (s.format === 'uri' || s.format === 'email')) parts.push(s.format === 'uri' ? 'URL' : 'email address');
  else parts.push(type);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === 'number' && typeof max === 'number') parts.push(`${min}–${max}${unit}`);
    else if (typeof min === 'number') parts.push(`at least ${min}${unit}`);
    else if (typeof max === 'number') parts.push(`at most ${max}${unit}`);
  };
  range(s.minimum, s.maximum, '');
  range(s.minLength, s.maxLength, ' characters');
  range(s.minItems, s.maxItems, ' items');
  // An email address's pattern says no more than "an email address"; a text that must include some words says them.
  if (s.format === 'includes' && typeof s.pattern === 'string') parts.push(`containing \`${s.pattern}\``);
  else if (typeof s.pattern === 'string' && s.format !== 'email') parts.push(`matching \`${s.pattern}\``);
  return parts.join(', ');
}

interface Row {
  path: string;
  required: boolean;
  shape: string;
  defaultValue: unknown;
  description: string;
}

/** Every field, nested objects as dotted paths and union options under the value that picks them. */
function rows(schema: Schema, prefix = '', when = ''): Row[] {
  const required = requiredOf(schema);
  return propsOf(schema).flatMap(([key, field]) => {
    const path = `${prefix}${key}`;
    const description = [typeof field.description === 'string' ? field.description : '', when].filter((t) => t !== '').join(' ');
    const own: Row = { path, required: required.has(key), shape: shape(field), defaultValue: field.default, description };
    const options = optionsOf(field);
    if (options.length > 0) {
      const tag = propsOf(options[0] ?? {}).find(([k]) => options.every((o) => isSchema(o.properties) && isSchema(o.properties[k]) && o.properties[k].const !== undefined))?.[0];
      const head: Row = { ...own, shape: tag !== undefined ? `object, by \`${tag}\`: ${options.map((o) => code(isSchema(o.properties) && isSchema(o.properties[tag]) ? o.properties[tag].const : null)).join(' or ')}` : 'one of the shapes below' };
      return [
        head,
        ...options.flatMap((o) => {
          const tagValue = tag !== undefined && isSchema(o.properties) && isSchema(o.properties[tag]) ? o.properties[tag].const : undefined;
          return rows(o, `${path}.`, tagValue !== undefined ? `(when \`${tag}\` is ${code(tagValue)})` : '').filter((r) => r.path !== `${path}.${tag ?? ''}`);
        }),
      ];
    }
    if (field.type === 'object' && propsOf(field).length > 0) return [{ ...own, shape: 'object' }, ...rows(field, `${path}.`, when)];
    return [own];
  });
}

function table(schema: Schema, what: string): string {
  const options = optionsOf(schema);
  if (options.length > 0) {
    return options.map((o, i) => `${what}, form ${i + 1} of ${options.length}:\n\n${table(o, what)}`).join('\n\n');
  }
  const list = rows(schema);
  if (list.length === 0) return `No ${what.toLowerCase()}.`;
  const lines = ['| Field | Required | Value | Default | Notes |', '|---|---|---|---|---|'];
  for (const r of list) lines.push(`| \`${r.path}\` | ${r.required ? 'yes' : ''} | ${cell(r.shape)} | ${r.defaultValue === undefined ? '' : cell(code(r.defaultValue))} | ${cell(r.description)} |`);
  return lines.join('\n');
}

export function renderConnectorReference(): string {
  const connectors = [...describeConnectors()].sort((a, b) => a.kind.localeCompare(b.kind));
  const parts = [
    '# Connector settings',
    '',
    '<!-- Generated from each connector\'s declaration (activities/*/connector.ts) by `node scripts/connector-docs.ts`; do not edit by hand. -->',
    '',
    'Every connection has an `id` (what steps name), a `kind`, a `name`, `config` (the settings below) and',
    '`secrets`. Secrets are stored encrypted and are write-only: the API answers with the names of the',
    'secret fields that are set, never their values. An edit that leaves a secret out keeps the stored one.',
    'Create, edit and test connections on the Connections page, or with `POST /api/connections`,',
    '`PUT /api/connections/:id` and `POST /api/connections/:id/test`. `GET /api/connectors` serves these',
    'same declarations as JSON Schema.',
    '',
    ...connectors.map((c) => `- [${c.label}](#${c.kind}) — kind \`${c.kind}\``),
  ];
  for (const c of connectors) {
    parts.push('', `## <a id="${c.kind}"></a>${c.label} (\`${c.kind}\`)`, '', '### Settings (`config`)', '', table(c.config, 'Settings'), '', '### Secrets (`secrets`)', '', table(c.secrets, 'Secrets'));
  }
  return `${parts.join('\n')}\n`;
}
