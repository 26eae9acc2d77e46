/**
 * A real Active Directory domain controller for tests: Samba, provisioned with
 * `samba-tool domain provision` and run in the foreground (`samba -i -M single`), serving only LDAP,
 * from a temp dir of its own; `stop()` ends it and removes the dir.
 *
 * Provisioning costs ~10 s of CPU, so it happens once per machine and Samba version: the result
 * (after one start, which makes Samba generate its TLS CA and certificate) is kept as a template in
 * the temp dir, and each DC starts from a copy of it, its paths rewritten; a copy answers in ~3 s.
 *
 * Samba's LDAP ports are fixed (389, 636), so each DC listens on an address of its own in the
 * loopback range (127.x.y.z): test files run in parallel without sharing a DC or a port. Simple
 * binds need TLS, so clients use LDAPS or StartTLS and trust Samba's CA; its certificate names the
 * DC's host name, not the address, hence `serverName`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, lstat, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { runCommand } from '../support/command.ts';
import { eventually } from '../support/eventually.ts';
import { peerProgram } from '../support/peerProgram.ts';

export interface SambaDc {
  /** The loopback address the DC listens on. */
  host: string;
  ldapsUrl: string;
  /** Plain LDAP, for StartTLS. */
  ldapUrl: string;
  realm: string;
  baseDn: string;
  usersDn: string;
  adminDn: string;
  adminPassword: string;
  /** PEM of the CA Samba generated; its certificate is issued to `serverName`. */
  caCert: string;
  serverName: string;
  stop(): Promise<void>;
}

const realm = 'TENURE.TEST';
const baseDn = 'DC=tenure,DC=test';
const adminPassword = 'Adm1n!Tenure-Test';
const serverName = 'DC1.tenure.test';
/** Bump when the provisioning below changes, so old templates are not reused. */
const recipe = 'v1';

/** Whether nothing listens on host:port yet (the address is ours to take). */
async function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function freeLoopbackAddress(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const octet = () => 1 + Math.floor(Math.random() * 253);
    const host = `127.${octet()}.${octet()}.${1 + octet()}`;
    if ((await isFree(host, 636)) && (await isFree(host, 389))) return host;
  }
  throw new Error('no free loopback address for a Samba DC');
}

async function ldapsAnswers(host: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port: 636, ca: [ca], servername: serverName }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const peer = 'Samba AD (the ad connector and end-to-end tests)';
let found: Promise<{ samba: string; sambaTool: string }> | undefined;
/** samba and samba-tool, looked up once per test file: a missing one names the peer and how to install it. */
async function programs(): Promise<{ samba: string; sambaTool: string }> {
  found ??= Promise.all([
    peerProgram({ peer, program: 'samba', from: 'the Debian packages samba and samba-ad-dc' }),
    peerProgram({ peer, program: 'samba-tool', from: 'the Debian package samba' }),
  ]).then(([samba, sambaTool]) => ({ samba, sambaTool }));
  return found;
}

interface Running {
  host: string;
  caCert: string;
  stop(): Promise<void>;
}

/** Starts Samba on a provisioned dir, listening on a fresh loopback address, once LDAPS answers. */
async function run(dir: string, previousDir: string): Promise<Running> {
  const host = await freeLoopbackAddress();
  const conf = join(dir, 'etc', 'smb.conf');
  const original = await readFile(conf, 'utf8');
  await writeFile(conf, original.replaceAll(previousDir, dir).replace(/^\s*interfaces = .*$/m, `\tinterfaces = ${host}/8`));

  let output = '';
  const { samba } = await programs();
  const child: ChildProcess = spawn(samba, ['-i', '-M', 'single', '-s', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    // Samba writes its CA and certificate on first start, then opens LDAPS.
    const caCert = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`samba exited with ${child.exitCode}: ${output.slice(-4000)}`);
        const ca = await readFile(join(dir, 'private', 'tls', 'ca.pem'), 'utf8');
        return (await ldapsAnswers(host, ca)) ? ca : undefined;
      },
      `Samba to answer LDAPS on ${host}:636`,
      90_000,
      100,
    );
    return { host, caCert, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Sockets and locks of a stopped Samba that a copy must not inherit. */
async function removeRuntimeFiles(dir: string): Promise<void> {
  for (const p of ['msg.lock', 'msg.sock', 'run', join('private', 'ldapi'), join('private', 'ldap_priv', 'ldapi'), join('private', 'smbd.tmp'), 'samba.log']) {
    await rm(join(dir, p), { recursive: true, force: true });
  }
}

/** The provisioned template dir, made once per machine, Samba version and recipe. */
async function template(): Promise<string> {
  const { samba, sambaTool } = await programs();
  const version = (await runCommand(samba, ['-V'])).trim().replace(/[^A-Za-z0-9.-]+/g, '_');
  const dir = join(tmpdir(), `tenure-samba-template-${version}-${recipe}`);
  if (await exists(join(dir, 'READY'))) return dir;

  const work = await mkdtemp(join(tmpdir(), 'tenure-samba-provision-'));
  try {
    const options = [
      'interfaces=127.0.0.1/8',
      'bind interfaces only=yes',
      'server services=ldap',
      `pid directory=${work}/run`,
      `ncalrpc dir=${work}/run/ncalrpc`,
      `winbindd socket directory=${work}/run/winbindd`,
      `log file=${work}/samba.log`,
      'tls enabled=yes',
      'ldap server require strong auth=yes',
    ];
    try {
      await runCommand(sambaTool, [
        'domain',
        'provision',
        `--realm=${realm}`,
        '--domain=TENURE',
        `--adminpass=${adminPassword}`,
        '--server-role=dc',
        '--dns-backend=NONE',
        '--use-rfc2307',
        '--host-name=dc1',
        `--targetdir=${work}`,
        ...options.map((o) => `--option=${o}`),
      ]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.includes('samba-ad-provision')) {
        throw new Error('samba-tool cannot provision a domain: the Debian package samba-ad-provision (its schema files) is missing; run `bash scripts/setup.sh --test` (scripts/test-packages.sh lists it)', { cause: error });
      }
      throw error;
    }
    const first = await run(work, work);
    await first.stop();
    await removeRuntimeFiles(work);
    await writeFile(join(work, 'READY'), new Date().toISOString());
    // Another test file may have finished the same template first: theirs is as good as ours.
    await rename(work, dir).catch(async (error: unknown) => {
      if (!(await exists(join(dir, 'READY')))) throw error;
    });
    return dir;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function startSamba(): Promise<SambaDc> {
  const source = await template();
  const dir = await mkdtemp(join(tmpdir(), 'tenure-samba-'));
  try {
    // Sockets (ldapi) belong to the Samba that made them; the copy's Samba makes its own.
    await cp(source, dir, { recursive: true, filter: async (path) => !(await lstat(path)).isSocket() });
    // The template's smb.conf still names the dir it was provisioned in.
    const conf = await readFile(join(dir, 'etc', 'smb.conf'), 'utf8');
    const provisionedIn = /private dir = (.*)\/private$/m.exec(conf)?.[1];
    if (provisionedIn === undefined) throw new Error(`the Samba template ${source} has no private dir in its smb.conf; delete it to provision again`);
    const running = await run(dir, provisionedIn);
    return {
      host: running.host,
      ldapsUrl: `ldaps://${running.host}:636`,
      ldapUrl: `ldap://${running.host}:389`,
      realm,
      baseDn,
      usersDn: `CN=Users,${baseDn}`,
      adminDn: `CN=Administrator,CN=Users,${baseDn}`,
      adminPassword,
      caCert: running.caCert,
      serverName,
      async stop() {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
