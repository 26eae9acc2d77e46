/**
 * Small builders the built-in templates share: nodes placed on a grid that reads top to bottom (so
 * the designer opens them laid out and readable), edges named after their ends, settings as run
 * variables, and the email pieces. Templates are data (Definitions); nothing here runs or touches a
 * target.
 */
import { findAction, nodeSchemaUnion, outputHandles, type DefinitionInput, type Duration, type ParamValue, type TopLevelCondition } from '../../workflows/dsl/index.ts';

type NodeInput = DefinitionInput['nodes'][number];
type EdgeInput = DefinitionInput['edges'][number];
/** A node without its position, each node type on its own (Omit over the union would merge them). */
type Unplaced = NodeInput extends infer N ? (N extends NodeInput ? Omit<N, 'position'> : never) : never;

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

/**
 * How tall the designer draws a node, estimated generously from what it shows: the kind line, the
 * label wrapped at the node's width, a two-line summary, and the row of named outputs. The server
 * cannot measure (fonts and wrapping are the browser's), so each grid row is as tall as the
 * tallest estimate in it and the estimate errs high; the designer measures the drawn steps on
 * opening and, should a step still be taller than its row (an admin's longer label), pushes the
 * rows below it down (designer/src/editor/spread.ts). Together: no overlap for any size a node
 * draws, and a seeded template that is already spaced right without the designer.
 */
export function estimatedHeight(node: NodeInput): number {
  const kindLine = 34;
  const labelLines = Math.max(1, Math.ceil((typeof node.data.label === 'string' ? node.data.label.length : 8) / 20));
  const title = 14 + labelLines * 18;
  const summary = node.type === 'action' || node.type === 'decision' || node.type === 'wait' || node.type === 'approval' ? 2 * 16 + 10 : 0;
  const parsed = nodeSchemaUnion.safeParse(node);
  const outputs = parsed.success ? outputHandles(parsed.data) : [];
  const outputRow = outputs.length > 1 || (outputs.length === 1 && outputs[0]?.id !== 'next') ? 28 : 0;
  return kindLine + title + summary + outputRow + 8;
}

/** Columns are branches, 300 px apart for 220 px nodes; rows the order of steps. */
const columnWidth = 300;
/** Between rows: room for an edge to turn and for its label. */
export const rowGap = 56;

/**
 * The row each node ends up in: the row its template gives, or further down when a step that
 * leads to it is not above it, so every edge points down the canvas (a branch beside its decision
 * moves under it). Nodes are visited in the graph's order, so a node that moves takes the steps
 * after it along; two nodes never share a cell.
 */
export function settledRows(placed: readonly { node: NodeInput; column: number; row: number }[], edges: readonly EdgeInput[]): Map<string, number> {
  const rows = new Map(placed.map((p) => [p.node.id, p.row]));
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of edges) {
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
  }
  const waiting = new Map(placed.map((p) => [p.node.id, new Set(incoming.get(p.node.id) ?? []).size]));
  const ready = placed.filter((p) => waiting.get(p.node.id) === 0).map((p) => p.node.id);
  const column = new Map(placed.map((p) => [p.node.id, p.column]));
  const taken = new Set<string>();
  for (let id = ready.shift(); id !== undefined; id = ready.shift()) {
    let row = Math.max(rows.get(id) ?? 0, ...(incoming.get(id) ?? []).map((s) => (rows.get(s) ?? 0) + 1));
    while (taken.has(`${column.get(id) ?? 0}:${row}`)) row++;
    taken.add(`${column.get(id) ?? 0}:${row}`);
    rows.set(id, row);
    for (const next of new Set(outgoing.get(id) ?? [])) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return rows;
}

