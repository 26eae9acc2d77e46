/**
 * Temporal's worker logger, bridged to pino: the SDK's own lines (worker lifecycle, the Rust core),
 * activity `Context.log` lines and workflow `log` lines (replay-aware: the SDK drops them while
 * replaying) all become JSON lines of the process logger, with the SDK's metadata as fields.
 */
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from './logger.ts';

const levels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogLevel, string>;

export function temporalLogger(logger: Logger): TemporalLogger {
  const base = logger.child({ component: 'temporal' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields: Record<string, unknown> = {};
    // Symbol keys are the SDK's internals (e.g. the timestamp marker); they are not log fields.
    for (const [k, v] of Object.entries(meta ?? {})) fields[k] = v;
    base[levels[level]](fields, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
