/**
 * A secret store that keeps everything in this process: the Node host and tests use it, and the
 * app falls back to it when the OS offers no encryption (or only Linux basic_text without opt-in),
 * so the user stays signed in for the session and signs in again after a restart.
 */
import { checkName, checkPassword } from './keys.ts';
import type { EnumerableSecretStore, SecretStoreKind } from './types.ts';

/** Options of {@link createMemorySecretStore}. */
export interface MemorySecretStoreOptions {
  /** What {@link SecretStore.kind} reports: 'memory' (default) or 'weak' for Linux basic_text. */
  kind?: Extract<SecretStoreKind, 'memory' | 'weak'>;
}

/** Creates an empty in-memory store; it is never persistent. */
export function createMemorySecretStore(
  options: MemorySecretStoreOptions = {},
): EnumerableSecretStore {
  const kind = options.kind ?? 'memory';
  // service → account → password; Maps keep insertion order, which findCredentials reports.
  const services = new Map<string, Map<string, string>>();

  // Every method is async so a bad argument rejects like in the other stores, instead of throwing.
  return {
    async getPassword(service, account) {
      const accounts = services.get(checkName(service, 'service'));
      return accounts?.get(checkName(account, 'account')) ?? null;
    },
    async setPassword(service, account, password) {
      checkName(service, 'service');
      checkName(account, 'account');
      checkPassword(password);
      let accounts = services.get(service);
      if (!accounts) {
        accounts = new Map();
        services.set(service, accounts);
      }
      accounts.set(account, password);
    },
    async deletePassword(service, account) {
      const accounts = services.get(checkName(service, 'service'));
      const removed = accounts?.delete(checkName(account, 'account')) ?? false;
      if (accounts && accounts.size === 0) services.delete(service);
      return removed;
    },
    async findCredentials(service) {
      const accounts = services.get(checkName(service, 'service'));
      return [...(accounts ?? [])].map(([account, password]) => ({ account, password }));
    },
    async listAll() {
      return [...services].flatMap(([service, accounts]) =>
        [...accounts].map(([account, password]) => ({ service, account, password })),
      );
    },
    async clear() {
      services.clear();
    },
    kind: () => kind,
    persistent: () => false,
  };
}
