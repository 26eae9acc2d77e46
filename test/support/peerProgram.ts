/**
 * Finds a test peer's program before a fixture starts it. A missing program fails the test with
 * which peer is missing and how to install it, rather than a spawn ENOENT (or a browser launch error)
 * from deep inside a fixture. It never skips: a test that cannot reach its peer has not passed.
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** What installs every test peer (Temporal CLI, scim2-server, Samba, OpenLDAP, PostgreSQL, Chromium). */
export const installTestPeers = 'run `bash scripts/setup.sh --test` (or `npm run setup`); scripts/test-packages.sh lists the Debian packages';

export class PeerMissing extends Error {
  override name = 'PeerMissing';
}

export interface Peer {
  /** What the tests use it as, e.g. "Samba AD (the ad connector's tests)". */
  peer: string;
  /** A command looked up on PATH (and /usr/sbin, /sbin, where Debian puts daemons), or an absolute path. */
  program: string;
  /** What provides it, e.g. "the Debian package slapd". */
  from: string;
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's absolute path, or a PeerMissing that names the peer and how to install it. */
export async function peerProgram({ peer, program, from }: Peer): Promise<string> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  const candidates = isAbsolute(program) ? [program] : dirs.map((d) => join(d, program));
  for (const c of candidates) if (await executable(c)) return c;
  throw new PeerMissing(`${peer} cannot start: ${program} is not installed (it comes from ${from}). To install the test peers, ${installTestPeers}.`);
}
