/**
 * Runs schemathesis (PyPI, installed into .tools/venv by scripts/setup.sh --test) against a
 * listening Tenure from its OpenAPI document, and reads back what it did per operation.
 *
 * The process is spawned, never run synchronously: the server under test lives in the caller's own
 * Node process and must keep answering while schemathesis calls it.
 *
 * Checks: any 5xx (not_a_server_error), a response whose status or body the document does not
 * declare (status_code_conformance, content_type_conformance, response_schema_conformance), and a
 * request the document calls invalid that was accepted (negative_data_rejection).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const schemathesisBinary = join(process.cwd(), '.tools/venv/bin/schemathesis');

export const contractChecks = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'negative_data_rejection'] as const;

export interface FuzzRun {
  /** The OpenAPI document's URL on the listening server. */
  schemaUrl: string;
  token: string;
  /** Examples per operation and phase (schemathesis --max-examples). */
  maxExamples: number;
  /** Only the operations whose OpenAPI path matches this regular expression. */
  includePathRegex?: string;
  seed: number;
}

export interface FuzzResult {
  exitCode: number;
  output: string;
  /** Test cases sent per operation (`METHOD /path`), from the run's JUnit report. */
  casesPerOperation: Map<string, number>;
  failures: string[];
}

const junitCase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
const attribute = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

export async function runSchemathesis(run: FuzzRun): Promise<FuzzResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-schemathesis-'));
  try {
    const ndjson = join(dir, 'events.ndjson');
    const junit = join(dir, 'junit.xml');
    const args = [
      '--config-file',
      join(import.meta.dirname, 'schemathesis.toml'),
      'run',
      run.schemaUrl,
      '--header',
      `Authorization: Bearer ${run.token}`,
      '--checks',
      contractChecks.join(','),
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(run.maxExamples),
      '--seed',
      String(run.seed),
      // One worker: with two, both threads may parse the same module for hypothesis's lambda
      // descriptions at once, and Python 3.11's parser fails that with "AST constructor recursion
      // depth mismatch", an error of the fuzzer, not an answer of the API.
      '--workers',
      '1',
      '--continue-on-failure',
      '--generation-with-security-parameters',
      'false',
      '--generation-database',
      'none',
      '--request-timeout',
      '30',
      '--no-color',
      '--report',
      'junit,ndjson',
      '--report-junit-path',
      junit,
      '--report-ndjson-path',
      ndjson,
      ...(run.includePathRegex !== undefined ? ['--include-path-regex', run.includePathRegex] : []),
    ];
    const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve, reject) => {
      // cwd in the temporary directory: schemathesis keeps a crash cache (.schemathesis/) where it runs.
      const child = spawn(schemathesisBinary, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? -1, output: text }));
    });
    const casesPerOperation = await casesFromEvents(ndjson);
    const failures: string[] = [];
    const report = await readFile(junit, 'utf8').catch(() => '');
    for (const match of report.matchAll(junitCase)) {
      const body = match[3] ?? '';
      if (/<(failure|error)\b/.test(body)) failures.push(`${attribute(match[1] ?? '', 'name') ?? '?'}: ${body.slice(0, 2000)}`);
    }
    return { exitCode, output, casesPerOperation, failures };
  } finally {
    // TENURE_CONTRACT_KEEP_REPORTS keeps the JUnit and NDJSON reports for a closer look (the output names the directory).
    if (process.env.TENURE_CONTRACT_KEEP_REPORTS === undefined) await rm(dir, { recursive: true, force: true });
  }
}

const scenarioFinished = z.object({ ScenarioFinished: z.object({ label: z.string().nullish(), recorder: z.object({ label: z.string(), cases: z.record(z.string(), z.unknown()) }).loose() }).loose() });

/** Counts the test cases each operation's scenarios recorded. */
async function casesFromEvents(file: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const event = scenarioFinished.safeParse(JSON.parse(line));
    if (!event.success) continue;
    const { recorder } = event.data.ScenarioFinished;
    counts.set(recorder.label, (counts.get(recorder.label) ?? 0) + Object.keys(recorder.cases).length);
  }
  return counts;
}
