/**
 * The workflow bundler, run as a child process by bundleWorkflows() (worker.ts): it reads what to
 * bundle as JSON from its argument and writes the bundle's code to stdout. Bundling loads webpack and
 * swc and grows a heap by some 400 MiB that neither V8 nor the allocator gives back to the system
 * afterwards (measured: a process that bundled in itself, or in a thread of its own, stays near
 * 520–670 MiB; one that had a child bundle for it, near 90 MiB). In a child, all of it goes when the
 * child exits.
 */
import { bundleWorkflowCode } from '@temporalio/worker';

export interface BundleRequest {
  workflowsPath: string;
  preloadModules: string[];
  workflowInterceptorModules: string[];
}

const quiet = () => undefined;
const toStderr = (message: string) => console.error(message);
const logger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: toStderr, error: toStderr };

if (import.meta.main) {
  const request = JSON.parse(process.argv[2] ?? '{}') as BundleRequest;
  const { code } = await bundleWorkflowCode({ ...request, logger });
  process.stdout.write(code);
}
