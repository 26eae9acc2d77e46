/**
 * Encrypts every workflow and activity payload (inputs, results, signals, queries, memos) before it
 * leaves the process, so Temporal's database holds ciphertext: people's names, dates and ids never
 * sit there in clear. AES-256-GCM with a key derived from the server's secret key; the key id travels
 * in the payload metadata so a key rotation can still read older histories.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is reliable.
const { temporal } = proto;
const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PayloadKeyMissing extends Error {}

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Uint8Array>;
  private readonly currentId: string;

  /** `keys` by id; `currentId` encrypts, every key decrypts (rotation). */
  constructor(keys: ReadonlyMap<string, Uint8Array>, currentId: string) {
    if (!keys.has(currentId)) throw new PayloadKeyMissing(`no payload key "${currentId}"`);
    this.keys = keys;
    this.currentId = currentId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.currentId);
    if (!key) throw new PayloadKeyMissing(`no payload key "${this.currentId}"`);
    return Promise.resolve(
      payloads.map((payload) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return { metadata: { [METADATA_ENCODING_KEY]: encoder.encode(ENCODING), [KEY_ID]: encoder.encode(this.currentId) }, data: sealed };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
        if (!encoding || decoder.decode(encoding) !== ENCODING) return payload;
        const keyIdBytes = payload.metadata?.[KEY_ID];
        const keyId = keyIdBytes ? decoder.decode(keyIdBytes) : '';
        const key = this.keys.get(keyId);
        if (!key) throw new PayloadKeyMissing(`payload was encrypted with key "${keyId}", which this server does not have; add the key it was written with to TENURE_PREVIOUS_SECRET_KEYS`);
        const data = Buffer.from(payload.data ?? new Uint8Array());
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
        decipher.setAuthTag(data.subarray(data.length - 16));
        const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
        return temporal.api.common.v1.Payload.decode(plain);
      }),
    );
  }
}

/**
 * The codec for a keyring: encrypts with its current key, under its key id, and decrypts with the
 * current and every previous key (histories written before a rotation keep the old key id).
 */
export function payloadCodec(keyring: { keyId: string; payloadKey: Uint8Array; payloadKeys?: ReadonlyMap<string, Uint8Array> }): EncryptionCodec {
  return new EncryptionCodec(new Map([...(keyring.payloadKeys ?? []), [keyring.keyId, keyring.payloadKey]]), keyring.keyId);
}
