/**
 * What the built-in templates expect to exist before they are published, read from the templates
 * themselves (server/templates/, as seeded) and the default mappings they use
 * (workflows/dsl/mappings.ts): the connections their steps name and what each step does there, the
 * settings, the AD OUs and groups, the attributes written to each target, and the HR attributes they
 * read. A section of docs/hr.md (scripts/hrReference.ts); nothing here runs a template.
 */
import { parseExpression, referencedAttributes } from '../workflows/dsl/expressions/index.ts';
import { findAction, type Definition } from '../workflows/dsl/index.ts';
import { DEFAULT_OU, defaultEmployeeTypeGroup, departmentGroups, departmentOus, employeeTypeGroups, locationGroups, MANAGED_GROUPS, managerGroup, mappingVariables, OU_BY_DEPARTMENT, RULE_GROUPS } from '../workflows/dsl/mappings.ts';
import { adConfig } from '../activities/ad/connector.ts';
import { adProfile } from '../activities/ad/profile.ts';
import { entraConfig } from '../activities/entra/connector.ts';
import { builtInTemplates } from '../server/templates/seed.ts';

type Node = Definition['nodes'][number];
type ActionNode = Extract<Node, { type: 'action' }>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const list = (items: readonly string[]) => items.map(code).join(', ');

interface Step {
  template: Definition;
  node: ActionNode;
}

function actionSteps(templates: readonly Definition[]): Step[] {
  return templates.flatMap((template) => template.nodes.flatMap((node) => (node.type === 'action' ? [{ template, node }] : [])));
}

/** Every `fact` a rule reads, at any depth of its conditions. */
function facts(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) facts(v, into);
  else if (isRecord(value)) {
    if (typeof value.fact === 'string') into.add(value.fact);
    for (const v of Object.values(value)) facts(v, into);
  }
  return into;
}

/** The person attributes a template reads: in expressions, its trigger, its waits and its rules. */
export function attributesRead(template: Definition): string[] {
  const names = new Set<string>();
  const fromExpression = (expression: string) => {
    const parsed = parseExpression(expression);
    // A template is validated when it is seeded; an expression that does not parse here is a defect.
    if (!parsed.ok) throw new Error(`${template.id}: an expression does not parse: ${expression}`);
    for (const name of referencedAttributes(parsed.ast)) names.add(name);
  };
  for (const node of template.nodes) {
    if (node.type === 'action') for (const p of Object.values(node.data.params)) if (isRecord(p) && typeof p.expression === 'string') fromExpression(p.expression);
    if (node.type === 'wait' && node.data.wait.kind === 'until') names.add(node.data.wait.attribute);
    if (node.type === 'decision') facts(node.data.rules, names);
  }
  if (template.trigger.date) names.add(template.trigger.date.attribute);
  for (const a of template.trigger.changedAttributes ?? []) names.add(a);
  // Run variables, earlier steps' outputs and rule facts about them are not the person's attributes.
  return [...names].filter((n) => !n.includes('.') && n !== 'vars' && n !== 'steps').sort();
}

function connectionsTable(steps: readonly Step[]): string {
  const byConnection = new Map<string, Step[]>();
  for (const s of steps) {
    const id = s.node.data.connectionId;
    if (id !== undefined) byConnection.set(id, [...(byConnection.get(id) ?? []), s]);
  }
  const lines = ['| Connection id | Kind | Used by | What the steps do there |', '|---|---|---|---|'];
  for (const [id, uses] of [...byConnection].sort(([a], [b]) => a.localeCompare(b))) {
    const kinds = [...new Set(uses.map((u) => findAction(u.node.data.action)?.connector ?? '?'))];
    const templates = [...new Set(uses.map((u) => u.template.id))];
    const actions = [...new Set(uses.map((u) => u.node.data.action))].sort();
    lines.push(`| ${code(id)} | ${list(kinds)} | ${list(templates)} | ${cell(actions.map((a) => `${code(a)} (${findAction(a)?.label ?? 'unknown action'})`).join(', '))} |`);
  }
  return lines.join('\n');
}

