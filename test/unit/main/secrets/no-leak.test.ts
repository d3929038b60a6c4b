/** Secrets must never reach a log line or an error message, whatever fails. */
import { describe, expect, it } from 'vitest';
import { openCiphertextFile } from '../../../../main/secrets/ciphertext-file.ts';
import { createSafeStorageSecretStore } from '../../../../main/secrets/safe-storage-store.ts';
import { selectSecretStore } from '../../../../main/secrets/select.ts';
import { createFakeSafeStorage } from '../../../fakes/safe-storage.ts';
import { breakable, captureLog, tempDir } from './helpers.ts';

// Shaped like nothing the log redactor knows, so only the store's own care keeps it out.
const SECRET = 'plain-Secret-value-7f3a9c';

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function inspect(error: Error): string {
  const props = Object.entries(error).map(([key, value]) => `${key}=${String(value)}`);
  return [error.name, error.message, String(error.cause ?? ''), error.stack ?? '', ...props].join(
    '\n',
  );
}

describe('secrets stay out of logs and errors', () => {
  it('survives every failure of the safeStorage store', async () => {
    const { log, sink } = captureLog();
    const safeStorage = createFakeSafeStorage();
    const file = breakable(openCiphertextFile({ dir: tempDir(), log }));
    const store = createSafeStorageSecretStore({ safeStorage, file, log, platform: 'linux' });
    const errors: Error[] = [];

    await store.setPassword('tracker', 'alice', SECRET);
    safeStorage.failNext('encrypt', { leak: true });
    errors.push(await failure(store.setPassword('tracker', 'alice', SECRET)));

    file.fail('write', new Error(`EIO while writing ${SECRET}`));
    errors.push(await failure(store.setPassword('tracker', 'bob', SECRET)));
    file.fail('read', new Error(`cannot read ${SECRET}`));
    errors.push(await failure(store.getPassword('tracker', 'alice')));
    errors.push(await failure(store.findCredentials('tracker')));

    const healthy = createSafeStorageSecretStore({
      safeStorage,
      file: openCiphertextFile({ dir: tempDir(), log }),
      log,
      platform: 'linux',
    });
    await healthy.setPassword('tracker', 'alice', SECRET);
    // Re-encryption failing after a successful decrypt: the plaintext is in hand at that point.
    safeStorage.setShouldReEncrypt(true);
    safeStorage.failNext('encrypt', { leak: true });
    expect(await healthy.getPassword('tracker', 'alice')).toBe(SECRET);
    safeStorage.setShouldReEncrypt(false);
    safeStorage.failNext('decrypt', { leak: true });
    expect(await healthy.getPassword('tracker', 'alice')).toBeNull();

    expect(errors).toHaveLength(4);
    for (const error of errors) {
      expect(error.name).toBe('SecretStoreError');
      expect(inspect(error)).not.toContain(SECRET);
    }
    expect(sink.lines.length).toBeGreaterThan(4);
    expect(sink.text()).not.toContain(SECRET);
    expect(sink.text()).not.toContain(Buffer.from(SECRET).toString('base64'));
  });

  it('survives a failed move between memory and disk', async () => {
    const { log, sink } = captureLog();
    const safeStorage = createFakeSafeStorage({ backend: 'basic_text' });
    const store = await selectSecretStore({
      safeStorage,
      platform: 'linux',
      dataDir: tempDir(),
      weakOptIn: false,
      log,
    });
    await store.setPassword('tracker', 'alice', SECRET);
    safeStorage.failNext('encrypt', { leak: true });
    const error = await failure(store.setWeakOptIn(true));
    expect(inspect(error)).not.toContain(SECRET);
    await store.setWeakOptIn(true);
    await store.setWeakOptIn(false);
    expect(sink.text()).not.toContain(SECRET);
  });
});
