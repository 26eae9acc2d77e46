/**
 * HTTP callouts: Tenure's equivalent of Entra's custom task extension. A signed JSON POST to the
 * connection's URL, either fire-and-continue or launch-and-wait (the receiver answers later on a
 * single-use callback URL, and the step waits for it until its deadline).
 *
 * Two actions rather than one with a mode: whether a step waits for a callback is part of the
 * declaration (`completion: 'callback'`), which the workflow reads before it knows the input.
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';
import { objectOrJsonText } from './email.ts';

const payload = objectOrJsonText(z.record(z.string(), z.unknown()), 'a JSON object').default({});

export const httpCallout = declareAction({
  id: 'http.callout',
  label: 'Call a web service',
  description:
    'POSTs { runId, nodeId, payload } as signed JSON (X-Tenure-Signature) to the connection\'s URL and continues with the answer (launch and continue). A retried step sends the same Idempotency-Key.',
  category: 'Extensions',
  connector: 'http',
  input: z.strictObject({ payload }),
  output: z.strictObject({ status: z.number().int(), response: z.unknown().optional() }),
  undoable: false,
  defaults: { timeoutSeconds: 120 },
});

export const httpCalloutAndWait = declareAction({
  id: 'http.calloutAndWait',
  label: 'Call a web service and wait for its callback',
  description:
    'POSTs { runId, nodeId, payload, callbackId, callbackUrl, deadline } as signed JSON and waits until the service POSTs its result to callbackUrl (launch and wait). No callback by the deadline fails the step.',
  category: 'Extensions',
  connector: 'http',
  input: z.strictObject({
    payload,
    /** How long the step waits for the callback. */
    deadlineMinutes: z.number().int().min(1).max(43_200).default(60),
    /** A deadline under a minute, in seconds; takes precedence over deadlineMinutes. */
    deadlineSeconds: z.number().int().min(1).max(2_592_000).optional(),
  }),
  output: z.strictObject({
    callbackId: z.string(),
    deadline: z.string(),
    status: z.number().int(),
    /** What the service posted back; added by the run once the callback arrived. */
    callback: z.unknown().optional(),
  }),
  undoable: false,
  completion: 'callback',
  defaults: { timeoutSeconds: 120 },
});

export const httpActions: readonly ActionDeclaration[] = [httpCallout, httpCalloutAndWait];
