/**
 * The SCIM 2.0 BulkRequest (RFC 7644 §3.7) as Microsoft Entra API-driven inbound provisioning
 * defines it: `schemas` names the BulkRequest message, up to 50 `Operations`, each a `POST` to
 * `/Users` with a `bulkId` and a SCIM User as `data`; the service decides whether that means a
 * create, an update, an enable or a disable. Each operation is read on its own, so one bad
 * operation is reported by its index and does not sink the others.
 */
import { z } from 'zod';
import { formatPath } from '../../workflows/dsl/index.ts';
import { findTextProblems, freeTextProblem } from '../../workflows/dsl/text.ts';
import type { StatedWorker } from '../../workflows/dsl/hrDiff.ts';
import type { ErrorDetail } from '../http/errors.ts';
import { readScimUser, type EmployeeIdSource } from './scimUser.ts';

export const bulkRequestUrn = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const bulkResponseUrn = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const scimErrorUrn = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** Entra's limit per bulkUpload request. */
export const maxOperations = 50;

export const bulkRequestSchema = z
  .object({
    schemas: z.array(z.string().max(500)).max(20).refine((s) => s.includes(bulkRequestUrn), `schemas must include "${bulkRequestUrn}"`),
    // Counted against maxOperations by the route, which answers 413 with the count.
    Operations: z.array(z.unknown()).min(1, 'Operations must list at least one operation').max(10_000),
    /** RFC 7644: how many failed operations end the request. Here: refuse everything when that many are invalid. */
    failOnErrors: z.number().int().min(1).nullish(),
  })
  .loose();

const operationSchema = z
  .object({
    method: z.literal('POST', 'method must be "POST" (API-driven inbound provisioning decides create, update or disable itself)'),
    bulkId: z.string().min(1, 'bulkId must not be empty').max(200),
    path: z.literal('/Users', 'path must be "/Users"'),
    data: z.object({}, 'data must be the SCIM User the operation states').loose(),
  })
  .loose();

export type ReadOperation =
  | { ok: true; index: number; bulkId: string; worker: StatedWorker }
  | { ok: false; index: number; bulkId: string | undefined; problems: ErrorDetail[] };

export function readOperation(operation: unknown, index: number, employeeIdFrom: EmployeeIdSource): ReadOperation {
  const at = ['Operations', index] as const;
  const raw = typeof operation === 'object' && operation !== null && 'bulkId' in operation && typeof operation.bulkId === 'string' ? operation.bulkId : undefined;
  // A bulkId is stored and echoed with the operation's answer: only when it is text that can be.
  const bulkId = raw !== undefined && freeTextProblem(raw) === undefined ? raw : undefined;
  // Text that cannot be stored refuses this operation, wherever in it (the API's body check leaves it to us).
  const text = findTextProblems(operation, { root: at });
  if (text.problems.length > 0) return { ok: false, index, bulkId, problems: text.problems };
  const parsed = operationSchema.safeParse(operation);
  if (!parsed.success) {
    return { ok: false, index, bulkId, problems: parsed.error.issues.map((i) => ({ path: formatPath([...at, ...i.path.map((s) => (typeof s === 'symbol' ? String(s) : s))]), message: i.message })) };
  }
  const user = readScimUser(parsed.data.data, employeeIdFrom, [...at, 'data']);
  if (!user.ok) return { ok: false, index, bulkId, problems: user.problems };
  return { ok: true, index, bulkId: parsed.data.bulkId, worker: user.worker };
}

/** Every `bulkId:<id>` reference (RFC 7644 §3.7.2) in a value, at any depth. */
function referencedBulkIds(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith('bulkId:')) into.add(value.slice('bulkId:'.length));
  } else if (Array.isArray(value)) {
    for (const item of value) referencedBulkIds(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) referencedBulkIds(item, into);
  }
  return into;
}

/**
 * Reads every operation. RFC 7644 wants bulkIds unique, but Entra's /bulkUpload accepts a bulkId
 * repeated across operations (Microsoft's own example request repeats one), because a bulkId only
 * matters when another operation refers to it. So a repeated bulkId is accepted unless some
 * operation refers to it as `bulkId:<id>`: then the reference would be ambiguous, and the later
 * operation with that bulkId is refused.
 */
export function readOperations(operations: readonly unknown[], employeeIdFrom: EmployeeIdSource): ReadOperation[] {
  const referenced = new Set<string>();
  for (const operation of operations) {
    if (typeof operation === 'object' && operation !== null && 'data' in operation) referencedBulkIds(operation.data, referenced);
  }
  const firstUse = new Map<string, number>();
  return operations.map((operation, index) => {
    const read = readOperation(operation, index, employeeIdFrom);
    if (!read.ok) return read;
    const earlier = firstUse.get(read.bulkId);
    if (earlier !== undefined && referenced.has(read.bulkId)) {
      return {
        ok: false,
        index,
        bulkId: read.bulkId,
        problems: [{ path: formatPath(['Operations', index, 'bulkId']), message: `bulkId "${read.bulkId}" is already used by operation ${earlier} and another operation refers to it as "bulkId:${read.bulkId}"; give each operation its own` }],
      };
    }
    if (earlier === undefined) firstUse.set(read.bulkId, index);
    return read;
  });
}
