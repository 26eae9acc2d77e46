/**
 * A real OpenLDAP server for tests: a generated slapd.conf (mdb database in a temp dir, the core,
 * cosine, inetorgperson and nis schemas), seeded offline with slapadd, then `slapd -d 0` in the
 * foreground on a free loopback port. Stopped (and its directory removed) by `stop()`.
 *
 * The connector binds as a service account (not the rootdn) that ACLs allow to write, with a size
 * limit of 5 entries for unpaged searches: only a client that pages sees every entry.
 * The refint overlay keeps `member` and `manager` values right when an entry moves or goes away,
 * as we advise for production directories.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { runCommand } from '../support/command.ts';
import { peerProgram } from '../support/peerProgram.ts';

export interface Slapd {
  url: string;
  port: number;
  baseDn: string;
  /** The directory manager: bypasses ACLs and limits, for checking what the directory holds. */
  rootDn: string;
  rootPassword: string;
  /** The service account the connector binds as. */
  serviceDn: string;
  servicePassword: string;
  peopleDn: string;
  groupsDn: string;
  /** A member every seeded group keeps, because groupOfNames needs at least one. */
  placeholderDn: string;
  /** Stops slapd and starts it again on the same port and data: established connections drop. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const baseDn = 'dc=tenure,dc=test';

function configFile(dir: string): string {
  return `# Generated for one test file.
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload refint
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
password-hash {SSHA}

database mdb
maxsize 104857600
suffix "${baseDn}"
rootdn "cn=admin,${baseDn}"
rootpw admin-secret
directory ${dir}/data
index objectClass eq
index cn,uid,mail,employeeNumber,member,manager eq

overlay refint
refint_attributes member manager

limits dn.exact="cn=tenure,${baseDn}" size.soft=5 size.hard=5 size.prtotal=unlimited

access to attrs=userPassword
  by dn.exact="cn=tenure,${baseDn}" write
  by self write
  by anonymous auth
  by * none
access to *
  by dn.exact="cn=tenure,${baseDn}" write
  by * read
`;
}

const seed = `dn: ${baseDn}
objectClass: dcObject
objectClass: organization
dc: tenure
o: Tenure Test

dn: cn=tenure,${baseDn}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: tenure
userPassword: service-secret

dn: cn=placeholder,${baseDn}
objectClass: organizationalRole
cn: placeholder

dn: ou=People,${baseDn}
objectClass: organizationalUnit
ou: People

dn: ou=Leavers,${baseDn}
objectClass: organizationalUnit
ou: Leavers

dn: ou=Groups,${baseDn}
objectClass: organizationalUnit
ou: Groups

dn: cn=Staff,ou=Groups,${baseDn}
objectClass: groupOfNames
cn: Staff
member: cn=placeholder,${baseDn}

dn: cn=Engineering,ou=Groups,${baseDn}
objectClass: groupOfNames
cn: Engineering
member: cn=placeholder,${baseDn}
`;

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startSlapd(): Promise<Slapd> {
  const peer = 'OpenLDAP (the ldap connector tests)';
  const [slapadd, slapd] = await Promise.all([
    peerProgram({ peer, program: 'slapadd', from: 'the Debian package slapd' }),
    peerProgram({ peer, program: 'slapd', from: 'the Debian package slapd' }),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'tenure-slapd-'));
  await mkdir(join(dir, 'data'));
  const conf = join(dir, 'slapd.conf');
  await writeFile(conf, configFile(dir));
  await writeFile(join(dir, 'seed.ldif'), seed);
  await runCommand(slapadd, ['-f', conf, '-l', join(dir, 'seed.ldif')]);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;

  let child: ChildProcess | undefined;
  let output = '';
  const launch = async () => {
    output = '';
    const started = spawn(slapd, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout.on('data', (d: Buffer) => (output += d.toString()));
    started.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child = started;
    await eventually(async () => {
      if (started.exitCode !== null) throw new Error(`slapd exited with ${started.exitCode}: ${output}`);
      return (await answers(port)) ? true : undefined;
    }, `slapd to listen on ${url}`, 15_000, 50);
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };

  try {
    await launch();
  } catch (error) {
    await halt();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    baseDn,
    rootDn: `cn=admin,${baseDn}`,
    rootPassword: 'admin-secret',
    serviceDn: `cn=tenure,${baseDn}`,
    servicePassword: 'service-secret',
    peopleDn: `ou=People,${baseDn}`,
    groupsDn: `ou=Groups,${baseDn}`,
    placeholderDn: `cn=placeholder,${baseDn}`,
    async restart() {
      await halt();
      await launch();
    },
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
