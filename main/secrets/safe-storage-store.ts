/**
 * The persistent store: Electron's async safeStorage encrypts (Keychain, DPAPI, libsecret, KWallet,
 * or Linux basic_text), the base64 ciphertext rests in a {@link CiphertextFile}. Operations run one
 * at a time, since each awaits encryption between reading and writing the file.
 */
import { SecretStoreError, errorFields } from './errors.ts';
import { checkPassword, parseSecretKey, secretKey, servicePrefix } from './keys.ts';
import { createLostSecretLog } from './lost.ts';
import { createSerialQueue } from './serial.ts';
import type { CiphertextFile } from './ciphertext-file.ts';
import type { LostSecretLog } from './lost.ts';
import type {
  EnumerableSecretStore,
  LinuxStorageBackend,
  LostSecretsSource,
  SafeStorageLike,
  StoredSecret,
} from './types.ts';
import type { Logger } from '../log/types.ts';

/** Options of {@link createSafeStorageSecretStore}. */
export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  file: CiphertextFile;
  log: Logger;
  platform: NodeJS.Platform;
  /** Where losses are recorded; a store-owned log by default (pass one to share it). */
  lost?: LostSecretLog;
}

/** A persistent, enumerable store that reports the secrets it had to drop. */
export interface SafeStorageSecretStore extends EnumerableSecretStore, LostSecretsSource {
  /** The Linux backend safeStorage reported at creation; null on other platforms. */
  backend(): LinuxStorageBackend | null;
}

const LINUX_BACKENDS: readonly string[] = [
  'basic_text',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
  'unknown',
];

/** The Linux storage backend safeStorage uses (null off Linux; 'unknown' if it cannot tell). */
export function readLinuxBackend(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): LinuxStorageBackend | null {
  if (platform !== 'linux') return null;
  try {
    const backend = safeStorage.getSelectedStorageBackend?.();
    return backend && LINUX_BACKENDS.includes(backend)
      ? (backend as LinuxStorageBackend)
      : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Creates a store encrypting with `safeStorage` into `file`. */
export function createSafeStorageSecretStore(
  options: SafeStorageSecretStoreOptions,
): SafeStorageSecretStore {
  const { safeStorage, file } = options;
  const log = options.log.child({ scope: 'secrets' });
  const lost = options.lost ?? createLostSecretLog();
  const queue = createSerialQueue();
  const backend = readLinuxBackend(safeStorage, options.platform);
  // basic_text "encrypts" with a key hard-coded in Chromium: on disk it is as good as plain text.
  const kind = backend === 'basic_text' ? 'weak' : 'os';

  function fileOp<T>(failure: 'read' | 'write', action: () => T): T {
    try {
      return action();
    } catch (error) {
      log.warn(`secrets file ${failure} failed`, errorFields(error));
      throw new SecretStoreError(
        failure,
        `The secrets file could not be ${failure === 'read' ? 'read' : 'written'}.`,
      );
    } finally {
      if (file.takeDiscarded()) lost.record({ reason: 'unreadable-file' });
    }
  }

  async function available(): Promise<boolean> {
    try {
      return (await safeStorage.isAsyncEncryptionAvailable()) === true;
    } catch {
      return false;
    }
  }

  async function encrypt(plain: string): Promise<string> {
    let encrypted: Buffer;
    try {
      encrypted = await safeStorage.encryptStringAsync(plain);
    } catch (error) {
      log.warn('secret encryption failed', errorFields(error));
      throw new SecretStoreError('encrypt', 'The secret could not be encrypted.');
    }
    if (!Buffer.isBuffer(encrypted) || encrypted.length === 0) {
      throw new SecretStoreError('encrypt', 'The secret could not be encrypted.');
    }
    return encrypted.toString('base64');
  }

  /** Decrypts one entry; an entry that cannot be decrypted is deleted and reported as lost. */
  async function open(key: string, service: string, account: string, stored: string) {
    let outcome: { shouldReEncrypt: boolean; result: string };
    try {
      outcome = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (typeof outcome?.result !== 'string') throw new TypeError('decrypt returned no string');
    } catch (error) {
      // A keyring that is locked or not running yet is not a changed key: keep the ciphertext.
      if (!(await available())) {
        log.warn('secret not decrypted: encryption is unavailable', { service, account });
        throw new SecretStoreError('unavailable', 'The system keyring is not available.');
      }
      fileOp('write', () => file.delete(key));
      log.warn('secret could not be decrypted and was deleted', {
        service,
        account,
        ...errorFields(error),
      });
      lost.record({ reason: 'undecryptable', service, account });
      return null;
    }
    if (outcome.shouldReEncrypt) {
      try {
        const renewed = await encrypt(outcome.result);
        fileOp('write', () => file.set(key, renewed));
        log.info('secret re-encrypted with the current key', { service, account });
      } catch {
        // The old ciphertext still decrypts; the next read tries again.
        log.warn('secret re-encryption failed; kept the old ciphertext', { service, account });
      }
    }
    return outcome.result;
  }

  /** Decrypts every entry whose key passes `wanted`, in file order. */
  async function openAll(wanted: (key: string) => boolean): Promise<StoredSecret[]> {
    const found: StoredSecret[] = [];
    for (const key of fileOp('read', () => file.keys()).filter(wanted)) {
      const address = parseSecretKey(key);
      const stored = address ? fileOp('read', () => file.get(key)) : undefined;
      if (!address || stored === undefined) continue;
      const password = await open(key, address.service, address.account, stored);
      if (password !== null) found.push({ ...address, password });
    }
    return found;
  }

  return {
    getPassword(service, account) {
      return queue.run(async () => {
        const key = secretKey(service, account);
        const stored = fileOp('read', () => file.get(key));
        return stored === undefined ? null : open(key, service, account, stored);
      });
    },
    setPassword(service, account, password) {
      return queue.run(async () => {
        const key = secretKey(service, account);
        const ciphertext = await encrypt(checkPassword(password));
        fileOp('write', () => file.set(key, ciphertext));
      });
    },
    deletePassword(service, account) {
      return queue.run(async () => {
        const key = secretKey(service, account);
        if (fileOp('read', () => file.get(key)) === undefined) return false;
        fileOp('write', () => file.delete(key));
        return true;
      });
    },
    findCredentials(service) {
      return queue.run(async () => {
        const prefix = servicePrefix(service);
        const found = await openAll((key) => key.startsWith(prefix));
        return found.map(({ account, password }) => ({ account, password }));
      });
    },
    listAll: () => queue.run(() => openAll(() => true)),
    clear() {
      return queue.run(async () => {
        for (const key of fileOp('read', () => file.keys())) {
          if (parseSecretKey(key)) fileOp('write', () => file.delete(key));
        }
      });
    },
    kind: () => kind,
    persistent: () => true,
    backend: () => backend,
    onLost: (listener) => lost.onLost(listener),
    takeLostSecrets: () => lost.takeLostSecrets(),
  };
}
