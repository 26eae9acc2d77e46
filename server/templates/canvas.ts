/**
 * Small builders the built-in templates share: nodes placed on a grid (so the designer opens them
 * laid out and readable), edges named after their ends, settings as run variables, and the email
 * pieces. Templates are data (Definitions); nothing here runs or touches a target.
 */
import type { DefinitionInput, Duration, ParamValue, TopLevelCondition } from '../../workflows/dsl/index.ts';

type NodeInput = DefinitionInput['nodes'][number];
type EdgeInput = DefinitionInput['edges'][number];

/**
 * The connection ids the templates name. Create connections with these ids (POST /api/connections)
 * and the templates work as they are; or edit each step's connection in the designer.
 */
export const templateConnections = {
  /** Active Directory (kind ad). */
  ad: 'ad',
  /** Microsoft Entra ID (kind entra). */
  entra: 'entra',
  /** The SCIM app (kind scim). */
  app: 'app',
  /** SMTP for notifications (kind email). */
  mail: 'mail',
  /** HR write-back (kind hr). */
  hr: 'hr',
} as const;

/** Grid cell to canvas position: columns are branches, rows the order of steps. */
export function cell(column: number, row: number): { x: number; y: number } {
  return { x: 80 + column * 300, y: 40 + row * 110 };
}

export const expr = (expression: string): ParamValue => ({ expression });

/** An HR attribute that is left out of the step when HR has no value for it. */
export const optional = (attribute: string): ParamValue => expr(`IgnoreFlowIfNullOrEmpty([${attribute}])`);

/**
 * How a template's step against a target retries. The language's default (5 attempts from 1 s,
 * doubling) gives up after about 15 s, so a directory restarted for maintenance, a failover or a
 * minute of throttling would fail every hire in flight. Attempts back off to one a minute and go on
 * for about six minutes; what retrying cannot fix (refused credentials, a value the target rejects)
 * fails at once all the same.
 */
export const targetRetry = { maximumAttempts: 12, initialIntervalSeconds: 1, backoffCoefficient: 2, maximumIntervalSeconds: 60 } as const;

export class Canvas {
  readonly nodes: NodeInput[] = [];
  readonly edges: EdgeInput[] = [];

  /** Adds a node; give its place with `cell(column, row)`. */
  put(node: NodeInput): string {
    this.nodes.push(node);
    return node.id;
  }

  start(column: number, row: number): string {
    return this.put({ id: 'start', type: 'start', data: { label: 'Start' }, position: cell(column, row) });
  }

  end(id: string, label: string, column: number, row: number): string {
    return this.put({ id, type: 'end', data: { label }, position: cell(column, row) });
  }

  /** A setting the admin edits: a run variable the later steps read as [vars.name]. */
  setting(id: string, label: string, name: string, value: ParamValue, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'action', data: { label, action: 'core.setVariable', params: { name, value }, ...(description !== undefined ? { description } : {}) }, position: cell(column, row) });
  }

  step(id: string, label: string, action: string, connectionId: string | undefined, params: Record<string, ParamValue>, column: number, row: number, extra: { description?: string; continueOnError?: boolean } = {}): string {
    return this.put({ id, type: 'action', data: { label, action, ...(connectionId !== undefined ? { connectionId, retry: { ...targetRetry } } : {}), params, ...extra }, position: cell(column, row) });
  }

  decision(id: string, label: string, rules: { outcome: string; label: string; conditions: TopLevelCondition }[], column: number, row: number, description?: string): string {
    return this.put({ id, type: 'decision', data: { label, rules, ...(description !== undefined ? { description } : {}) }, position: cell(column, row) });
  }

  /** Waits until the person's date attribute (re-armed when HR moves the date). */
  waitUntil(id: string, label: string, attribute: string, column: number, row: number): string {
    return this.put({ id, type: 'wait', data: { label, wait: { kind: 'until', attribute, offsetDays: 0 } }, position: cell(column, row) });
  }

  waitFor(id: string, label: string, duration: Duration, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'wait', data: { label, wait: { kind: 'duration', duration }, ...(description !== undefined ? { description } : {}) }, position: cell(column, row) });
  }

  /** Starts branches that run at the same time; link each branch from it, and meet them at a join. */
  parallel(id: string, label: string, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'parallel', data: { label, ...(description !== undefined ? { description } : {}) }, position: cell(column, row) });
  }

  /** Where parallel branches meet: the run goes on once every branch got here. */
  join(id: string, label: string, column: number, row: number): string {
    return this.put({ id, type: 'join', data: { label }, position: cell(column, row) });
  }

  /** Chains the nodes on their `next` handles. */
  chain(...ids: string[]): void {
    for (let i = 0; i + 1 < ids.length; i++) {
      const source = ids[i];
      const target = ids[i + 1];
      if (source !== undefined && target !== undefined) this.link(source, target);
    }
  }

  link(source: string, target: string, sourceHandle = 'next', label?: string): void {
    this.edges.push({ id: `${source}.${sourceHandle}.${target}`, source, sourceHandle, target, ...(label !== undefined ? { label } : {}) });
  }
}

/** A condition on a run variable: `{ fact: 'vars', path: '$.name', … }`. */
export function varEquals(name: string, value: unknown): TopLevelCondition {
  return { all: [{ fact: 'vars', path: `$.${name}`, operator: 'equal', value }] };
}

/** A condition on an earlier step's output field. */
export function stepEquals(nodeId: string, field: string, value: unknown): TopLevelCondition {
  return { all: [{ fact: 'steps', path: `$.${nodeId}.${field}`, operator: 'equal', value }] };
}

/**
 * JSON text for an email step's `data`, built by an expression: each value is escaped for JSON
 * (backslashes, quotes, control characters), so a name such as O'Brien "the Great" stays data and
 * is HTML-escaped by the email step like any other value.
 */
export function jsonData(person: Readonly<Record<string, string>>): string {
  const escape = (value: string) => `Replace(Replace(Replace(Join("", ${value}), , "[\\x00-\\x1f]", , " ", , ), "\\\\", , , "\\\\\\\\", , ), "\\"", , , "\\\\\\"", , )`;
  const fields = Object.entries(person).map(([name, value], i) => `"${i === 0 ? '' : ','}\\"${name}\\":\\"", ${escape(value)}, "\\""`);
  return `Join("", "{\\"person\\":{", ${fields.join(', ')}, "}}")`;
}

/**
 * Where notifications go: the manager's address from HR, else the address of the manager's own
 * account the manager steps resolved from managerId (server/templates/manager.ts), else the
 * helpdesk mailbox setting.
 */
export const MANAGER_OR_HELPDESK = 'IIF(IsPresent([managerEmail]), [managerEmail], IIF(IsPresent([vars.managerMail]), [vars.managerMail], [vars.helpdeskMailbox]))';