/** Canvas positions for nodes placed on grid cells, each row as tall as its tallest node. */
export function gridPositions(placed: readonly { node: NodeInput; column: number; row: number }[], edges: readonly EdgeInput[]): Map<string, { x: number; y: number }> {
  const rowOf = settledRows(placed, edges);
  const heights = new Map<number, number>();
  for (const p of placed) {
    const row = rowOf.get(p.node.id) ?? p.row;
    heights.set(row, Math.max(heights.get(row) ?? 0, estimatedHeight(p.node)));
  }
  const tops = new Map<number, number>();
  let y = 40;
  const last = Math.max(0, ...heights.keys());
  for (let row = 0; row <= last; row++) {
    tops.set(row, y);
    // An empty row keeps a little room: templates leave one where an edge passes between branches.
    y += (heights.get(row) ?? 40) + rowGap;
  }
  return new Map(placed.map((p) => [p.node.id, { x: 80 + p.column * columnWidth, y: tops.get(rowOf.get(p.node.id) ?? p.row) ?? 40 }]));
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

/**
 * The connectors whose steps create, change or disable a person's accounts. When one fails after its
 * retries (a directory down for longer than six minutes, a value it refuses), the run waits for an
 * operator — who fixes the cause and retries, skips the step, or gives up — instead of ending: a
 * hire half provisioned is finished from the run page, not by a new HR event. The step's error edge
 * (the helpdesk mail, failure.ts) is taken when the operator gives up or nobody answers in 7 days.
 * Mail and HR write-back steps fail as before: they report, they provision nothing.
 */
const targetConnectors: ReadonlySet<string> = new Set(['ad', 'ldap', 'entra', 'scim']);

export class Canvas {
  private readonly placed: { node: NodeInput; column: number; row: number }[] = [];
  readonly edges: EdgeInput[] = [];

  /** Adds a node in a grid cell; its position follows from the rows' heights (gridPositions). */
  put(node: Unplaced, column: number, row: number): string {
    this.placed.push({ node: { ...node, position: { x: 0, y: 0 } }, column, row });
    return node.id;
  }

  /** The nodes, placed. */
  get nodes(): NodeInput[] {
    const positions = gridPositions(this.placed, this.edges);
    return this.placed.map(({ node }) => ({ ...node, position: positions.get(node.id) ?? node.position }));
  }

  start(column: number, row: number): string {
    return this.put({ id: 'start', type: 'start', data: { label: 'Start' } }, column, row);
  }

  end(id: string, label: string, column: number, row: number): string {
    return this.put({ id, type: 'end', data: { label } }, column, row);
  }

  /** A setting the admin edits: a run variable the later steps read as [vars.name]. */
  setting(id: string, label: string, name: string, value: ParamValue, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'action', data: { label, action: 'core.setVariable', params: { name, value }, ...(description !== undefined ? { description } : {}) } }, column, row);
  }

  /** A step; one against a directory or an app (targetConnectors) waits for an operator when it fails. */
  step(id: string, label: string, action: string, connectionId: string | undefined, params: Record<string, ParamValue>, column: number, row: number, extra: { description?: string; continueOnError?: boolean } = {}): string {
    const target = targetConnectors.has(findAction(action)?.connector ?? '') && extra.continueOnError !== true;
    return this.put({ id, type: 'action', data: { label, action, ...(connectionId !== undefined ? { connectionId, retry: { ...targetRetry } } : {}), ...(target ? { waitForOperator: true } : {}), params, ...extra } }, column, row);
  }

  decision(id: string, label: string, rules: { outcome: string; label: string; conditions: TopLevelCondition }[], column: number, row: number, description?: string): string {
    return this.put({ id, type: 'decision', data: { label, rules, ...(description !== undefined ? { description } : {}) } }, column, row);
  }

  /** Waits until the person's date attribute (re-armed when HR moves the date). */
  waitUntil(id: string, label: string, attribute: string, column: number, row: number): string {
    return this.put({ id, type: 'wait', data: { label, wait: { kind: 'until', attribute, offsetDays: 0 } } }, column, row);
  }

  waitFor(id: string, label: string, duration: Duration, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'wait', data: { label, wait: { kind: 'duration', duration }, ...(description !== undefined ? { description } : {}) } }, column, row);
  }

  /** Starts branches that run at the same time; link each branch from it, and meet them at a join. */
  parallel(id: string, label: string, column: number, row: number, description?: string): string {
    return this.put({ id, type: 'parallel', data: { label, ...(description !== undefined ? { description } : {}) } }, column, row);
  }

  /** Where parallel branches meet: the run goes on once every branch got here. */
  join(id: string, label: string, column: number, row: number): string {
    return this.put({ id, type: 'join', data: { label } }, column, row);
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
