/**
 * The shapes shared by every secret backend. The store is keytar-shaped (service + account →
 * password) so backends stay swappable and callers written against keytar read naturally.
 * Nothing here imports electron: Electron's safeStorage reaches us through {@link SafeStorageLike}.
 */

/** How a store keeps secrets: OS-encrypted, weakly encrypted (Linux basic_text), or session-only. */
export type SecretStoreKind = 'os' | 'weak' | 'memory';

/** One entry returned by {@link SecretStore.findCredentials}. */
export interface SecretCredential {
  account: string;
  password: string;
}

/** One entry of a whole-store listing (used when secrets move between backends). */
export interface StoredSecret {
  service: string;
  account: string;
  password: string;
}

/** A keytar-shaped secret store. Every method rejects with a SecretStoreError, never a secret. */
export interface SecretStore {
  /** The secret, or null when there is none (or it was lost: see {@link LostSecretsSource}). */
  getPassword(service: string, account: string): Promise<string | null>;
  /** Stores (or replaces) a secret. */
  setPassword(service: string, account: string, password: string): Promise<void>;
  /** Removes a secret; resolves true when there was one. */
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Every readable secret of `service`, in storage order. */
  findCredentials(service: string): Promise<SecretCredential[]>;
  /** How the secrets are protected right now. */
  kind(): SecretStoreKind;
  /** Whether secrets survive a restart of the app. */
  persistent(): boolean;
}

/** A store that can also list and wipe everything it holds (to move secrets between backends). */
export interface EnumerableSecretStore extends SecretStore {
  /** Every readable secret, all services. */
  listAll(): Promise<StoredSecret[]>;
  /** Removes every secret. */
  clear(): Promise<void>;
}

/** Linux storage backends as `safeStorage.getSelectedStorageBackend()` names them. */
export type LinuxStorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** The part of Electron 45's safeStorage we use: the async API only (the sync one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only; `unknown` before the app is ready. */
  getSelectedStorageBackend?(): string;
}

/**
 * A secret the store had to drop: its ciphertext no longer decrypts (the OS key changed, the file
 * was damaged), or the whole file was unreadable so which accounts it held is unknown.
 */
export type LostSecret =
  { reason: 'undecryptable'; service: string; account: string } | { reason: 'unreadable-file' };

/** Where the session layer learns that secrets were lost, so it can ask the user to sign in. */
export interface LostSecretsSource {
  /** Calls `listener` for each loss from now on; returns the unsubscribe function. */
  onLost(listener: (lost: LostSecret) => void): () => void;
  /** Losses recorded since the last call (also those before anyone subscribed), oldest first. */
  takeLostSecrets(): LostSecret[];
}
