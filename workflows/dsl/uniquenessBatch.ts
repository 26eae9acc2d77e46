/**
 * SelectUniqueValue for a whole step at once. Every parameter's evaluation runs until it needs to
 * know whether a candidate is free, and waits; once all of them wait (or are done), their candidates
 * go to the target in one question, and each goes on with its answer — to the next candidate when
 * its own was taken, so later rules are still only evaluated when needed. A step whose first
 * candidates are all free asks once, however many unique parameters it has.
 *
 * Deterministic: evaluations start in the parameters' order, and a round is asked only when every
 * evaluation still running waits, so the rounds and their order do not depend on timing (workflow
 * replay asks the same questions in the same order).
 */

/** One candidate value of one parameter. */
export interface UniquenessCheck {
  param: string;
  value: string;
}

interface Waiting extends UniquenessCheck {
  resolve: (free: boolean) => void;
  reject: (error: unknown) => void;
}

export class UniquenessBatch {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private started = false;
  private readonly ask: (checks: readonly UniquenessCheck[]) => Promise<boolean[]>;

  constructor(ask: (checks: readonly UniquenessCheck[]) => Promise<boolean[]>) {
    this.ask = ask;
  }

  /** The isUnique an evaluation of parameter `param` is given. */
  asker(param: string): (value: string) => Promise<boolean> {
    return (value) =>
      new Promise<boolean>((resolve, reject) => {
        this.waiting.push({ param, value, resolve, reject });
        this.askWhenAllWait();
      });
  }

  /**
   * Runs the evaluations side by side (undefined ones are skipped) and settles them all; results
   * are in the same order.
   */
  async settle<T>(evaluations: readonly ((() => Promise<T>) | undefined)[]): Promise<(PromiseSettledResult<T> | undefined)[]> {
    const running = evaluations.map((evaluation) => (evaluation === undefined ? undefined : this.track(evaluation)));
    this.started = true;
    this.askWhenAllWait();
    return Promise.all(running.map(async (p) => (p === undefined ? undefined : p.then((value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }), (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason })))));
  }

  private async track<T>(evaluation: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await evaluation();
    } finally {
      this.running--;
      this.askWhenAllWait();
    }
  }

  private askWhenAllWait(): void {
    if (!this.started || this.waiting.length === 0 || this.waiting.length < this.running) return;
    const round = this.waiting.splice(0);
    this.ask(round.map(({ param, value }) => ({ param, value }))).then(
      (free) => {
        for (const [i, w] of round.entries()) w.resolve(free[i] === true);
      },
      (error: unknown) => {
        for (const w of round) w.reject(error);
      },
    );
  }
}
