/** Secret storage: a keytar-shaped SecretStore over Electron's async safeStorage, or memory. */
export { createMemorySecretStore } from './memory-store.ts';
export type { MemorySecretStoreOptions } from './memory-store.ts';
export { createSafeStorageSecretStore, readLinuxBackend } from './safe-storage-store.ts';
export type {
  SafeStorageSecretStore,
  SafeStorageSecretStoreOptions,
} from './safe-storage-store.ts';
export { openCiphertextFile } from './ciphertext-file.ts';
export type { CiphertextFile, CiphertextFileOptions } from './ciphertext-file.ts';
export { decideSecretBackend, selectSecretStore } from './select.ts';
export type {
  SecretBackendDecision,
  SelectSecretStoreOptions,
  SelectedSecretStore,
} from './select.ts';
export { SECRET_STORAGE_HINTS, describeSecretStorage } from './status.ts';
export type { SecretStorageFacts, SecretStorageHint, SecretStorageStatus } from './status.ts';
export { SecretStoreError, isSecretStoreError } from './errors.ts';
export type { SecretFailure } from './errors.ts';
export { createLostSecretLog } from './lost.ts';
export type { LostSecretLog } from './lost.ts';
export type {
  EnumerableSecretStore,
  LinuxStorageBackend,
  LostSecret,
  LostSecretsSource,
  SafeStorageLike,
  SecretCredential,
  SecretStore,
  SecretStoreKind,
  StoredSecret,
} from './types.ts';
