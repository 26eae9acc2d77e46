/**
 * Temporal's worker runtime logs every state change at INFO; tests keep warnings and errors only.
 * Runs before each test file, in that file's own process.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

if (Runtime._instance === undefined) Runtime.install({ logger: new DefaultLogger('WARN') });
