/**
 * What the directory accepts in a user's properties on POST /users and PATCH /users/{id}: which
 * properties are writable, their length limits, the userPrincipalName and mailNickname character
 * rules, verified domains, password complexity, and uniqueness of userPrincipalName and mail
 * (https://learn.microsoft.com/graph/api/resources/user, .../user-post-users).
 */
import { badRequest, conflict, invalidProperty } from './errors.ts';
import type { Tenant, UserProps } from './state.ts';

const maxLength: Record<string, number> = {
  displayName: 256,
  givenName: 64,
  surname: 64,
  jobTitle: 128,
  department: 64,
  companyName: 64,
  officeLocation: 128,
  employeeId: 16,
  employeeType: 64,
  mailNickname: 64,
  userPrincipalName: 113,
  city: 128,
  country: 128,
  state: 128,
  streetAddress: 1024,
  postalCode: 40,
  mobilePhone: 64,
  mail: 256,
  preferredLanguage: 10,
  usageLocation: 2,
  employeeHireDate: 40,
  passwordPolicies: 256,
};
const readOnly = new Set(['id', 'createdDateTime', 'deletedDateTime', 'signInSessionsValidFromDateTime', 'assignedLicenses', 'proxyAddresses']);
const required = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName'] as const;

export interface PasswordProfile {
  password: string | undefined;
  forceChangePasswordNextSignIn: boolean | undefined;
}

export const passwordComplexityMessage = 'The specified password does not comply with password complexity requirements. Please provide a different password.';

/** 8–256 characters from at least three of: lower case, upper case, digits, symbols. */
export function checkPassword(password: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 8 || password.length > 256 || classes < 3) throw badRequest(passwordComplexityMessage);
}

function checkUpn(tenant: Tenant, upn: string): void {
  const at = upn.lastIndexOf('@');
  const local = upn.slice(0, at);
  const domain = upn.slice(at + 1).toLowerCase();
  if (at <= 0 || local.length > 64 || !/^[A-Za-z0-9'.\-_!#^~]+$/.test(local) || local.startsWith('.') || local.endsWith('.')) {
    throw badRequest('Property userPrincipalName is invalid.', [{ target: 'userPrincipalName', code: 'InvalidValue' }]);
  }
  if (!tenant.verifiedDomains.some((d) => d.toLowerCase() === domain)) {
    throw badRequest('The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.', [
      { target: 'userPrincipalName', code: 'InvalidValue' },
    ]);
  }
}

function checkValue(property: string, value: unknown): void {
  if (property === 'accountEnabled') {
    if (typeof value !== 'boolean') throw invalidProperty(property);
    return;
  }
  if (property === 'businessPhones' || property === 'otherMails') {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string') || (property === 'businessPhones' && value.length > 1)) throw invalidProperty(property);
    return;
  }
  if (value === null) return;
  if (typeof value !== 'string') throw invalidProperty(property);
  const limit = maxLength[property];
  if (limit === undefined) throw badRequest(`Property '${property}' does not exist as a declared property or extension property.`);
  if (value.length > limit) throw invalidProperty(property);
  if (property === 'mailNickname' && (value.length === 0 || /[@()\\[\]";:<>, ]|[^\x21-\x7e]/.test(value))) throw invalidProperty(property);
  if (property === 'usageLocation' && !/^[A-Z]{2}$/.test(value)) throw invalidProperty(property);
  if (property === 'mail' && !/^[^@\s]+@[^@\s]+$/.test(value)) throw invalidProperty(property);
  if (property === 'displayName' && value.trim().length === 0) throw invalidProperty(property);
}

/**
 * Checks a POST or PATCH body and returns the properties to store and the password profile.
 * `selfId` is the user being changed (PATCH), so its own values do not count as conflicts.
 */
export function checkUserBody(tenant: Tenant, body: unknown, creating: boolean, selfId?: string): { props: UserProps; password: PasswordProfile | undefined } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Empty Payload. JSON content expected.');
  const props: UserProps = {};
  let password: PasswordProfile | undefined;
  for (const [property, value] of Object.entries(body)) {
    if (property === '@odata.type') continue;
    if (property === 'passwordProfile') {
      if (typeof value !== 'object' || value === null) throw invalidProperty(property);
      const pw: unknown = Reflect.get(value, 'password');
      const force: unknown = Reflect.get(value, 'forceChangePasswordNextSignIn');
      if (pw !== undefined && typeof pw !== 'string') throw invalidProperty(property);
      if (force !== undefined && typeof force !== 'boolean') throw invalidProperty(property);
      if (typeof pw === 'string') checkPassword(pw);
      password = { password: pw, forceChangePasswordNextSignIn: force };
      continue;
    }
    if (readOnly.has(property)) throw badRequest(`Property '${property}' is read-only and cannot be set.`);
    checkValue(property, value);
    props[property] = value;
  }
  if (creating) {
    for (const property of required) {
      const v = props[property];
      if (v === undefined || v === null || v === '') throw invalidProperty(property);
    }
    if (password?.password === undefined) throw badRequest('A password must be specified to create a new user.', [{ target: 'passwordProfile', code: 'PropertyRequired' }]);
  }
  const upn = props.userPrincipalName;
  if (typeof upn === 'string') {
    checkUpn(tenant, upn);
    if (tenant.activeUsers().some((u) => u.id !== selfId && String(u.props.userPrincipalName).toLowerCase() === upn.toLowerCase())) throw conflict('userPrincipalName');
  }
  const mail = props.mail;
  if (typeof mail === 'string' && tenant.activeUsers().some((u) => u.id !== selfId && typeof u.props.mail === 'string' && u.props.mail.toLowerCase() === mail.toLowerCase())) {
    throw conflict('proxyAddresses');
  }
  return { props, password };
}
