/**
 * Which LDAP failures Temporal retries: what a busy, unavailable or unreachable server causes is
 * retried; refused credentials, missing rights, schema or policy refusals and missing entries are
 * not. The servers' own answers are covered by the ad and ldap tests; this pins the whole table.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  AlreadyExistsError,
  BusyError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ObjectClassViolationError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
  UnavailableError,
} from 'ldapts';
import { describe, expect, it } from 'vitest';
import { directoryFailure, isConnectionError } from '../../../activities/directory/errors.ts';

const response = 'the server said so';
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:636`), { code });

describe('LDAP failures', () => {
  it('retries a busy, unavailable, slow or unreachable server', () => {
    for (const error of [new BusyError(response), new UnavailableError(response), new TimeLimitExceededError(response), socketError('ECONNRESET'), socketError('ECONNREFUSED'), new Error('Connection closed before message response was received')]) {
      const failure = directoryFailure(error, 'searching');
      expect(failure, String(error)).toBeInstanceOf(ApplicationFailure);
      expect(failure.nonRetryable, String(error)).toBe(false);
    }
    expect(isConnectionError(socketError('ECONNRESET'))).toBe(true);
    expect(isConnectionError(new BusyError(response))).toBe(false);
  });

  it('does not retry what the connection or the step must fix, and names the fix', () => {
    const cases = [
      [new InvalidCredentialsError(response), 'LdapInvalidCredentials', 'bind DN or password'],
      [new InsufficientAccessError(response), 'LdapAccessDenied', 'grant it'],
      [new ConstraintViolationError(response), 'LdapConstraintViolation', 'constraint or policy'],
      [new ObjectClassViolationError(response), 'LdapSchemaViolation', 'object classes'],
      [new NoSuchObjectError(response), 'LdapNoSuchObject', 'does not exist'],
      [new AlreadyExistsError(response), 'LdapAlreadyExists', 'already has this name'],
      [new StrongAuthRequiredError(response), 'LdapTlsRequired', 'ldaps://'],
      [Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'LdapTlsRejected', 'tlsCaCert'],
    ] as const;
    for (const [error, type, hint] of cases) {
      const failure = directoryFailure(error, 'updating CN=Ada');
      expect(failure, type).toMatchObject({ type, nonRetryable: true });
      expect(failure.message).toContain('updating CN=Ada failed');
      expect(failure.message).toContain(hint);
    }
  });
});
