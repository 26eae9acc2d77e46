/**
 * Connections and connector kinds as the API serves them. A connection's view never holds a secret,
 * only the names of the secret fields that are set; a test report lists each stage in order.
 */
import { get, post, request } from './client.ts';
import type { Answer, Body } from './operations.ts';

export type ConnectorView = Answer<'get', '/api/connectors'>['connectors'][number];
export type ConnectionView = Answer<'get', '/api/connections'>['connections'][number];
export type TestReportView = Answer<'post', '/api/connections/{id}/test'>;

/** What the form sends: `secrets` holds only the secret fields being set or replaced; on an edit, the others keep their stored values. */
export type ConnectionInput = Body<'post', '/api/connections'>;

export async function fetchConnectors(): Promise<ConnectorView[]> {
  return (await get('/api/connectors')).connectors;
}

export async function fetchConnections(): Promise<ConnectionView[]> {
  return (await get('/api/connections')).connections;
}

export async function createConnection(input: ConnectionInput): Promise<ConnectionView> {
  return post('/api/connections', { body: input });
}

export async function updateConnection(input: ConnectionInput): Promise<ConnectionView> {
  const { secrets, ...rest } = input;
  const body = secrets !== undefined && Object.keys(secrets).length > 0 ? input : rest;
  return (await request('put', '/api/connections/{id}', { params: { path: { id: input.id } }, body })).body;
}

export async function testConnection(id: string): Promise<TestReportView> {
  return post('/api/connections/{id}/test', { params: { path: { id } } });
}
