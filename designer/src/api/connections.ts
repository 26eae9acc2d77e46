/**
 * Connections and connector kinds as the API serves them. A connection's view never holds a secret,
 * only the names of the secret fields that are set; a test report lists each stage in order.
 */
import { z } from 'zod';
import { get, post, request } from './client.ts';

const record = z.record(z.string(), z.unknown());

export const connectorSchema = z.object({ kind: z.string(), label: z.string(), config: record, secrets: record });
export type ConnectorView = z.infer<typeof connectorSchema>;

export const connectionSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    config: record,
    secretFields: z.array(z.string()),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    lastTest: z.object({ ok: z.boolean(), at: z.string(), failedStep: z.string().nullable() }).nullable().default(null),
  })
  .loose();
export type ConnectionView = z.infer<typeof connectionSchema>;

export const testReportSchema = z.object({
  ok: z.boolean(),
  steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string().default(''), ms: z.number().optional() })),
});
export type TestReportView = z.infer<typeof testReportSchema>;

export interface ConnectionInput {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  /** Only the secret fields being set or replaced; on an edit, the others keep their stored values. */
  secrets: Record<string, unknown>;
}

export async function fetchConnectors(): Promise<ConnectorView[]> {
  return (await get('/api/connectors', z.object({ connectors: z.array(connectorSchema) }))).connectors;
}

export async function fetchConnections(): Promise<ConnectionView[]> {
  return (await get('/api/connections', z.object({ connections: z.array(connectionSchema) }))).connections;
}

export async function createConnection(input: ConnectionInput): Promise<ConnectionView> {
  return post('/api/connections', connectionSchema, input);
}

export async function updateConnection(input: ConnectionInput): Promise<ConnectionView> {
  const { secrets, ...rest } = input;
  const body = Object.keys(secrets).length > 0 ? input : rest;
  return (await request('PUT', `/api/connections/${encodeURIComponent(input.id)}`, connectionSchema, { body })).body;
}

export async function testConnection(id: string): Promise<TestReportView> {
  return post(`/api/connections/${encodeURIComponent(id)}/test`, testReportSchema);
}
