/**
 * A fake of Electron 45's async safeStorage that really encrypts (AES-256-GCM), so tests can check
 * that plaintext never reaches the disk, that a rotated key breaks old ciphertext, and so on.
 * Plain Node only; implements main/secrets' SafeStorageLike.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { LinuxStorageBackend, SafeStorageLike } from '../../main/secrets/types.ts';

/** Options of {@link createFakeSafeStorage}. */
export interface FakeSafeStorageOptions {
  /** What isAsyncEncryptionAvailable() reports; default true. */
  available?: boolean;
  /** What getSelectedStorageBackend() reports; default 'gnome_libsecret'. */
  backend?: LinuxStorageBackend;
  /** Milliseconds each encrypt/decrypt takes (to provoke interleavings); default 0. */
  latency?: (op: 'encrypt' | 'decrypt', plain?: string) => number;
}

/** The fake plus the knobs tests turn. */
export interface FakeSafeStorage extends SafeStorageLike {
  setAvailable(available: boolean): void;
  setBackend(backend: LinuxStorageBackend): void;
  /** Forces `shouldReEncrypt` on every successful decryption. */
  setShouldReEncrypt(value: boolean): void;
  /**
   * Switches to a new key. By default the old key is dropped, so old ciphertext fails to decrypt
   * (like a wiped keyring); with `keepOld` it still decrypts, with `shouldReEncrypt: true` (like
   * Chromium's os_crypt_async key rotation).
   */
  rotateKey(options?: { keepOld?: boolean }): void;
  /** Makes the next call of `op` reject; `leak` puts the plaintext into the error message. */
  failNext(op: 'encrypt' | 'decrypt', options?: { leak?: boolean }): void;
  /** How often each operation was called. */
  readonly calls: { encrypt: number; decrypt: number };
}

const MAGIC = Buffer.from('FK');
const DECRYPT_ERROR =
  'Error while decrypting the ciphertext provided to safeStorage.decryptString.';

/** Creates a {@link FakeSafeStorage} with a fresh random key. */
export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): FakeSafeStorage {
  let available = options.available ?? true;
  let backend: LinuxStorageBackend = options.backend ?? 'gnome_libsecret';
  let forceReEncrypt = false;
  const keys = new Map<number, Buffer>([[1, randomBytes(32)]]);
  let version = 1;
  const failures = {
    encrypt: null as null | { leak: boolean },
    decrypt: null as null | { leak: boolean },
  };
  const calls = { encrypt: 0, decrypt: 0 };

  const wait = async (op: 'encrypt' | 'decrypt', plain?: string) => {
    const ms = options.latency?.(op, plain) ?? 0;
    await new Promise((resolve) => setTimeout(resolve, ms));
  };

  return {
    calls,
    async isAsyncEncryptionAvailable() {
      return available;
    },
    getSelectedStorageBackend: () => backend,
    async encryptStringAsync(plain) {
      calls.encrypt += 1;
      await wait('encrypt', plain);
      const failure = failures.encrypt;
      failures.encrypt = null;
      if (failure) throw new Error(failure.leak ? `cannot encrypt "${plain}"` : 'encrypt failed');
      if (!available) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(version) as Buffer, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([MAGIC, Buffer.from([version]), iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(encrypted) {
      calls.decrypt += 1;
      await wait('decrypt');
      const failure = failures.decrypt;
      failures.decrypt = null;
      if (failure)
        throw new Error(
          failure.leak ? `cannot decrypt ${encrypted.toString('hex')}` : DECRYPT_ERROR,
        );
      if (!available) throw new Error('Encryption is not available.');
      const keyVersion = encrypted[2] ?? 0;
      const key = keys.get(keyVersion);
      if (!key || encrypted.length < 31 || !encrypted.subarray(0, 2).equals(MAGIC)) {
        throw new Error(DECRYPT_ERROR);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
        decipher.setAuthTag(encrypted.subarray(15, 31));
        const plain = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]);
        const result = plain.toString('utf8');
        return { shouldReEncrypt: forceReEncrypt || keyVersion !== version, result };
      } catch {
        throw new Error(DECRYPT_ERROR);
      }
    },
    setAvailable(value) {
      available = value;
    },
    setBackend(value) {
      backend = value;
    },
    setShouldReEncrypt(value) {
      forceReEncrypt = value;
    },
    rotateKey(rotation = {}) {
      if (!rotation.keepOld) keys.clear();
      version += 1;
      keys.set(version, randomBytes(32));
    },
    failNext(op, failure = {}) {
      failures[op] = { leak: failure.leak ?? false };
    },
  };
}
