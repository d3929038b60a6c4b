import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCiphertextFile } from '../../../../main/secrets/ciphertext-file.ts';
import { createSafeStorageSecretStore } from '../../../../main/secrets/safe-storage-store.ts';
import { createFakeSafeStorage } from '../../../fakes/safe-storage.ts';
import type { FakeSafeStorage } from '../../../fakes/safe-storage.ts';
import type { LostSecret } from '../../../../main/secrets/types.ts';
import { captureLog, readSecretsFile, secretsOnDisk, tempDir } from './helpers.ts';

const TOKEN = 'y0_AgAAAAB-plaintext-refresh-token-0123456789';

function setup(dir = tempDir(), safeStorage: FakeSafeStorage = createFakeSafeStorage()) {
  const { log, sink } = captureLog();
  const file = openCiphertextFile({ dir, log });
  const store = createSafeStorageSecretStore({ safeStorage, file, log, platform: 'linux' });
  return { dir, safeStorage, store, sink, log };
}

describe('createSafeStorageSecretStore', () => {
  it('sets, gets, finds and deletes secrets', async () => {
    const { store } = setup();
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    await store.setPassword('tracker', 'alice', TOKEN);
    await store.setPassword('tracker', 'bob', 'bob-secret');
    await store.setPassword('other', 'alice', 'other-secret');
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(await store.findCredentials('tracker')).toEqual([
      { account: 'alice', password: TOKEN },
      { account: 'bob', password: 'bob-secret' },
    ]);
    await store.setPassword('tracker', 'alice', 'replaced');
    expect(await store.getPassword('tracker', 'alice')).toBe('replaced');
    expect(await store.deletePassword('tracker', 'alice')).toBe(true);
    expect(await store.deletePassword('tracker', 'alice')).toBe(false);
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    expect(await store.findCredentials('tracker')).toEqual([
      { account: 'bob', password: 'bob-secret' },
    ]);
    expect(store.kind()).toBe('os');
    expect(store.persistent()).toBe(true);
  });

  it('keeps secrets across a new store instance on the same folder', async () => {
    const first = setup();
    await first.store.setPassword('tracker', 'alice', TOKEN);
    const second = setup(first.dir, first.safeStorage);
    expect(await second.store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(await second.store.findCredentials('tracker')).toEqual([
      { account: 'alice', password: TOKEN },
    ]);
  });

  it('writes only base64 ciphertext to disk, never the plaintext, with mode 0600', async () => {
    const { dir, store } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    const text = readSecretsFile(dir);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    const stored = secretsOnDisk(dir);
    expect(Object.keys(stored)).toEqual(['tracker/alice']);
    expect(stored['tracker/alice']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored['tracker/alice'] ?? '', 'base64').toString('utf8')).not.toContain(
      TOKEN,
    );
    if (process.platform !== 'win32') {
      expect(fs.statSync(`${dir}/secrets.json`).mode & 0o777).toBe(0o600);
    }
  });

  it('re-encrypts when safeStorage asks for it; the new ciphertext still decrypts', async () => {
    const { dir, store, safeStorage } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    const before = secretsOnDisk(dir)['tracker/alice'];
    safeStorage.rotateKey({ keepOld: true });
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    const after = secretsOnDisk(dir)['tracker/alice'];
    expect(after).not.toBe(before);
    // Readable by a store that only has the new key (the old ciphertext would not be).
    safeStorage.rotateKey({ keepOld: true });
    const encryptsBefore = safeStorage.calls.encrypt;
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(safeStorage.calls.encrypt).toBe(encryptsBefore + 1);
  });

  it('re-encrypts on the shouldReEncrypt flag alone, and keeps the value if that fails', async () => {
    const { dir, store, safeStorage, sink } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    const before = secretsOnDisk(dir)['tracker/alice'];
    safeStorage.setShouldReEncrypt(true);
    safeStorage.failNext('encrypt');
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(secretsOnDisk(dir)['tracker/alice']).toBe(before);
    expect(sink.text()).toContain('re-encryption failed');
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
    expect(secretsOnDisk(dir)['tracker/alice']).not.toBe(before);
  });

  it('deletes and reports a secret that no longer decrypts, and returns null', async () => {
    const { dir, store, safeStorage, sink } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    await store.setPassword('tracker', 'bob', 'bob-secret');
    const seen: LostSecret[] = [];
    store.onLost((lost) => seen.push(lost));
    safeStorage.rotateKey();
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    expect(secretsOnDisk(dir)).not.toHaveProperty('tracker/alice');
    expect(seen).toEqual([{ reason: 'undecryptable', service: 'tracker', account: 'alice' }]);
    // findCredentials drops the other broken entry the same way.
    expect(await store.findCredentials('tracker')).toEqual([]);
    expect(store.takeLostSecrets()).toEqual([
      { reason: 'undecryptable', service: 'tracker', account: 'alice' },
      { reason: 'undecryptable', service: 'tracker', account: 'bob' },
    ]);
    expect(store.takeLostSecrets()).toEqual([]);
    const warnings = sink.records().filter((r) => r.level === 'warn');
    expect(warnings.map((r) => r.msg)).toContain('secret could not be decrypted and was deleted');
    expect(sink.text()).not.toContain(TOKEN);
  });

  it('treats damaged ciphertext as lost', async () => {
    const { dir, store } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    const stored = secretsOnDisk(dir);
    stored['tracker/alice'] = Buffer.from('garbage that is not ours').toString('base64');
    fs.writeFileSync(`${dir}/secrets.json`, JSON.stringify(stored));
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    expect(store.takeLostSecrets()).toHaveLength(1);
  });

  it('keeps the ciphertext when decryption fails because encryption is unavailable', async () => {
    const { dir, store, safeStorage } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    safeStorage.setAvailable(false);
    await expect(store.getPassword('tracker', 'alice')).rejects.toMatchObject({
      name: 'SecretStoreError',
      failure: 'unavailable',
    });
    expect(secretsOnDisk(dir)).toHaveProperty('tracker/alice');
    expect(store.takeLostSecrets()).toEqual([]);
    safeStorage.setAvailable(true);
    expect(await store.getPassword('tracker', 'alice')).toBe(TOKEN);
  });

  it('starts afresh from an unreadable file and reports it', async () => {
    const dir = tempDir();
    fs.writeFileSync(`${dir}/secrets.json`, '{"tracker/alice": "QUJD", broken');
    const { store, sink } = setup(dir);
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    expect(store.takeLostSecrets()).toEqual([{ reason: 'unreadable-file' }]);
    expect(sink.text()).toContain('secrets file was unreadable');
    await store.setPassword('tracker', 'alice', TOKEN);
    expect(Object.keys(secretsOnDisk(dir))).toEqual(['tracker/alice']);
    // Damage while running is found on the next access too.
    fs.writeFileSync(`${dir}/secrets.json`, '{"tracker/alice": 42}');
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    expect(store.takeLostSecrets()).toEqual([{ reason: 'unreadable-file' }]);
  });

  it('does not lose writes when calls overlap', async () => {
    // Encryption of earlier values takes longer, so without serialization older writes land last.
    const safeStorage = createFakeSafeStorage({
      latency: (op, plain) => (op === 'encrypt' ? 12 - Number(plain?.split('-')[1] ?? 0) : 2),
    });
    const { store } = setup(tempDir(), safeStorage);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.setPassword('tracker', 'alice', `v-${i}`)),
    );
    expect(await store.getPassword('tracker', 'alice')).toBe('v-9');
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.setPassword('tracker', `user${i}`, `u-${i}`)),
    );
    expect(await store.findCredentials('tracker')).toHaveLength(6);

    // A read that re-encrypts must not write its (older) value over a set queued behind it.
    safeStorage.setShouldReEncrypt(true);
    const read = store.getPassword('tracker', 'alice');
    const write = store.setPassword('tracker', 'alice', 'v-20');
    expect(await read).toBe('v-9');
    await write;
    expect(await store.getPassword('tracker', 'alice')).toBe('v-20');
  });

  it('handles service and account names with special characters', async () => {
    const { dir, store, safeStorage } = setup();
    const names: Array<[string, string]> = [
      ['a/b', 'c'],
      ['a', 'b/c'],
      ['svc.with.dots', 'acct.with.dots'],
      ['100%', 'ünïcødé 🦄'],
      ['__proto__', 'constructor'],
      ['line\nbreak', ' spaced '],
    ];
    for (const [service, account] of names) {
      await store.setPassword(service, account, `${service}|${account}`);
    }
    const reopened = setup(dir, safeStorage).store;
    for (const [service, account] of names) {
      expect(await reopened.getPassword(service, account)).toBe(`${service}|${account}`);
    }
    expect(await reopened.findCredentials('a')).toEqual([{ account: 'b/c', password: 'a|b/c' }]);
    expect(await reopened.findCredentials('a/b')).toEqual([{ account: 'c', password: 'a/b|c' }]);
    expect(await reopened.listAll()).toHaveLength(names.length);
    await expect(reopened.getPassword('', 'x')).rejects.toMatchObject({ failure: 'bad-input' });
    await expect(reopened.setPassword('s', '\uD800', 'x')).rejects.toMatchObject({
      failure: 'bad-input',
    });
  });

  it('stores an empty secret and a large one', async () => {
    const { store } = setup();
    await store.setPassword('tracker', 'empty', '');
    await store.setPassword('tracker', 'big', 'x'.repeat(100_000));
    expect(await store.getPassword('tracker', 'empty')).toBe('');
    expect(await store.getPassword('tracker', 'big')).toHaveLength(100_000);
  });

  it('clear() removes every secret but leaves keys it did not write', async () => {
    const { dir, store } = setup();
    await store.setPassword('tracker', 'alice', TOKEN);
    fs.writeFileSync(
      `${dir}/secrets.json`,
      JSON.stringify({ ...secretsOnDisk(dir), 'future-metadata': 'QUJD' }),
    );
    expect(await store.listAll()).toHaveLength(1);
    await store.clear();
    expect(secretsOnDisk(dir)).toEqual({ 'future-metadata': 'QUJD' });
  });

  it("reports 'weak' over Linux basic_text and 'os' elsewhere", () => {
    const { log } = captureLog();
    const file = openCiphertextFile({ dir: tempDir(), log });
    const safeStorage = createFakeSafeStorage({ backend: 'basic_text' });
    const linux = createSafeStorageSecretStore({ safeStorage, file, log, platform: 'linux' });
    expect([linux.kind(), linux.backend()]).toEqual(['weak', 'basic_text']);
    const mac = createSafeStorageSecretStore({ safeStorage, file, log, platform: 'darwin' });
    expect([mac.kind(), mac.backend()]).toEqual(['os', null]);
  });
});
