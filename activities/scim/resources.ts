/**
 * Reading SCIM resources: by id, and by an exact filter on one attribute. A filter's results are
 * checked again here, because an app that ignores or loosely evaluates filters must never make an
 * action change someone else's account.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { ScimClient } from './client.ts';
import { equals } from './filters.ts';

export const scimResource = z.looseObject({ id: z.string().min(1) });
export type ScimResource = z.infer<typeof scimResource>;

const listResponse = z.looseObject({ Resources: z.array(z.unknown()).optional() });

export type Endpoint = '/Users' | '/Groups';

/** Attributes the SCIM schema compares without case (RFC 7643 §4: userName, displayName); the rest exactly. */
const caseInsensitive = new Set(['userName', 'displayName']);

export function sameValue(attribute: string, held: unknown, wanted: string): boolean {
  if (typeof held !== 'string') return false;
  return caseInsensitive.has(attribute) ? held.toLowerCase() === wanted.toLowerCase() : held === wanted;
}

export function resourcePath(endpoint: Endpoint, id: string): string {
  return `${endpoint}/${encodeURIComponent(id)}`;
}

/** The resource with this id, or undefined when the app has none. */
export async function getById(client: ScimClient, endpoint: Endpoint, id: string, what: string): Promise<ScimResource | undefined> {
  const answer = await client.send('GET', resourcePath(endpoint, id), what, [200, 404]);
  if (answer.status === 404) return undefined;
  return parseResource(answer.body, what);
}

/** The one resource whose `attribute` equals `value`; undefined for none, a failure for several. */
export async function findOne(client: ScimClient, endpoint: Endpoint, attribute: string, value: string, what: string): Promise<ScimResource | undefined> {
  const answer = await client.send('GET', endpoint, what, [200], { query: { filter: equals(attribute, value) } });
  const list = listResponse.safeParse(answer.body);
  if (!list.success) throw ApplicationFailure.nonRetryable(`${what}: the app did not answer with a SCIM ListResponse`, 'ScimUnexpectedAnswer');
  const matches = (list.data.Resources ?? []).map((r) => parseResource(r, what)).filter((r) => sameValue(attribute, r[attribute], value));
  if (matches.length > 1) {
    throw ApplicationFailure.nonRetryable(
      `${what}: ${matches.length} resources in the app have ${attribute} ${JSON.stringify(value)} (ids ${matches.map((m) => m.id).join(', ')}); make it unique in the app, or match on another attribute`,
      'ScimAmbiguousMatch',
    );
  }
  return matches[0];
}

export function parseResource(body: unknown, what: string): ScimResource {
  const parsed = scimResource.safeParse(body);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`${what}: the app answered without a resource id`, 'ScimUnexpectedAnswer');
  return parsed.data;
}

/** A string attribute of a resource, or null. */
export function text(resource: ScimResource, attribute: string): string | null {
  const v = resource[attribute];
  return typeof v === 'string' ? v : null;
}
