/**
 * The default attribute mappings: what an admin would otherwise write by hand for a new hire's
 * names, address, OU and rule-based groups, as expressions in the Entra-compatible mapping language
 * (workflows/dsl/expressions). The built-in templates use these exact strings and docs/lifecycles.md shows
 * them, so what the documentation says is what runs; an admin edits the copy in their draft.
 *
 * The expressions read the person's HR attributes (`givenName`, `surname`, `displayName`,
 * `department`, `title`, `location`, `employeeType`, `employeeId`) and two run variables the
 * templates set in their first steps: `[vars.upnSuffix]` (e.g. example.com) and
 * `[vars.directoryBase]` (e.g. DC=example,DC=com). Pure text: no I/O, nothing evaluated here.
 */

/** The run variables the mappings read; the templates set them in their first steps. */
export const mappingVariables = { upnSuffix: 'upnSuffix', directoryBase: 'directoryBase' } as const;

/**
 * Lower-case ASCII from a name in any script: accents removed (José → jose), other scripts
 * transliterated (王芳 → wangfang, Иван → ivan, Γιώργος → giorgos), emoji dropped, then everything
 * but a–z, 0–9 and `keep` dropped (O'Brien → obrien, Mary Ann → maryann), so the result is a valid
 * logon name. NormalizeDiacritics runs first so Latin letters keep Entra's spellings (ø → oe).
 */
function clean(text: string, keep = ''): string {
  return `Replace(ToLower(Transliterate(NormalizeDiacritics(${text}))), , "[^a-z0-9${keep}]", , "", , )`;
}

/**
 * What a logon name or alias falls back to when the name yields nothing usable (a name that is
 * only emoji or symbols): the employee id, lower-case letters and digits (E10442 → e10442), else
 * "user"; the numbered candidates below keep it unique. Never empty, so never an invalid value.
 */
export const NAME_FALLBACK = `IIF(IsPresent(${clean('[employeeId]')}), ${clean('[employeeId]')}, "user")`;

/** `alias` when it has anything in it, else the fallback. */
function orFallback(alias: string): string {
  return `IIF(IsPresent(${alias}), ${alias}, ${NAME_FALLBACK})`;
}

/** The name shown in address lists: HR's display name, else "given surname" (an empty part is left out). */
export const DISPLAY_NAME = 'IIF(IsPresent([displayName]), [displayName], Join(" ", [givenName], [surname]))';

/** The AD common name (the account's RDN): the display name with the employee id, unique in any OU. */
export const COMMON_NAME = `Join(" ", ${DISPLAY_NAME}, Join("", "(", [employeeId], ")"))`;

const given = clean('[givenName]');
const surname = clean('[surname]');
// The initial is taken after transliteration, so it is a letter even when the name starts with a
// symbol or is written in another script (Щ → s, not an empty or non-ASCII initial).
const initialAndSurname = orFallback(`Join("", Left(${given}, 1), ${surname})`);
const givenAndSurname = orFallback(`Join("", ${given}, ${surname})`);

/**
 * sAMAccountName: at most 20 characters, unique in the domain. Initial and surname (jgarcia), then
 * the whole name (josegarcia), then numbered (jgarcia2, jgarcia3), then four random digits.
 */
export const SAM_ACCOUNT_NAME = `SelectUniqueValue(
  Left(${initialAndSurname}, 20),
  Left(${givenAndSurname}, 20),
  Left(${initialAndSurname}, 19) & "2",
  Left(${initialAndSurname}, 19) & "3",
  Left(${initialAndSurname}, 16) & RandomString(4, 4, 0, 0, 0)
)`;

/**
 * The part before the @: given.surname (jose.garcia, sean.obrien, fang.wang), at most 60
 * characters; a part that yields nothing is left out with its dot, and a name that yields nothing
 * at all gives the fallback.
 */
export const ADDRESS_ALIAS = `Left(${orFallback(`Join(".", ${given}, ${surname})`)}, 60)`;

function uniqueAddress(): string {
  const at = (alias: string) => `Join("@", ${alias}, [vars.${mappingVariables.upnSuffix}])`;
  return `SelectUniqueValue(
  ${at(ADDRESS_ALIAS)},
  ${at(`${ADDRESS_ALIAS} & "2"`)},
  ${at(`${ADDRESS_ALIAS} & "3"`)},
  ${at(`${ADDRESS_ALIAS} & RandomString(4, 4, 0, 0, 0)`)}
)`;
}

/** userPrincipalName: alias@suffix, numbered when taken (jose.garcia2@example.com). */
export const USER_PRINCIPAL_NAME = uniqueAddress();

/** mail: the same rule as the UPN, checked against mail (and AD's proxyAddresses). */
export const MAIL = uniqueAddress();

