/**
 * How LDAP failures become Temporal failures. What retrying can fix (a busy or unavailable server,
 * a time limit, a dropped or refused connection) is retryable; what it cannot (refused credentials,
 * missing rights, a value the schema or policy rejects, a missing entry) is not, and the message
 * says what to fix. Messages carry the server's diagnostic text and DNs, never a credential.
 *
 * Operations first handle the result codes that mean a state (entryAlreadyExists on create,
 * noSuchObject on delete, attributeOrValueExists on a member add); everything else ends here.
 */
import { ApplicationFailure } from '@temporalio/common';
import { ResultCodeError } from 'ldapts';

export const resultCodes = {
  operationsError: 1,
  timeLimitExceeded: 3,
  sizeLimitExceeded: 4,
  strongAuthRequired: 8,
  adminLimitExceeded: 11,
  confidentialityRequired: 13,
  noSuchAttribute: 16,
  undefinedAttributeType: 17,
  constraintViolation: 19,
  attributeOrValueExists: 20,
  invalidAttributeSyntax: 21,
  noSuchObject: 32,
  invalidDnSyntax: 34,
  invalidCredentials: 49,
  insufficientAccessRights: 50,
  busy: 51,
  unavailable: 52,
  unwillingToPerform: 53,
  namingViolation: 64,
  objectClassViolation: 65,
  notAllowedOnNonLeaf: 66,
  notAllowedOnRdn: 67,
  entryAlreadyExists: 68,
  other: 80,
} as const;
export type ResultCodeName = keyof typeof resultCodes;

/** Whether `error` is the LDAP result `name`. */
export function isResult(error: unknown, name: ResultCodeName): boolean {
  return error instanceof ResultCodeError && error.code === resultCodes[name];
}

interface Meaning {
  type: string;
  retryable: boolean;
  hint: string;
}

const meanings: Partial<Record<number, Meaning>> = {
  [resultCodes.operationsError]: { type: 'LdapOperationsError', retryable: true, hint: 'the server reported an internal error' },
  [resultCodes.timeLimitExceeded]: { type: 'LdapBusy', retryable: true, hint: 'the server ran out of time' },
  [resultCodes.adminLimitExceeded]: { type: 'LdapBusy', retryable: true, hint: 'the server hit an administrative limit' },
  [resultCodes.busy]: { type: 'LdapBusy', retryable: true, hint: 'the server is busy' },
  [resultCodes.unavailable]: { type: 'LdapUnavailable', retryable: true, hint: 'the server is unavailable' },
  [resultCodes.other]: { type: 'LdapError', retryable: true, hint: 'the server reported an unspecified error' },
  [resultCodes.sizeLimitExceeded]: { type: 'LdapSizeLimit', retryable: false, hint: 'the search returned more entries than the server allows' },
  [resultCodes.strongAuthRequired]: { type: 'LdapTlsRequired', retryable: false, hint: 'the server requires TLS: use an ldaps:// URL or startTls' },
  [resultCodes.confidentialityRequired]: { type: 'LdapTlsRequired', retryable: false, hint: 'the server requires TLS: use an ldaps:// URL or startTls' },
  [resultCodes.invalidCredentials]: { type: 'LdapInvalidCredentials', retryable: false, hint: 'the bind DN or password of the connection is wrong: update the connection' },
  [resultCodes.insufficientAccessRights]: { type: 'LdapAccessDenied', retryable: false, hint: 'the connection’s account lacks the right: grant it in the directory' },
  [resultCodes.constraintViolation]: { type: 'LdapConstraintViolation', retryable: false, hint: 'a value breaks a constraint or policy of the directory (length, uniqueness, password policy)' },
  [resultCodes.invalidAttributeSyntax]: { type: 'LdapSchemaViolation', retryable: false, hint: 'a value does not have the syntax its attribute requires' },
  [resultCodes.undefinedAttributeType]: { type: 'LdapSchemaViolation', retryable: false, hint: 'an attribute does not exist in the directory’s schema' },
  [resultCodes.objectClassViolation]: { type: 'LdapSchemaViolation', retryable: false, hint: 'the entry would break its object classes (a required attribute missing, or one not allowed)' },
  [resultCodes.namingViolation]: { type: 'LdapSchemaViolation', retryable: false, hint: 'the name or location breaks the directory’s naming rules' },
  [resultCodes.noSuchObject]: { type: 'LdapNoSuchObject', retryable: false, hint: 'an entry named in the request does not exist' },
  [resultCodes.invalidDnSyntax]: { type: 'LdapInvalidDn', retryable: false, hint: 'a distinguished name is malformed' },
  [resultCodes.unwillingToPerform]: { type: 'LdapUnwilling', retryable: false, hint: 'the server refuses this operation' },
  [resultCodes.notAllowedOnNonLeaf]: { type: 'LdapNotLeaf', retryable: false, hint: 'the entry has children' },
  [resultCodes.notAllowedOnRdn]: { type: 'LdapSchemaViolation', retryable: false, hint: 'the change would remove the value that names the entry' },
  [resultCodes.entryAlreadyExists]: { type: 'LdapAlreadyExists', retryable: false, hint: 'another entry already has this name' },
  [resultCodes.attributeOrValueExists]: { type: 'LdapValueExists', retryable: false, hint: 'the value is already present' },
  [resultCodes.noSuchAttribute]: { type: 'LdapNoSuchAttribute', retryable: false, hint: 'the attribute or value is not present' },
};

const transientSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);
const transientMessages = [/Connection timeout/i, /Connection closed/i, /Socket error/i, /Socket connection not established/i, /Operation timed out/i];

function codeOf(error: Error): string | undefined {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** Certificate problems: retrying cannot make the server's certificate trusted. */
export function isTlsTrustError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = codeOf(error) ?? '';
  return code.startsWith('ERR_TLS_') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/** Whether the connection itself failed (refused, reset, timed out): the pooled client must go. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof ResultCodeError) return false;
  const code = codeOf(error);
  return (code !== undefined && transientSocketCodes.has(code)) || transientMessages.some((m) => m.test(error.message));
}

/** The Temporal failure for an LDAP error; `what` says what was being done, e.g. `creating "CN=Ada,OU=Staff,…"`. */
export function directoryFailure(error: unknown, what: string): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ResultCodeError) {
    const meaning = meanings[error.code] ?? { type: 'LdapError', retryable: false, hint: 'the server refused the request' };
    const message = `${what} failed: ${meaning.hint} (LDAP result ${error.code}: ${error.message})`;
    return meaning.retryable ? ApplicationFailure.retryable(message, meaning.type) : ApplicationFailure.nonRetryable(message, meaning.type);
  }
  if (isTlsTrustError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return ApplicationFailure.nonRetryable(
      `${what} failed: the server’s certificate is not trusted (${message}); set the connection’s tlsCaCert to the CA that issued it, and tlsServerName when the URL uses another name or an address`,
      'LdapTlsRejected',
    );
  }
  if (isConnectionError(error)) {
    const message = error instanceof Error ? `${codeOf(error) ?? ''} ${error.message}`.trim() : String(error);
    return ApplicationFailure.retryable(`${what} failed: the directory could not be reached (${message}); retrying`, 'LdapUnavailable');
  }
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.nonRetryable(`${what} failed: ${message}`, 'LdapError');
}
