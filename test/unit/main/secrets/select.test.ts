import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideSecretBackend, selectSecretStore } from '../../../../main/secrets/select.ts';
import { createFakeSafeStorage } from '../../../fakes/safe-storage.ts';
import type { FakeSafeStorageOptions } from '../../../fakes/safe-storage.ts';
import { captureLog, secretsOnDisk, tempDir } from './helpers.ts';

const TOKEN = 'y0_AgAAAAB-session-token-abcdef0123456789';

async function select(
  fake: FakeSafeStorageOptions,
  extra: { weakOptIn?: boolean; platform?: NodeJS.Platform; dataDir?: string } = {},
) {
  const safeStorage = createFakeSafeStorage(fake);
  const { log, sink } = captureLog();
  const dataDir = extra.dataDir ?? tempDir();
  const store = await selectSecretStore({
    safeStorage,
    platform: extra.platform ?? 'linux',
    dataDir,
    weakOptIn: extra.weakOptIn ?? false,
    log,
  });
  return { store, safeStorage, dataDir, sink };
}

describe('decideSecretBackend', () => {
  it('applies the policy', () => {
    const d = (available: boolean, backend: 'basic_text' | 'kwallet6' | null, weakOptIn = false) =>
      decideSecretBackend({ available, backend, weakOptIn });
    expect(d(false, null)).toEqual({ kind: 'memory', persistent: false });
    expect(d(false, null, true)).toEqual({ kind: 'memory', persistent: false });
    expect(d(true, 'basic_text')).toEqual({ kind: 'weak', persistent: false });
    expect(d(true, 'basic_text', true)).toEqual({ kind: 'weak', persistent: true });
    expect(d(true, 'kwallet6')).toEqual({ kind: 'os', persistent: true });
    expect(d(true, null)).toEqual({ kind: 'os', persistent: true });
  });
});

