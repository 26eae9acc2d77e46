/**
 * Microsoft Graph's error contract: every failure answers
 * `{ error: { code, message, innerError: { date, request-id, client-request-id }, details? } }`
 * (https://learn.microsoft.com/graph/errors). Handlers throw GraphFault; the server renders it.
 */
import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
  target: string;
  code: string;
}

export class GraphFault extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, options: { details?: ErrorDetail[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'GraphFault';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** The body Graph sends with a failure. */
export function errorBody(fault: GraphFault, clientRequestId: string | undefined) {
  const requestId = randomUUID();
  return {
    error: {
      code: fault.code,
      message: fault.message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
      ...(fault.details ? { details: fault.details } : {}),
    },
  };
}

/** Graph's answer for an id or path that names nothing. */
export function notFound(what: string): GraphFault {
  return new GraphFault(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);
}

export function badRequest(message: string, details?: ErrorDetail[]): GraphFault {
  return new GraphFault(400, 'Request_BadRequest', message, details ? { details } : {});
}

/** The message directory validation gives for a property value it refuses. */
export function invalidProperty(property: string): GraphFault {
  return badRequest(`Invalid value specified for property '${property}' of resource 'User'.`, [{ target: property, code: 'InvalidValue' }]);
}

export function conflict(property: string): GraphFault {
  return badRequest(`Another object with the same value for property ${property} already exists.`, [{ target: property, code: 'ObjectConflict' }]);
}
