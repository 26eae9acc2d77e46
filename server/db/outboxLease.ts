/**
 * Which process drains the HR outbox. A person's events must reach the person workflow in the order
 * they were accepted, so exactly one dispatcher delivers at a time: the holder of this lease. The
 * holder renews it while it works; when a process stops (or dies), another API process takes over
 * once the lease has expired. Times are the database's clock, so the processes' clocks do not matter.
 * The same SQL runs on PGlite, where the only process always holds it.
 */
import type { Database } from './database.ts';

const name = 'dispatcher';

export function createOutboxLease(db: Database, holder: string) {
  return {
    holder,
    /** Takes or renews the lease for `ms`; false while another holder's lease runs. */
    async acquire(ms: number): Promise<boolean> {
      const rows = await db.query<{ holder: string }>(
        `INSERT INTO hr_outbox_lease (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE hr_outbox_lease.holder = EXCLUDED.holder OR hr_outbox_lease.expires_at < now()
         RETURNING holder`,
        [name, holder, ms / 1000],
      );
      return rows.length > 0;
    },
    /** Lets another process take over at once (on a clean stop). */
    async release(): Promise<void> {
      await db.query("UPDATE hr_outbox_lease SET expires_at = '-infinity' WHERE name = $1 AND holder = $2", [name, holder]);
    },
  };
}

export type OutboxLease = ReturnType<typeof createOutboxLease>;