describe('selectSecretStore', () => {
  it('uses the OS store with a keyring, persisting across instances', async () => {
    const { store, safeStorage, dataDir } = await select({ backend: 'gnome_libsecret' });
    expect(store.status()).toEqual({
      kind: 'os',
      persistent: true,
      backend: 'gnome_libsecret',
      weakOptIn: false,
      hints: [],
    });
    await store.setPassword('tracker', 'alice', TOKEN);
    const again = await selectSecretStore({
      safeStorage,
      platform: 'linux',
      dataDir,
      weakOptIn: false,
      log: captureLog().log,
    });
    expect(await again.getPassword('tracker', 'alice')).toBe(TOKEN);
  });

  it('reports no backend off Linux', async () => {
    const { store } = await select({ backend: 'basic_text' }, { platform: 'darwin' });
    expect(store.status()).toMatchObject({ kind: 'os', persistent: true, backend: null });
  });

  it('keeps secrets in memory when encryption is unavailable', async () => {
    const { store, dataDir } = await select({ available: false }, { weakOptIn: true });
    expect([store.kind(), store.persistent()]).toEqual(['memory', false]);
    await store.setPassword('tracker', 'alice', TOKEN);
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(store.status().hints).toEqual([
      'secrets.unavailable',
      'secrets.install.gnomeKeyring',
      'secrets.install.kwallet',
      'secrets.restartAfterInstall',
    ]);
    // The opt-in does not apply: there is nothing to persist with.
    expect(await store.setWeakOptIn(true)).toMatchObject({ kind: 'memory', persistent: false });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('treats a rejecting availability check as unavailable', async () => {
    const safeStorage = createFakeSafeStorage();
    safeStorage.isAsyncEncryptionAvailable = () => Promise.reject(new Error('not ready'));
    const store = await selectSecretStore({
      safeStorage,
      platform: 'win32',
      dataDir: tempDir(),
      weakOptIn: false,
      log: captureLog().log,
    });
    expect(store.kind()).toBe('memory');
    expect(store.status().hints).toEqual(['secrets.unavailable']);
  });

  it('keeps basic_text secrets in memory only until the user opts in, then persists them', async () => {
    const { store, dataDir, safeStorage } = await select({ backend: 'basic_text' });
    expect(store.status()).toMatchObject({
      kind: 'weak',
      persistent: false,
      backend: 'basic_text',
    });
    expect(store.status().hints).toContain('secrets.weak.sessionOnly');
    expect(store.status().hints).toContain('secrets.weak.offerOptIn');
    await store.setPassword('tracker', 'alice', TOKEN);
    await store.setPassword('tracker', 'bob', 'bob-secret');
    expect(fs.readdirSync(dataDir)).toEqual([]);

    const status = await store.setWeakOptIn(true);
    expect(status).toMatchObject({ kind: 'weak', persistent: true, weakOptIn: true });
    expect(status.hints).toContain('secrets.weak.persisted');
    expect(Object.keys(secretsOnDisk(dataDir))).toEqual(['tracker/alice', 'tracker/bob']);
    expect(JSON.stringify(secretsOnDisk(dataDir))).not.toContain(TOKEN);
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);

    // The next launch (opt-in saved by the caller) reads them back.
    const next = await selectSecretStore({
      safeStorage,
      platform: 'linux',
      dataDir,
      weakOptIn: true,
      log: captureLog().log,
    });
    expect(next.status()).toMatchObject({ kind: 'weak', persistent: true });
    expect(await next.findCredentials('tracker')).toHaveLength(2);
  });

  it('revoking the opt-in deletes secrets from disk but keeps the session', async () => {
    const { store, dataDir } = await select({ backend: 'basic_text' }, { weakOptIn: true });
    await store.setPassword('tracker', 'alice', TOKEN);
    expect(Object.keys(secretsOnDisk(dataDir))).toEqual(['tracker/alice']);
    const status = await store.setWeakOptIn(false);
    expect(status).toMatchObject({ kind: 'weak', persistent: false, weakOptIn: false });
    expect(secretsOnDisk(dataDir)).toEqual({});
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    await store.setPassword('tracker', 'bob', 'bob-secret');
    expect(secretsOnDisk(dataDir)).toEqual({});
    // Opting in again moves both back.
    await store.setWeakOptIn(true);
    expect(Object.keys(secretsOnDisk(dataDir))).toEqual(['tracker/alice', 'tracker/bob']);
  });

  it('leaves a basic_text session unpersisted when moving to disk fails', async () => {
    const { store, dataDir, safeStorage } = await select({ backend: 'basic_text' });
    await store.setPassword('tracker', 'alice', TOKEN);
    await store.setPassword('tracker', 'bob', 'bob-secret');
    let encrypts = 0;
    const encrypt = safeStorage.encryptStringAsync.bind(safeStorage);
    safeStorage.encryptStringAsync = async (plain) => {
      encrypts += 1;
      if (encrypts === 2) throw new Error('disk said no');
      return encrypt(plain);
    };
    await expect(store.setWeakOptIn(true)).rejects.toMatchObject({ name: 'SecretStoreError' });
    expect(store.status()).toMatchObject({ persistent: false, weakOptIn: false });
    expect(secretsOnDisk(dataDir)).toEqual({});
    expect(await store.getPassword('tracker', 'bob')).toBe('bob-secret');
  });

  it('setWeakOptIn only records the choice with a real keyring', async () => {
    const { store, dataDir } = await select({ backend: 'kwallet5' });
    await store.setPassword('tracker', 'alice', TOKEN);
    expect(await store.setWeakOptIn(false)).toMatchObject({ kind: 'os', persistent: true });
    expect(Object.keys(secretsOnDisk(dataDir))).toEqual(['tracker/alice']);
  });

  it('falls back to memory when the secrets file cannot be used', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(`${dataDir}/secrets.json`);
    const { store, sink } = await select({}, { dataDir });
    expect(store.status()).toMatchObject({ kind: 'memory', persistent: false });
    expect(store.status().hints).toEqual(['secrets.fileError']);
    await store.setPassword('tracker', 'alice', TOKEN);
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(sink.text()).toContain('secrets file unusable');
  });

  it('forwards losses from the disk store', async () => {
    const { store, safeStorage } = await select({});
    await store.setPassword('tracker', 'alice', TOKEN);
    const seen: unknown[] = [];
    const stop = store.onLost((lost) => seen.push(lost));
    safeStorage.rotateKey();
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    stop();
    expect(seen).toEqual([{ reason: 'undecryptable', service: 'tracker', account: 'alice' }]);
    expect(store.takeLostSecrets()).toEqual(seen);
  });

  it('puts the KWallet hint first on KDE', async () => {
    const store = await selectSecretStore({
      safeStorage: createFakeSafeStorage({ backend: 'basic_text' }),
      platform: 'linux',
      dataDir: tempDir(),
      weakOptIn: false,
      log: captureLog().log,
      desktop: 'KDE',
    });
    expect(store.status().hints).toEqual([
      'secrets.weak.sessionOnly',
      'secrets.weak.offerOptIn',
      'secrets.install.kwallet',
      'secrets.install.gnomeKeyring',
      'secrets.restartAfterInstall',
    ]);
  });
});
