/**
 * Activity dependencies for tests that call activities or run workers without the app database:
 * whatever a test does not pass refuses to be used, saying so, rather than pretending.
 */
import { ConnectionNotFound } from '../../activities/connections.ts';
import type { ActivityDeps } from '../../activities/deps.ts';

const unused = (what: string) => async (): Promise<never> => Promise.reject(new Error(`${what} is not available in this test`));

export function testActivityDeps(overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    revisions: { compiledRevision: async () => Promise.resolve(undefined) },
    connections: { load: async (id) => Promise.reject(new ConnectionNotFound(id)) },
    people: { triggeredRevisions: unused('the people store'), recordRun: unused('the people store'), recordPerson: unused('the people store'), loadPerson: unused('the people store'), reportsOf: unused('the people store'), isManagerReady: unused('the people store') },
    callbackKey: new Uint8Array(32),
    approvalLinkKey: new Uint8Array(32),
    approvals: {
      usersForEmployees: unused('the approval store'),
      employeesForUsers: unused('the approval store'),
      managersOf: unused('the approval store'),
      groupMembers: unused('the approval store'),
      delegations: unused('the approval store'),
      project: unused('the approval store'),
      contacts: unused('the approval store'),
      notified: unused('the approval store'),
      recordNotified: unused('the approval store'),
    },
    publicUrl: 'http://127.0.0.1:0',
    ...overrides,
  };
}
