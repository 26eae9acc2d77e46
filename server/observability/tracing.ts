/**
 * OpenTelemetry tracing through Temporal's interceptors: the API's client starts a span around each
 * workflow start and signal and passes its context in the Temporal headers; the workflow
 * interceptors (bundled into the workflow code) continue it as RunWorkflow / StartActivity spans and
 * hand them to the worker through a sink; the activity interceptor continues it as RunActivity.
 * One trace id from the HTTP request that started a run down to each call to a target system.
 *
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (then spans go out over OTLP/HTTP, the exporter
 * reading the standard OTEL_EXPORTER_OTLP_* variables); tests pass their own span processor. One
 * tracer provider per process, like the metrics registry.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { ROOT_CONTEXT, type Context, type ContextManager, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';

/** The workflow-side interceptors, bundled into the workflow code when tracing is on. */
export const workflowTracingModule = createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Carries the active span across awaits (what @opentelemetry/context-async-hooks does, in a few lines). */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(context, () => fn.apply(thisArg, args));
  }
  // Binding callbacks and emitters is for auto-instrumentation, which Tenure does not use.
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

export interface Tracing {
  tracer: Tracer;
  processor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The process's tracing, when it was started. */
export function currentTracing(): Tracing | undefined {
  return active;
}

/** Starts tracing for this process with `processor` (tests: a SimpleSpanProcessor over an in-memory exporter). */
export function startTracing(serviceName: string, processor: SpanProcessor): Tracing {
  if (active) return active;
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  provider.register({ contextManager: new AsyncLocalContextManager() });
  const tracing: Tracing = {
    tracer: provider.getTracer('tenure'),
    processor,
    resource,
    async shutdown() {
      await provider.shutdown();
      if (active === tracing) active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/** Tracing as the environment asks: OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, nothing otherwise. */
export function tracingFromEnv(serviceName: string, endpoint: string | undefined): Tracing | undefined {
  if (endpoint === undefined) return undefined;
  return startTracing(serviceName, new BatchSpanProcessor(new OTLPTraceExporter()));
}

/** The client interceptors of the API's Temporal client (none when tracing is off). */
export function tracingClientInterceptors(tracing = active): WorkflowClientInterceptor[] {
  return tracing ? [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] : [];
}

/** What a worker adds when tracing is on: the activity interceptors and the sink workflow spans leave through. */
export function tracingWorkerParts(tracing = active): { activity: ActivityInterceptorsFactory[]; sinks: InjectedSinks<OpenTelemetrySinks> | undefined } {
  if (!tracing) return { activity: [], sinks: undefined };
  return {
    activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}
