/**
 * Chooses where secrets live for this host: the OS keychain through safeStorage when the platform
 * has it (the Electron app), otherwise memory for the session only (the Node host, tests).
 */
import type { Logger } from '../log/types.ts';
import {
  createLostSecretLog,
  createMemorySecretStore,
  describeSecretStorage,
  selectSecretStore,
  type SafeStorageLike,
  type SelectedSecretStore,
} from '../secrets/index.ts';

/** Opens the secret store for a data folder. */
export async function openSecretStore(options: {
  readonly safeStorage: SafeStorageLike | null;
  readonly platform: NodeJS.Platform;
  readonly dataDir: string;
  readonly weakOptIn: boolean;
  readonly log: Logger;
}): Promise<SelectedSecretStore> {
  if (options.safeStorage) {
    return selectSecretStore({
      safeStorage: options.safeStorage,
      platform: options.platform,
      dataDir: options.dataDir,
      weakOptIn: options.weakOptIn,
      log: options.log,
    });
  }
  const memory = createMemorySecretStore();
  const lost = createLostSecretLog();
  const status = describeSecretStorage({
    kind: 'memory',
    persistent: false,
    backend: null,
    weakOptIn: false,
    platform: options.platform,
    memoryCause: 'encryption',
  });
  return {
    getPassword: (service, account) => memory.getPassword(service, account),
    setPassword: (service, account, password) => memory.setPassword(service, account, password),
    deletePassword: (service, account) => memory.deletePassword(service, account),
    findCredentials: (service) => memory.findCredentials(service),
    kind: () => 'memory',
    persistent: () => false,
    status: () => status,
    // Nothing to persist to: the choice is accepted and changes nothing.
    setWeakOptIn: async () => status,
    onLost: (listener) => lost.onLost(listener),
    takeLostSecrets: () => lost.takeLostSecrets(),
  };
}
