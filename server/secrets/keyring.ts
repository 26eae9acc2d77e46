/**
 * The server's secret key and what is derived from it: the key that encrypts connection secrets at
 * rest (AES-256-GCM) and the keys that sign callback tokens and approval links. The master key comes from
 * TENURE_SECRET_KEY (32 bytes, base64 or hex) or from a key file created in the data directory with
 * owner-only permissions.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class KeyError extends Error {}

export interface Keyring {
  /** Short id of the master key, stored with each ciphertext (for rotation). */
  keyId: string;
  /** Encrypts `plaintext`, bound to `context` (e.g. the connection id) so ciphertexts cannot be swapped. */
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  callbackKey: Uint8Array;
  /** Encrypts Temporal payloads (server/temporal/codec.ts). */
  payloadKey: Uint8Array;
  /** Signs the approve/reject links in approval emails. */
  approvalLinkKey: Uint8Array;
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

const derive = (master: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tenure:${purpose}`, 32));

export function createKeyring(master: Buffer): Keyring {
  const encKey = derive(master, 'connection-secrets:v1');
  const keyId = createHash('sha256').update(master).digest('hex').slice(0, 8);
  return {
    keyId,
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
      if (id !== keyId) throw new KeyError(`secret was encrypted with key ${id ?? '?'}, but the server has key ${keyId}; set the TENURE_SECRET_KEY it was written with`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
    callbackKey: derive(master, 'callback-tokens:v1'),
    payloadKey: derive(master, 'temporal-payloads:v1'),
    approvalLinkKey: derive(master, 'approval-links:v1'),
  };
}
