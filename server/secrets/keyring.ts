/**
 * The server's secret key and what is derived from it: the key that encrypts connection secrets at
 * rest (AES-256-GCM) and the keys that sign callback tokens and approval links. The master key comes from
 * TENURE_SECRET_KEY (32 bytes, base64 or hex) or from a key file created in the data directory with
 * owner-only permissions.
 *
 * Rotation: every ciphertext names the key that wrote it (a short id). Keys listed in
 * TENURE_PREVIOUS_SECRET_KEYS still decrypt; only the current key encrypts. `rotate-keys`
 * (server/secrets/rotate.ts) rewrites stored secrets under the current key, after which the previous
 * keys are needed only for Temporal histories written before the rotation.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class KeyError extends Error {}

export interface Keyring {
  /** Short id of the master key, stored with each ciphertext (for rotation). */
  keyId: string;
  /** Ids of the previous keys that still decrypt (TENURE_PREVIOUS_SECRET_KEYS). */
  previousKeyIds: readonly string[];
  /** The id of the key that sealed `sealed`, or undefined when it is not a ciphertext of this format. */
  keyIdOf(sealed: string): string | undefined;
  /** Encrypts `plaintext`, bound to `context` (e.g. the connection id) so ciphertexts cannot be swapped. */
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  callbackKey: Uint8Array;
  /** Encrypts Temporal payloads (server/temporal/codec.ts). */
  payloadKey: Uint8Array;
  /** Payload keys by key id, the current one and the previous ones: histories written before a rotation stay readable. */
  payloadKeys: ReadonlyMap<string, Uint8Array>;
  /** Signs the approve/reject links in approval emails. */
  approvalLinkKey: Uint8Array;
  /** Signs the sign-in session cookies (server/http/sessions.ts). */
  sessionKey: Uint8Array;
}

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new KeyError('TENURE_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

export async function loadMasterKey(configured: string | undefined, dataDir: string): Promise<Buffer> {
  if (configured !== undefined) return parseKey(configured);
  const file = join(dataDir, 'secret.key');
  try {
    return parseKey(await readFile(file, 'utf8'));
  } catch (error) {
    if (error instanceof KeyError) throw new KeyError(`${file} does not hold a valid key: ${error.message}`);
    const key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return key;
  }
}

/** TENURE_PREVIOUS_SECRET_KEYS: keys that decrypt but no longer encrypt, comma-separated. */
export function parsePreviousKeys(configured: string | undefined): Buffer[] {
  if (configured === undefined) return [];
  return configured
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k, i) => {
      try {
        return parseKey(k);
      } catch (error) {
        throw new KeyError(`TENURE_PREVIOUS_SECRET_KEYS entry ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
}

const derive = (master: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tenure:${purpose}`, 32));
const idOf = (master: Buffer) => createHash('sha256').update(master).digest('hex').slice(0, 8);

/** `master` encrypts and decrypts; `previous` keys only decrypt (rotation). */
export function createKeyring(master: Buffer, previous: readonly Buffer[] = []): Keyring {
  const encKey = derive(master, 'connection-secrets:v1');
  const keyId = idOf(master);
  const olderKeys = previous.filter((k) => idOf(k) !== keyId);
  const decryptKeys = new Map([[keyId, encKey], ...olderKeys.map((k) => [idOf(k), derive(k, 'connection-secrets:v1')] as const)]);
  const payloadKey = derive(master, 'temporal-payloads:v1');
  return {
    keyId,
    previousKeyIds: [...new Set(olderKeys.map(idOf))],
    keyIdOf(sealed) {
      const [version, id] = sealed.split('.');
      return version === 'v1' && id !== undefined && id !== '' ? id : undefined;
    },
    payloadKeys: new Map([[keyId, payloadKey], ...olderKeys.map((k) => [idOf(k), derive(k, 'temporal-payloads:v1')] as const)]),
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(context));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
    },
    decrypt(sealed, context) {
      const [version, id, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || ct === undefined) throw new KeyError('unrecognised ciphertext format');
      const key = id === undefined ? undefined : decryptKeys.get(id);
      if (!key) {
        throw new KeyError(`secret was encrypted with key ${id ?? '?'}, but this server holds only ${[...decryptKeys.keys()].join(', ')}; set TENURE_SECRET_KEY, or add the key it was written with to TENURE_PREVIOUS_SECRET_KEYS`);
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
    callbackKey: derive(master, 'callback-tokens:v1'),
    payloadKey,
    approvalLinkKey: derive(master, 'approval-links:v1'),
    sessionKey: derive(master, 'session-cookies:v1'),
  };
}
