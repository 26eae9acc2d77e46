/**
 * The API's OpenAPI document as the server serves it at GET /api/openapi.json, built from the same
 * route declarations (server/app.ts, server/http/openapi.ts) without listening on a port or reaching
 * Temporal: the app is assembled on an in-memory database (migrated, so the HR intake dispatcher
 * that starts with the app finds its empty outbox) and a Temporal connection that is never dialled,
 * made ready, asked for its document, and closed.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../server/app.ts';
import { createConnectionStore } from '../server/db/connections.ts';
import { openPglite } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { createDefinitionStore } from '../server/db/definitions.ts';
import { createHrSourceStore } from '../server/db/hrSources.ts';
import { createPeopleStore } from '../server/db/people.ts';
import { createRunStore } from '../server/db/runs.ts';
import { createSyncJobStore } from '../server/db/syncJobs.ts';
import { createUserStore } from '../server/db/users.ts';
import { createKeyring } from '../server/secrets/keyring.ts';
import { payloadCodec } from '../server/temporal/codec.ts';

/** The document as JSON text, exactly as GET /api/openapi.json answers it. */
export async function openApiDocument(): Promise<string> {
  const db = await openPglite(undefined);
  await migrate(db);
  // Lazy: connects on first use, and nothing here uses it.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:7233' }), namespace: 'default' });
  try {
    const keyring = createKeyring(randomBytes(32));
    const runs = createRunStore(db);
    const app = await buildApp({
      db,
      definitions: createDefinitionStore(db),
      runs,
      people: createPeopleStore(db, runs),
      connections: createConnectionStore(db, keyring),
      users: createUserStore(db),
      hrSources: createHrSourceStore(db, keyring),
      syncJobs: createSyncJobStore(db, keyring),
      temporal,
      taskQueue: 'openapi',
      adminToken: randomBytes(24).toString('base64url'),
      // A deployment always has the codec (server/main.ts), and with it the codec routes.
      codec: payloadCodec(keyring),
      callbackKey: keyring.callbackKey,
      approvalLinkKey: keyring.approvalLinkKey,
      logLevel: 'silent',
    });
    try {
      await app.ready();
      return JSON.stringify(app.swagger());
    } finally {
      await app.close();
    }
  } finally {
    await temporal.connection.close();
    await db.close();
  }
}
