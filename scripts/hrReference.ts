/**
 * The HR input reference (docs/hr.md), written from the code that reads HR input: the SCIM mapping
 * declaration (server/hr/scimUser.ts), the derivation of events from states (workflows/dsl/hrDiff.ts,
 * server/hr/hireDate.ts), the CSV snapshot format (server/hr/csvSnapshot.ts), the text rules
 * (workflows/dsl/text.ts, workflows/dsl/hr.ts) and the built-in templates (scripts/templateExpectations.ts).
 * Tables come from those declarations; examples are produced by running the same functions the
 * routes run, so an example cannot say what the code does not do. `node scripts/hr-docs.ts`
 * rewrites the file; test/scripts/hrReference.test.ts fails when it is stale.
 */
import { CsvInvalid, csvSnapshotFormat, decodeSnapshot, parseSnapshot } from '../server/hr/csvSnapshot.ts';
import { applyHireDatePolicy, defaultHireDatePolicy, hireDateAttribute, hireDatePolicies, hireDatePolicyEffects } from '../server/hr/hireDate.ts';
import { maxOperations, readOperation } from '../server/hr/scimBulk.ts';
import { coreUserSchemaUrn, defaultEmployeeIdSource, employeeIdPaths, employeeIdSources, enterpriseUserUrn, readScimUser, scimAttributeMap, tenureUserUrn } from '../server/hr/scimUser.ts';
import { deriveAbsent, deriveChange, type DerivedChange, type KnownState } from '../workflows/dsl/hrDiff.ts';
import { dateAttributePattern, formatPath, hrEventSchema, hrLimits, hrTextSchema, lifecycleStates, type LifecycleState } from '../workflows/dsl/index.ts';
import { controlCharacterRanges, employeeIdCleaning, freeTextControls, hrTextCleaning, hrValueCleaning, textKinds } from '../workflows/dsl/text.ts';
import { renderTemplateExpectations } from './templateExpectations.ts';

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const list = (items: readonly string[]) => items.map(code).join(', ');
const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
/** Text as the doc can show it: invisible and combining characters as `\u` escapes of four hex digits. */
const shown = (text: string) => JSON.stringify(text).replace(/[\p{M}\p{Cf}]|(?! )\p{Zs}/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
const json = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A fixed "now" for the examples, so the doc does not change from day to day. */
const exampleNow = new Date('2027-01-04T09:30:00Z');

function intro(): string {
  const mib = csvSnapshotFormat.maxBytes / (1024 * 1024);
  return [
    '# HR input',
    '',
    '<!-- Generated from the code that reads HR input (server/hr/, workflows/dsl/) and from the built-in templates (server/templates/) by `node scripts/hr-docs.ts`; do not edit by hand. -->',
    '',
    'Three channels bring HR data into Tenure, and all of them end as HR events handed to the person',
    'workflows (see [HR inbound](hr-inbound.md#hr-events-and-people)):',
    '',
    '| Channel | Route | Carries |',
    '|---|---|---|',
    '| Webhook | `POST /api/hr/events` | one event, `{ eventId, type, employeeId, effectiveAt?, attributes }`: the type is stated, and the event is taken as sent |',
    `| SCIM bulk | \`POST /api/inbound/scim/bulkUpload\` | a SCIM 2.0 BulkRequest (\`application/scim+json\`) of at most ${maxOperations} \`POST /Users\` operations, as Microsoft Entra API-driven inbound provisioning sends it: each states a worker, and Tenure derives the event |`,
    `| CSV snapshot | \`POST /api/hr/imports\` | every worker of an HR source, one per line (${list(csvSnapshotFormat.mediaTypes)}, at most ${mib} MiB): each line states a worker, a worker no longer listed has left |`,
    '',
    '- [SCIM attribute mapping](#scim)',
    '- [From a record to an event](#derive)',
    '- [CSV snapshot format](#csv)',
    '- [Text rules for every channel](#hygiene)',
    '- [Unknown attributes](#unknown)',
    '- [What the built-in templates expect to exist](#templates)',
  ].join('\n');
}

const schemaOf = (scim: string) => (scim.startsWith(`${enterpriseUserUrn}:`) ? 'enterprise' : scim.startsWith(`${tenureUserUrn}:`) ? 'Tenure' : 'core');
const withoutUrn = (scim: string) => scim.replace(`${enterpriseUserUrn}:`, '').replace(`${tenureUserUrn}:`, '');

function scim(): string {
  const rows = ['| Tenure attribute | Schema | SCIM attribute | Also read from a custom extension\'s |', '|---|---|---|---|'];
  for (const m of scimAttributeMap) rows.push(`| ${code(m.attribute)} | ${schemaOf(m.scim)} | ${code(withoutUrn(m.scim))} | ${'aliases' in m ? list(m.aliases) : ''} |`);
  const ids = ['| `?employeeIdFrom=` | The employee id is |', '|---|---|'];
  for (const source of employeeIdSources) ids.push(`| ${code(source)}${source === defaultEmployeeIdSource ? ' (default)' : ''} | ${code(formatPath(employeeIdPaths[source]))} |`);

  const example = {
    schemas: [coreUserSchemaUrn, enterpriseUserUrn, 'urn:ietf:params:scim:schemas:extension:acme:1.0:User'],
    externalId: 'E1001',
    userName: 'ada.lovelace@example.com',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
    title: 'Engineer',
    emails: [{ type: 'work', value: 'ada.lovelace@example.com', primary: true }],
    addresses: [{ type: 'work', locality: 'London', country: 'GB' }],
    ims: [{ type: 'work', value: 'ada' }],
    [enterpriseUserUrn]: { employeeNumber: '1001', department: 'Engineering', manager: { value: 'E0042', displayName: 'Charles Babbage' } },
    'urn:ietf:params:scim:schemas:extension:acme:1.0:User': { employeeHireDate: '2027-01-04', badgeNumber: 'B-7' },
  };
  const read = readScimUser(example, defaultEmployeeIdSource, ['data']);

  return [
    '## <a id="scim"></a>SCIM attribute mapping',
    '',
    `Each operation's \`data\` is a SCIM User. Its \`schemas\` lists the schemas it uses (at least \`${coreUserSchemaUrn}\`).`,
    'One declaration (`scimAttributeMap` in `server/hr/scimUser.ts`) says which SCIM attribute becomes which Tenure',
    'attribute; paths are written as Entra\'s attribute mapping writes them. Schemas: core is',
    `\`${coreUserSchemaUrn}\`, enterprise is \`${enterpriseUserUrn}\`, Tenure is \`${tenureUserUrn}\`.`,
    'A multi-valued attribute is read by its `type`; an untyped e-mail or address that is the only one, or',
    'the primary one, counts as the work one.',
    '',
    rows.join('\n'),
    '',
    '**Custom extensions.** Every other schema in the user whose key starts with `urn:` is a custom extension',
    '(Entra sends one for the attributes your HR adds). Each of its values (a string, number, boolean, `null` or',
    'list of strings) becomes the Tenure attribute of the same name, except the names in the last column',
    '(matched without regard to case), which become that row\'s attribute: `employeeHireDate` in any custom',
    'extension is `hireDate`. When a standard schema already gave an attribute, the standard one wins.',
    '',
    '**The employee id** matches the record to a person (Entra\'s matching attribute). It is read from the',
    'attribute the request names, and must be present:',
    '',
    ids.join('\n'),
    '',
    '**`active`** says whether HR counts the worker as working here; left out, the record does not say',
    '(see [From a record to an event](#derive)).',
    '',
    'Read backwards, the same declaration turns a person\'s attributes into a SCIM User (`toScimUser`): each',
    `mapped attribute to its path, every other attribute under \`${tenureUserUrn}\`.`,
    '',
    'For example, this operation `data`:',
    '',
    json(example),
    '',
    'is read as this worker (`ims` and `name.formatted` have no row in the table and are not kept; the',
    'manager\'s `displayName` neither):',
    '',
    json(read.ok ? read.worker : read.problems),
  ].join('\n');
}

const stateLabel = (state: LifecycleState | undefined) => (state === undefined ? 'not known to Tenure' : code(state));

function outcome(change: DerivedChange): string {
  if (change.kind === 'event') return `\`${change.type}\``;
  if (change.kind === 'skipped') return `nothing (${change.reason})`;
  return 'nothing';
}

function derive(): string {
  const states: (LifecycleState | undefined)[] = [undefined, ...lifecycleStates];
  const known = (state: LifecycleState | undefined, attributes: Record<string, string> = { department: 'Sales' }): KnownState | undefined => (state === undefined ? undefined : { state, attributes });
  const stated = (active: boolean | undefined, department: string) => ({ employeeId: 'E1', active, attributes: { department } });
  const rows = ['| Tenure knows the person as | HR says `active: true` | HR says `active: false` | HR does not say |', '|---|---|---|---|'];
  for (const state of states) {
    const cells = [true, false, undefined].map((active) => {
      const same = outcome(deriveChange(known(state), stated(active, 'Sales')));
      const changed = outcome(deriveChange(known(state), stated(active, 'Engineering')));
      return same === changed ? same : `${changed} when a value changed, else ${same}`;
    });
    rows.push(`| ${stateLabel(state)} | ${cells.map(cell).join(' | ')} |`);
  }
  const cancel = deriveChange({ state: 'leaver', attributes: { lastDay: '2027-02-01' } }, { employeeId: 'E1', active: undefined, attributes: { lastDay: '' } });
  const absent = ['| A person the snapshot no longer lists, known as | Event |', '|---|---|'];
  for (const state of lifecycleStates) absent.push(`| ${code(state)} | ${outcome(deriveAbsent({ state, attributes: {} }))} |`);

  const update = deriveChange({ state: 'active', attributes: { department: 'Sales', title: 'Engineer', location: 'Berlin' } }, { employeeId: 'E1', active: true, attributes: { department: 'Engineering', title: 'Engineer', location: '' } });

  const policies = ['| `TENURE_HIRE_WITHOUT_DATE` | The record | The person | What Tenure notes (a hire arriving on 2027-01-04) |', '|---|---|---|---|'];
  for (const policy of hireDatePolicies) {
    const applied = applyHireDatePolicy(policy, 'hire', {}, { givenName: 'Ada' }, exampleNow);
    const effect = hireDatePolicyEffects[policy];
    policies.push(`| ${code(policy)}${policy === defaultHireDatePolicy ? ' (default)' : ''} | ${cell(effect.record)} | ${cell(effect.person)} | ${cell(applied.refused ?? applied.note ?? '')} |`);
  }
  const past = applyHireDatePolicy(defaultHireDatePolicy, 'hire', {}, { [hireDateAttribute]: '2026-12-01' }, exampleNow);

  return [
    '## <a id="derive"></a>From a record to an event',
    '',
    'SCIM bulk operations and CSV lines state what a worker looks like now, not what happened. Tenure compares',
    'each with what it knows of the person (the people table, with the person\'s events accepted in the last',
    '24 hours replayed over it, and earlier records of the same batch) and derives the event',
    '(`workflows/dsl/hrDiff.ts`). Attributes compare by value: empty values are all alike and `"4130"` equals',
    '`4130`, so a snapshot sent again every night derives nothing.',
    '',
    rows.join('\n'),
    '',
    `A \`leaver\` whose \`lastDay\` HR clears (sends it empty) while not saying \`active: false\` derives ${outcome(cancel)}: the termination is withdrawn.`,
    '',
    'A hire carries every attribute with a value; a rehire the same, and the attributes HR cleared as `null`;',
    'an update or a terminate carries only the attributes that changed, a cleared one as `null`. For example,',
    'a person known as `active` with `department: "Sales"`, `title: "Engineer"`, `location: "Berlin"`, stated',
    'as `active: true` with `department: "Engineering"`, `title: "Engineer"`, `location: ""`, derives:',
    '',
    json(update.kind === 'event' ? { type: update.type, attributes: update.attributes } : update),
    '',
    'A CSV snapshot lists every worker of its source, so a known person it no longer lists has left:',
    '',
    absent.join('\n'),
    '',
    'Each derived event gets an id that hashes what it says and what Tenure knew, so the same batch sent',
    'twice delivers nothing new. A batch that would disable (`terminate` or `cancel`) too many people is held',
    'until an admin approves it (`POST /api/hr/imports/:id/approve`).',
    '',
    '### <a id="hire-date"></a>Hires without a hire date',
    '',
    'The built-in Joiner and Rehire start on `hireDate`. What a derived hire or rehire without one means is',
    '`TENURE_HIRE_WITHOUT_DATE` (`server/hr/hireDate.ts`); a webhook event is taken as sent:',
    '',
    policies.join('\n'),
    '',
    `A hire date in the past takes effect at once under every policy: ${code(past.note ?? '')}.`,
  ].join('\n');
}

function csv(): string {
  const f = csvSnapshotFormat;
  const columns = [
    '| Column | Required | Value |',
    '|---|---|---|',
    `| ${code(f.idColumn)} | yes | the worker's employee id (the [rules of every employee id](#hygiene)); each worker on one line only |`,
    `| ${code(f.activeColumn)} | no | ${list(f.activeValues.true)} (working here) or ${list(f.activeValues.false)} (not), without regard to case; empty: the line does not say |`,
    `| any other name | no | the Tenure attribute of that name (see the [SCIM mapping](#scim) for the usual names). An empty cell clears the attribute. A column whose name matches \`${dateAttributePattern.source}\` holds a date, \`YYYY-MM-DD\` or an ISO timestamp |`,
  ];
  const sample = ['employeeId,givenName,surname,department,title,hireDate,active', 'E1001,Ada,Lovelace,Engineering,Engineer,2027-01-04,true', 'E1002,Grace,"Hopper, Jr.",Sales,,,no', ''].join('\n');
  const good = parseSnapshot(sample);
  const bad = ['employeeId,surname,hireDate,active', 'E1003,Turing,next Monday,maybe', ''].join('\n');
  const refused = parseSnapshot(bad);
  // Renée with é saved as Latin-1 (one byte, E9), as a spreadsheet saving "CSV" in a Western locale does.
  const latin1 = Buffer.concat([Buffer.from('employeeId,givenName,surname\nE1004,Ada,Lovelace\nE1005,Ren'), Buffer.from([0xe9]), Buffer.from('e,Descartes\n')]);
  let notUtf8: unknown;
  try {
    decodeSnapshot(latin1);
  } catch (error) {
    if (!(error instanceof CsvInvalid)) throw error;
    notUtf8 = error.problems;
  }
  if (notUtf8 === undefined) throw new Error('a Latin-1 snapshot was read as UTF-8');

  return [
    '## <a id="csv"></a>CSV snapshot format',
    '',
    `\`POST /api/hr/imports\` takes a snapshot of every worker of a source: \`Content-Type\` ${list(f.mediaTypes)}, UTF-8 (a byte-order`,
    `mark is skipped), at most ${f.maxBytes / (1024 * 1024)} MiB. \`?dryRun=true\` shows the derived events without sending them;`,
    '`GET /api/hr/imports/:id` shows the progress. The first line names the columns, by their Tenure attribute',
    `names, in any order. A column name has 1 to ${f.maxColumnNameLength} characters, no control or format character, and appears once.`,
    '',
    columns.join('\n'),
    '',
    'Fields follow RFC 4180: a field with a comma, a quote or a line break is quoted, and a quote inside it is',
    'doubled (`""`). Empty lines are skipped.',
    '',
    '**A file whose structure is broken is refused whole** (`400 invalid_csv`, with every problem\'s line and',
    `column, at most ${f.maxReported}): a quote left open, a header without \`${f.idColumn}\`, or a line with more or fewer fields than the`,
    'header, since shifted columns would put one worker\'s values on another. **A line whose values are wrong is',
    'left out** (its `line`, `column` and `columnName` are reported) and the other lines are imported; a line',
    'left out does not make its worker absent.',
    '',
    '**A file that is not UTF-8 is refused whole** as well (`400 invalid_csv`), naming the line and column of its',
    'first byte that is not UTF-8: read leniently, such bytes would become U+FFFD in someone\'s name unseen. A',
    'snapshot whose line 3 is `E1005,Renée,Descartes` saved as Latin-1 (é as the one byte `E9`) is refused with:',
    '',
    json(notUtf8),
    '',
    'For example, this snapshot:',
    '',
    ['```csv', sample.trimEnd(), '```'].join('\n'),
    '',
    'states these workers:',
    '',
    json(good.rows.map((r) => ({ line: r.line, ...r.worker }))),
    '',
    'and this line is left out, with these problems:',
    '',
    ['```csv', bad.trimEnd(), '```'].join('\n'),
    '',
    json(refused.invalid.flatMap((r) => r.problems)),
  ].join('\n');
}

function hygiene(): string {
  const ranges = controlCharacterRanges.map(([from, to]) => `${hex(from)}–${hex(to)}`).join(' and ');
  const kinds = ['| Text | Where | Tab, line feed, carriage return | Format characters (Unicode Cf: byte-order mark, zero-width space, joiners) |', '|---|---|---|---|'];
  for (const [name, kind] of Object.entries(textKinds)) kinds.push(`| ${code(name)} | ${cell(kind.holds)} | ${kind.lineBreaks ? 'accepted' : 'refused'} | ${kind.format ? 'refused' : 'accepted'} |`);
  const steps = (chosen: readonly (keyof typeof hrTextCleaning)[]) => chosen.map((s, i) => `${i + 1}. ${hrTextCleaning[s].does}`).join('\n');
  const samples = ['  Ada  ', 'Jose\u0301', 'Mary\u00a0\u00a0Ann', 'Wang\u3000Fang', '   '];
  const cleaned = ['| Sent | Kept |', '|---|---|'];
  for (const s of samples) cleaned.push(`| \`${shown(s)}\` | \`${shown(hrTextSchema.parse(s))}\` |`);

  const webhook = hrEventSchema.safeParse({ eventId: 'wd-1', type: 'update', employeeId: 'E1', attributes: { surname: 'Lovelace\tKing' } });
  const webhookProblems = webhook.success ? [] : webhook.error.issues.map((i) => ({ path: formatPath(['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]), message: i.message }));
  const operation = readOperation({ method: 'POST', bulkId: 'b4', path: '/Users', data: { schemas: [coreUserSchemaUrn], externalId: 'E1', name: { familyName: 'Love\u0007lace' } } }, 3, defaultEmployeeIdSource);
  const line = parseSnapshot('employeeId,surname\nE1,Love\u0007lace\n');

  return [
    '## <a id="hygiene"></a>Text rules for every channel',
    '',
    'Every channel reads HR data through one schema (`workflows/dsl/hr.ts`) and one set of text rules',
    '(`workflows/dsl/text.ts`), so they refuse and clean alike.',
    '',
    '**What no text holds**, in any field of any request (path, query, body, field names): NUL, unpaired UTF-16',
    `surrogates (not Unicode; PostgreSQL and Temporal cannot store them) and the control characters ${ranges}, except`,
    `${list(freeTextControls.map(hex))} (tab, line feed, carriage return) where the kind of text allows them:`,
    '',
    kinds.join('\n'),
    '',
    `**Limits.** An attribute value has at most ${hrLimits.valueLength.toLocaleString('en-US')} characters and a list at most ${hrLimits.listItems.toLocaleString('en-US')} values; an employee id`,
    `at most ${hrLimits.employeeIdLength} characters, an event id ${hrLimits.eventIdLength}, an attribute name 1 to ${hrLimits.attributeNameLength}. An attribute whose name matches`,
    `\`${dateAttributePattern.source}\` (such as \`hireDate\`, but not \`lastDay\`) must hold a date, \`YYYY-MM-DD\` or an ISO timestamp, or be empty.`,
    '',
    '**Cleaning.** Text values are cleaned before anything is stored, and only the cleaned value is kept:',
    '',
    steps(hrValueCleaning),
    '',
    `An employee id is cleaned by ${plural(employeeIdCleaning.length, 'step', 'steps')} only (${employeeIdCleaning.map((s) => hrTextCleaning[s].does).join('; ')}), and must not be empty after that: \`" E1 "\` and \`"E1"\` are one person. A value of only spaces becomes \`""\`, which means HR cleared it. Format characters a script needs inside a name (the zero-width non-joiner of Persian) stay in values.`,
    '',
    cleaned.join('\n'),
    '',
    '**Refused with the field named.** Only the record that holds bad text is refused, with a `400` that names',
    'where; the problem never repeats the bad text. A webhook event with a tab in `surname` is answered `400`:',
    '',
    json(webhookProblems),
    '',
    'A SCIM operation (here the fourth) with a control character is answered in its entry of `Operations` with',
    '`status: "400"`, and the other operations are accepted:',
    '',
    json(operation.ok ? [] : operation.problems),
    '',
    'A CSV line with one is left out and reported, and the other lines are imported:',
    '',
    json(line.invalid.flatMap((r) => r.problems)),
  ].join('\n');
}

function unknown(): string {
  return [
    '## <a id="unknown"></a>Unknown attributes',
    '',
    'Tenure has no fixed list of person attributes. An attribute it has no rule for is kept under its own name,',
    'stored with the person, compared for changes like any other, and readable by a definition as `[name]`:',
    '',
    '- **Webhook**: every attribute of `attributes` is kept as sent (cleaned).',
    '- **CSV**: every column other than `employeeId` and `active` is an attribute of the column\'s name.',
    '- **SCIM**: a custom extension\'s attributes are kept under their own names; a core or enterprise attribute',
    '  without a row in the [mapping](#scim) (in its example, `ims`, `name.formatted` and `manager.displayName`)',
    '  is not kept. Send such a value in a custom extension to keep it.',
    '',
    'A lifecycle runs only on what its trigger names: a changed attribute no trigger watches updates the',
    'person and starts nothing. A value that breaks the [text rules](#hygiene), or a date attribute that does',
    'not hold a date, refuses the record whatever its name.',
  ].join('\n');
}

export function renderHrReference(): string {
  return `${[intro(), scim(), derive(), csv(), hygiene(), unknown(), renderTemplateExpectations()].join('\n\n')}\n`;
}
