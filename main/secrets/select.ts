/**
 * The backend policy. At startup (after Electron's `ready`) we ask safeStorage what it can do:
 * - no async encryption → memory only (`memory`);
 * - Linux `basic_text` (no keyring; the key is hard-coded in Chromium, so the file would be as good
 *   as plain text) → memory only (`weak`), unless the user opted in to persisting anyway;
 * - anything else → encrypted file (`os`).
 * The returned store is a facade, so flipping the opt-in moves secrets between memory and disk
 * without the session noticing.
 */
import { openCiphertextFile } from './ciphertext-file.ts';
import { SecretStoreError, errorFields } from './errors.ts';
import { createLostSecretLog } from './lost.ts';
import { createMemorySecretStore } from './memory-store.ts';
import { createSafeStorageSecretStore, readLinuxBackend } from './safe-storage-store.ts';
import { createSerialQueue } from './serial.ts';
import { describeSecretStorage } from './status.ts';
import type { SecretStorageStatus } from './status.ts';
import type {
  EnumerableSecretStore,
  LinuxStorageBackend,
  LostSecretsSource,
  SafeStorageLike,
  SecretStore,
  SecretStoreKind,
} from './types.ts';
import type { Logger } from '../log/types.ts';

/** Options of {@link selectSecretStore}. */
export interface SelectSecretStoreOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The app's data folder; the ciphertext goes to `<dataDir>/<configName>.json`. */
  dataDir: string;
  /** The user's saved choice to persist secrets without a keyring (Linux basic_text). */
  weakOptIn: boolean;
  log: Logger;
  /** File name without extension; default 'secrets'. */
  configName?: string;
  /** `XDG_CURRENT_DESKTOP`, to suggest the keyring of the user's desktop first. */
  desktop?: string;
}

/** The store the app uses: a {@link SecretStore} whose backend can change under the session. */
export interface SelectedSecretStore extends SecretStore, LostSecretsSource {
  /** How secrets are kept right now, with explanation keys for the UI. */
  status(): SecretStorageStatus;
  /**
   * Allows or stops persisting secrets with the weak backend. Allowing moves the in-memory secrets
   * to disk; revoking moves them back to memory (the session stays signed in) and deletes them from
   * disk. Does nothing but record the choice when the backend is not weak. The caller saves the
   * choice in the settings. Rejects with a SecretStoreError if the move fails.
   */
  setWeakOptIn(allow: boolean): Promise<SecretStorageStatus>;
}

/** What the policy chose, before any file is opened. */
export interface SecretBackendDecision {
  kind: SecretStoreKind;
  persistent: boolean;
}

/** The backend policy as a pure function (see the module comment). */
export function decideSecretBackend(facts: {
  available: boolean;
  backend: LinuxStorageBackend | null;
  weakOptIn: boolean;
}): SecretBackendDecision {
  if (!facts.available) return { kind: 'memory', persistent: false };
  // 'unknown' only happens before `ready`; once ready a missing keyring reports basic_text.
  if (facts.backend === 'basic_text') return { kind: 'weak', persistent: facts.weakOptIn };
  return { kind: 'os', persistent: true };
}

async function encryptionAvailable(safeStorage: SafeStorageLike, log: Logger): Promise<boolean> {
  try {
    return (await safeStorage.isAsyncEncryptionAvailable()) === true;
  } catch (error) {
    log.warn('could not ask whether encryption is available', errorFields(error));
    return false;
  }
}

/** Picks the backend for this machine and returns the store the app should use. */
export async function selectSecretStore(
  options: SelectSecretStoreOptions,
): Promise<SelectedSecretStore> {
  const { safeStorage, platform } = options;
  const log = options.log.child({ scope: 'secrets' });
  const lost = createLostSecretLog();
  const queue = createSerialQueue();
  const available = await encryptionAvailable(safeStorage, log);
  const backend = available ? readLinuxBackend(safeStorage, platform) : null;
  const decision = decideSecretBackend({ available, backend, weakOptIn: options.weakOptIn });
  let weakOptIn = options.weakOptIn;
  // Set when the policy wanted a file but the file could not be used (EACCES, a directory, ...).
  let fileFailed = false;

  const openDisk = () => {
    const file = openCiphertextFile({ dir: options.dataDir, name: options.configName, log });
    return createSafeStorageSecretStore({ safeStorage, file, log: options.log, platform, lost });
  };

  let current: EnumerableSecretStore;
  if (decision.persistent) {
    try {
      current = openDisk();
    } catch (error) {
      log.error('secrets file unusable; keeping secrets in memory', errorFields(error));
      current = createMemorySecretStore();
      fileFailed = true;
    }
  } else {
    current = createMemorySecretStore({ kind: decision.kind === 'weak' ? 'weak' : 'memory' });
  }

  const status = () =>
    describeSecretStorage({
      kind: current.kind(),
      persistent: current.persistent(),
      backend,
      weakOptIn,
      platform,
      memoryCause: fileFailed ? 'file' : 'encryption',
      desktop: options.desktop,
    });
  log.info('secret storage selected', { ...decision, backend, fileFailed });

  async function persist(): Promise<void> {
    let disk: EnumerableSecretStore;
    try {
      disk = openDisk();
    } catch (error) {
      log.warn('could not open the secrets file', errorFields(error));
      throw new SecretStoreError('write', 'The secrets file could not be opened.');
    }
    const secrets = await current.listAll();
    try {
      for (const s of secrets) await disk.setPassword(s.service, s.account, s.password);
    } catch (error) {
      // All or nothing: the session keeps running from memory, so undo the partial copy.
      for (const s of secrets) await disk.deletePassword(s.service, s.account).catch(() => false);
      throw error;
    }
    current = disk;
    fileFailed = false;
  }

  async function forget(): Promise<void> {
    const disk = current;
    const secrets = await disk.listAll();
    const memory = createMemorySecretStore({ kind: 'weak' });
    for (const s of secrets) await memory.setPassword(s.service, s.account, s.password);
    // Switch first: the session must keep its secrets even if the disk cannot be cleaned.
    current = memory;
    try {
      await disk.clear();
    } catch (error) {
      log.warn('could not remove secrets from disk', errorFields(error));
      throw new SecretStoreError('write', 'The saved secrets could not be removed from disk.');
    }
  }

  return {
    getPassword: (service, account) => queue.run(() => current.getPassword(service, account)),
    setPassword: (service, account, password) =>
      queue.run(() => current.setPassword(service, account, password)),
    deletePassword: (service, account) => queue.run(() => current.deletePassword(service, account)),
    findCredentials: (service) => queue.run(() => current.findCredentials(service)),
    kind: () => current.kind(),
    persistent: () => current.persistent(),
    onLost: (listener) => lost.onLost(listener),
    takeLostSecrets: () => lost.takeLostSecrets(),
    status,
    setWeakOptIn(allow) {
      return queue.run(async () => {
        const weak = decision.kind === 'weak';
        if (weak && allow && !current.persistent()) await persist();
        else if (weak && !allow && current.persistent()) {
          weakOptIn = false;
          await forget();
        }
        weakOptIn = allow;
        log.info('weak secret storage opt-in changed', { allow, persistent: current.persistent() });
        return status();
      });
    },
  };
}