function settingsTable(steps: readonly Step[]): string {
  const settings = new Map<string, { value: unknown; description: string; templates: string[] }>();
  for (const s of steps) {
    if (!s.node.id.startsWith('setting-') || s.node.data.action !== 'core.setVariable') continue;
    const name = s.node.data.params.name;
    if (typeof name !== 'string') continue;
    const value = s.node.data.params.value;
    const seen = settings.get(name);
    settings.set(name, { value: isRecord(value) && typeof value.expression === 'string' ? `= ${value.expression}` : value, description: s.node.data.description ?? '', templates: [...(seen?.templates ?? []), s.template.id] });
  }
  const lines = ['| Setting | Default | Used by | What it is |', '|---|---|---|---|'];
  for (const [name, s] of [...settings].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${code(name)} | ${code(typeof s.value === 'string' ? s.value : JSON.stringify(s.value))} | ${list(s.templates)} | ${cell(s.description)} |`);
  }
  return lines.join('\n');
}

/** The templates and steps whose parameter is exactly this expression (or list). */
function usesOf(steps: readonly Step[], action: string, param: string, matches: (v: unknown) => boolean): string {
  const found = steps.filter((s) => s.node.data.action === action && matches(s.node.data.params[param]));
  return [...new Set(found.map((s) => `${s.template.id} (${s.node.data.label ?? s.node.id})`))].join('; ');
}

const isExpression = (expression: string) => (v: unknown) => isRecord(v) && v.expression === expression;

/** The parameters each create step sets on a target, by action. */
function writtenAttributes(steps: readonly Step[], action: string): string {
  const names = new Set(steps.filter((s) => s.node.data.action === action).flatMap((s) => Object.keys(s.node.data.params)));
  return list([...names]);
}

export function renderTemplateExpectations(): string {
  const templates = builtInTemplates();
  const steps = actionSteps(templates);
  const base = steps.find((s) => s.node.data.params.name === mappingVariables.directoryBase)?.node.data.params.value;
  const baseDn = typeof base === 'string' ? base : `[vars.${mappingVariables.directoryBase}]`;

  const ous = ['| Department (HR `department`) | OU (under the `directoryBase` setting, here its default) |', '|---|---|'];
  for (const [department, ou] of Object.entries(departmentOus)) ous.push(`| ${code(department)} | ${code(`${ou},${baseDn}`)} |`);
  ous.push(`| anything else, or none | ${code(`${DEFAULT_OU},${baseDn}`)} |`);

  const groups = ['| AD group | Given to a person whose |', '|---|---|'];
  for (const [value, group] of Object.entries(departmentGroups)) groups.push(`| ${code(group)} | \`department\` is ${code(value)} |`);
  groups.push(`| ${code(managerGroup)} | \`title\` contains "Manager" (any case) |`);
  for (const [value, group] of Object.entries(locationGroups)) groups.push(`| ${code(group)} | \`location\` is ${code(value)} |`);
  const typeGroups = new Map<string, string[]>();
  for (const [value, group] of Object.entries(employeeTypeGroups)) typeGroups.set(group, [...(typeGroups.get(group) ?? []), `\`employeeType\` is ${code(value)}`]);
  typeGroups.set(defaultEmployeeTypeGroup, [...(typeGroups.get(defaultEmployeeTypeGroup) ?? []), '`employeeType` is anything else, or none']);
  for (const [group, when] of typeGroups) groups.push(`| ${code(group)} | ${when.join(', or ')} |`);

  // What the connections match on unless an admin sets otherwise: read from their declarations.
  const ad = adProfile(adConfig.parse({ url: 'ldaps://dc.example.com', baseDn: baseDn.startsWith('[') ? 'DC=example,DC=com' : baseDn }));
  const entraAnchor = entraConfig.shape.anchorAttribute.parse(undefined);
  const scimMatch = [...new Set(steps.flatMap((s) => (s.node.data.action === 'scim.findUser' && typeof s.node.data.params.by === 'string' ? [s.node.data.params.by] : [])))];
  const readBy = templates.map((t) => `- ${code(t.id)}: ${list(attributesRead(t))}`);

  return [
    '## <a id="templates"></a>What the built-in templates expect to exist',
    '',
    `The ${templates.length} templates Tenure seeds as drafts (\`server/templates/\`: ${list(templates.map((t) => t.id))}) name connections by id and read run`,
    'settings, OUs and groups that must exist before they are published. Everything below is read from the',
    'templates as they are seeded; an admin who edits a draft changes what their copy expects.',
    '',
    '### <a id="connections"></a>Connections',
    '',
    'Create connections with these ids (`POST /api/connections`, settings in [connectors.md](connectors.md)),',
    'or pick others per step in the designer.',
    '',
    connectionsTable(steps),
    '',
    '### <a id="settings"></a>Settings',
    '',
    'Each template starts with settings steps: run variables an admin edits once, shown in simulation and',
    'pinned by a revision.',
    '',
    settingsTable(steps),
    '',
    '### <a id="ad-objects"></a>Active Directory: OUs and groups that must exist',
    '',
    `The OU of an account, by department (${usesOf(steps, 'ad.createUser', 'ou', isExpression(OU_BY_DEPARTMENT))}; moved by ${usesOf(steps, 'ad.moveUser', 'ou', isExpression(OU_BY_DEPARTMENT))}):`,
    '',
    ous.join('\n'),
    '',
    `The rule-based groups (added by ${usesOf(steps, 'ad.addToGroups', 'groups', isExpression(RULE_GROUPS))}):`,
    '',
    groups.join('\n'),
    '',
    `These ${MANAGED_GROUPS.length} groups are the *managed* groups: the Mover removes those the rules no longer give and the Leaver`,
    `removes all of them (${usesOf(steps, 'ad.removeFromGroups', 'groups', (v) => Array.isArray(v) && v.length === MANAGED_GROUPS.length && MANAGED_GROUPS.every((g) => v.includes(g)))}); a group added by hand is never removed.`,
    `A group is found by its name (${list(ad.groupNameAttributes)}, without regard to case) under the AD connection's base DN; a name that`,
    'finds no group, or several, fails the step. AD accounts are matched on the connection\'s anchor attribute',
    `(${code(ad.anchorAttribute)} unless the connection names another), which holds the HR employee id; the manager is the AD account whose`,
    'anchor is the person\'s `managerId`.',
    '',
    `The parameters the templates create an AD account with (\`ad.createUser\`): ${writtenAttributes(steps, 'ad.createUser')}.`,
    '',
    '### <a id="entra-objects"></a>Microsoft Entra ID',
    '',
    'Besides the app registration the connection signs in with ([connectors.md](connectors.md#entra)), nothing has to',
    'be created in Entra ID beforehand except what the settings name: a verified domain',
    '(`upnSuffix`), the helpdesk mailbox (`helpdeskMailbox`, which also sends Temporary Access Passes) and',
    'the licenses a leaver loses (`licenseSkuIds`). Users are matched on the connection\'s anchor attribute',
    `(${code(entraAnchor)} unless the connection names another), which holds the HR employee id; the manager is the Entra ID user whose anchor`,
    'is the person\'s `managerId`, set only when that user exists and is enabled. The Leaver removes every group',
    'membership, so no Entra group has to exist.',
    '',
    `The parameters the templates create an Entra ID user with (\`entra.createUser\`): ${writtenAttributes(steps, 'entra.createUser')}.`,
    '',
    '### <a id="scim-app"></a>The SCIM app',
    '',
    `The app must serve SCIM 2.0 \`/Users\`. Accounts are found by ${list(scimMatch)}, which holds the HR employee id.`,
    '',
    `The parameters the templates create an app account with (\`scim.createUser\`): ${writtenAttributes(steps, 'scim.createUser')}.`,
    '',
    '### <a id="attributes-read"></a>HR attributes the templates read',
    '',
    ...readBy,
  ].join('\n');
}