/** mailNickname (Exchange alias): the address alias, numbered when taken. */
export const MAIL_NICKNAME = `SelectUniqueValue(
  ${ADDRESS_ALIAS},
  ${ADDRESS_ALIAS} & "2",
  ${ADDRESS_ALIAS} & "3",
  ${ADDRESS_ALIAS} & RandomString(4, 4, 0, 0, 0)
)`;

/** The OU a department's accounts live in (under [vars.directoryBase]); everyone else in OU=Staff. */
export const departmentOus: Readonly<Record<string, string>> = {
  Engineering: 'OU=Engineering',
  Sales: 'OU=Sales',
  Finance: 'OU=Finance',
  HR: 'OU=HR',
};
export const DEFAULT_OU = 'OU=Staff';

function switchOn(attribute: string, fallback: string, table: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(table).flatMap(([key, value]) => [JSON.stringify(key), JSON.stringify(value)]);
  return `Switch([${attribute}], ${JSON.stringify(fallback)}, ${pairs.join(', ')})`;
}

export const OU_BY_DEPARTMENT = `Join(",", ${switchOn('department', DEFAULT_OU, departmentOus)}, [vars.${mappingVariables.directoryBase}])`;

/** Rule-based groups, one rule per attribute. Group names may not contain commas (the lists are comma-joined). */
export const departmentGroups: Readonly<Record<string, string>> = {
  Engineering: 'Dept Engineering',
  Sales: 'Dept Sales',
  Finance: 'Dept Finance',
  HR: 'Dept HR',
};
export const locationGroups: Readonly<Record<string, string>> = {
  Berlin: 'Site Berlin',
  London: 'Site London',
  'New York': 'Site New York',
};
export const employeeTypeGroups: Readonly<Record<string, string>> = {
  Employee: 'All Employees',
  Contractor: 'All Contractors',
  Intern: 'All Interns',
};
/** Anyone whose title says Manager (any case) leads people. */
export const managerGroup = 'People Managers';
/** Employee type when HR says nothing. */
export const defaultEmployeeTypeGroup = 'All Employees';

export const DEPARTMENT_GROUP = switchOn('department', '', departmentGroups);
export const TITLE_GROUP = `IIF(InStr(Join("", [title]), "Manager", 1, vbTextCompare) > 0, ${JSON.stringify(managerGroup)}, "")`;
export const LOCATION_GROUP = switchOn('location', '', locationGroups);
export const EMPLOYEE_TYPE_GROUP = switchOn('employeeType', defaultEmployeeTypeGroup, employeeTypeGroups);

const groupRules = [DEPARTMENT_GROUP, TITLE_GROUP, LOCATION_GROUP, EMPLOYEE_TYPE_GROUP];

/** The groups the rules give this person: a list (never empty: everyone has an employee-type group). */
export const RULE_GROUPS = `Split(Join(",", ${groupRules.join(', ')}), ",")`;

/** Every group a rule can give: the groups Tenure manages (and so may take away). */
export const MANAGED_GROUPS: readonly string[] = [
  ...new Set([...Object.values(departmentGroups), managerGroup, ...Object.values(locationGroups), ...Object.values(employeeTypeGroups), defaultEmployeeTypeGroup]),
];

/**
 * The managed groups the rules no longer give this person (for a mover): the managed list with each
 * rule's group cut out. Groups outside the managed list (added by hand) are never touched.
 */
export const GROUPS_NO_LONGER_APPLYING = (() => {
  let list = JSON.stringify(`,${MANAGED_GROUPS.join(',')},`);
  for (const rule of groupRules) list = `Replace(${list}, Join("", ",", ${rule}, ","), , , ",", , )`;
  return `Split(${list}, ",")`;
})();

/** Every mapping by name, for documentation and the designer. */
export const defaultMappings: Readonly<Record<string, { target: string; expression: string }>> = {
  displayName: { target: 'displayName (AD, Entra ID, app)', expression: DISPLAY_NAME },
  cn: { target: 'AD account name (cn)', expression: COMMON_NAME },
  sAMAccountName: { target: 'AD sAMAccountName', expression: SAM_ACCOUNT_NAME },
  userPrincipalName: { target: 'userPrincipalName (Entra ID, then AD)', expression: USER_PRINCIPAL_NAME },
  mail: { target: 'mail', expression: MAIL },
  mailNickname: { target: 'Entra ID mailNickname', expression: MAIL_NICKNAME },
  ou: { target: 'AD OU by department', expression: OU_BY_DEPARTMENT },
  groups: { target: 'rule-based AD groups', expression: RULE_GROUPS },
  groupsToRemove: { target: 'managed AD groups that no longer apply', expression: GROUPS_NO_LONGER_APPLYING },
};
