/**
 * The fault suite's counts, kept across scenarios and printed at the end: what was done to Tenure
 * (kills, restarts, outage, throttling) and what that cost (duplicates and lost events, both of
 * which must be 0). Counts, never durations of Tenure's work: how fast it recovers is the
 * benchmark's to measure.
 */
import type { Findings } from './verify.ts';

export interface ScenarioLine {
  name: string;
  hires: number;
  people: number;
  matching: number;
  duplicates: number;
  lost: number;
  failedRuns: number;
}

export class Tally {
  workerKills = 0;
  temporalRestarts = 0;
  temporalDownSeconds = 0;
  adOutageSeconds = 0;
  graph429s = 0;
  /** A person's Graph requests sent again after a 429, and those of them sent before their Retry-After had passed. */
  throttledRetries = 0;
  retryAfterIgnored = 0;
  apiKills = 0;
  /** Accepted records still in the outbox when their API process was killed. */
  undeliveredAtApiKill = 0;
  /** Requests HR had to send again (no answer, 429, 503). */
  resent = 0;
  /** Person workflows Temporal lists as failed, terminated or timed out. */
  failedPersonWorkflows = 0;
  readonly scenarios: ScenarioLine[] = [];

  add(name: string, hires: number, f: Findings): void {
    this.scenarios.push({ name, hires, people: f.people, matching: f.matching, duplicates: f.duplicates.length, lost: f.lost.length, failedRuns: f.failedRuns.length });
  }

  get duplicates(): number {
    return this.scenarios.reduce((n, s) => n + s.duplicates, 0);
  }

  get lost(): number {
    return this.scenarios.reduce((n, s) => n + s.lost, 0);
  }

  report(): string {
    const line = (label: string, value: string) => `  ${label.padEnd(36)} ${value}`;
    return [
      'fault suite counts',
      ...this.scenarios.map((s) => line(s.name, `${s.hires} hires, ${s.matching}/${s.people} people as expected, ${s.duplicates} duplicates, ${s.lost} lost, ${s.failedRuns} failed runs`)),
      line('kills survived (worker, kill -9)', String(this.workerKills)),
      line('Temporal restarts', `${this.temporalRestarts} (${this.temporalDownSeconds} s down)`),
      line('AD outage seconds', String(this.adOutageSeconds)),
      line('429s served by Graph', `${this.graph429s} (a person's request sent again after one: ${this.throttledRetries}, before its Retry-After: ${this.retryAfterIgnored})`),
      line('API processes killed after 202', `${this.apiKills} (${this.undeliveredAtApiKill} accepted records not yet delivered at the kill)`),
      line('requests HR sent again', String(this.resent)),
      line('failed person workflows', String(this.failedPersonWorkflows)),
      line('duplicates found', String(this.duplicates)),
      line('lost events', String(this.lost)),
    ].join('\n');
  }
}
