/**
 * How Graph and identity-platform failures become Temporal failures. Retrying cannot fix bad
 * credentials (401), a missing permission (403) or a refused value (400), so those are
 * non-retryable and say what to change; throttling (429/503), gateway and network trouble are
 * retryable. Messages name the app and the Graph error code, never a secret.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ApplicationFailure } from '@temporalio/common';
import { retryAfterMs } from '../retryAfter.ts';
import type { EntraConfig } from './connector.ts';

export interface GraphProblem {
  /** HTTP status; -1 when no answer came (network, TLS, timeout). */
  status: number;
  code: string;
  message: string;
  retryAfterSeconds: number | undefined;
}

/** What an operation is, for messages, and the permission it needs, for 403 advice. */
export interface Operation {
  what: string;
  permission: string;
}

/**
 * A Retry-After as whole seconds, the unit Graph waits are reckoned in here (the connection's
 * maxRetryAfterWaitSeconds, the failure's next delay); read by the one shared parser.
 */
export function retryAfterSeconds(value: string | null | undefined): number | undefined {
  const ms = retryAfterMs(value);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

export function graphProblem(error: unknown): GraphProblem | undefined {
  if (!(error instanceof GraphError)) return undefined;
  return {
    status: error.statusCode > 0 ? error.statusCode : -1,
    code: error.code ?? '',
    message: error.message,
    retryAfterSeconds: retryAfterSeconds(error.headers?.get('retry-after')),
  };
}

export const isThrottled = (status: number) => status === 429 || status === 503 || status === 504;

export function nonRetryable(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

const tlsTrouble = /self[- ]signed|unable to (get|verify)|certificate|CERT_|ERR_TLS/i;

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 500);
}

/** A failed Graph answer (or none at all) as a Temporal failure. */
export function graphFailure(problem: Pick<GraphProblem, 'status' | 'code' | 'message'>, op: Operation, config: EntraConfig): ApplicationFailure {
  const host = new URL(config.graphBaseUrl).host;
  const said = `${problem.code || 'error'}: ${firstLine(problem.message)}`;
  const { status } = problem;
  if (status === -1) {
    if (tlsTrouble.test(problem.message)) {
      return nonRetryable('EntraTlsUntrusted', `${op.what}: the TLS certificate of ${host} is not trusted (${firstLine(problem.message)}); set tlsCaCert on the connection when a proxy or private CA is in the path`);
    }
    return ApplicationFailure.create({ type: 'EntraUnreachable', message: `${op.what}: no answer from Graph at ${host} (${firstLine(problem.message)})` });
  }
  if (status === 401) return nonRetryable('EntraAuthFailed', `${op.what}: Graph refused the token of app ${config.clientId} (${said}); check the tenant and the app registration`);
  if (status === 403) {
    return nonRetryable('EntraPermissionDenied', `${op.what}: app ${config.clientId} lacks permission (${said}); grant it ${op.permission} as an application permission with admin consent`);
  }
  if (isThrottled(status) || status >= 500 || status === 408 || status === 409) {
    return ApplicationFailure.create({ type: 'EntraUnavailable', message: `${op.what}: Graph answered ${status} (${said})` });
  }
  if (status === 404) return nonRetryable('EntraNotFound', `${op.what}: Graph answered 404 (${said})`);
  return nonRetryable('EntraRejected', `${op.what}: Graph refused it with ${status} (${said})`);
}

/** A failed token request as a Temporal failure. */
export function authFailure(error: unknown, config: EntraConfig): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const { clientId, tenantId, authorityHost } = config;
  if (/invalid_client|AADSTS7000215|AADSTS7000222/.test(text)) {
    return nonRetryable('EntraAuthFailed', `invalid client secret for app ${clientId}: Entra ID refused it (wrong or expired); store the secret's value, not its id, in the connection`);
  }
  if (/unauthorized_client|AADSTS700016/.test(text)) {
    return nonRetryable('EntraAuthFailed', `no app ${clientId} in tenant ${tenantId}: check the application (client) id and the tenant`);
  }
  if (/invalid_tenant|AADSTS90002|AADSTS900023/.test(text)) return nonRetryable('EntraAuthFailed', `tenant ${tenantId} not found at ${authorityHost}: check the tenant id`);
  if (/invalid_scope|invalid_resource|AADSTS500011|AADSTS1002012/.test(text)) {
    return nonRetryable('EntraAuthFailed', `Entra ID issues no tokens for ${new URL(config.graphBaseUrl).origin}: check graphBaseUrl against the cloud the tenant lives in`);
  }
  if (tlsTrouble.test(text)) {
    return nonRetryable('EntraTlsUntrusted', `the TLS certificate of ${new URL(authorityHost).host} is not trusted (${firstLine(text)}); set tlsCaCert on the connection when a proxy or private CA is in the path`);
  }
  return ApplicationFailure.create({ type: 'EntraAuthUnavailable', message: `could not get a token for app ${clientId} from ${authorityHost}: ${firstLine(text)}` });
}
