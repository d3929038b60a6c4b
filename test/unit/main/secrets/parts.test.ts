/** The small pieces: keys, the serial queue, the lost log, the status hints, the fake itself. */
import { describe, expect, it } from 'vitest';
import { parseSecretKey, secretKey, servicePrefix } from '../../../../main/secrets/keys.ts';
import { createLostSecretLog } from '../../../../main/secrets/lost.ts';
import { createSerialQueue } from '../../../../main/secrets/serial.ts';
import { SECRET_STORAGE_HINTS, describeSecretStorage } from '../../../../main/secrets/status.ts';
import { createFakeSafeStorage } from '../../../fakes/safe-storage.ts';

describe('secret keys', () => {
  it('round-trip any service and account without collisions', () => {
    const pairs: Array<[string, string]> = [
      ['a/b', 'c'],
      ['a', 'b/c'],
      ['%2F', '/'],
      ['x.y', 'ü 🦄'],
    ];
    const keys = pairs.map(([s, a]) => secretKey(s, a));
    expect(new Set(keys).size).toBe(pairs.length);
    expect(keys.map(parseSecretKey)).toEqual(
      pairs.map(([service, account]) => ({ service, account })),
    );
    expect(secretKey('a', 'b/c').startsWith(servicePrefix('a/b'))).toBe(false);
    expect(parseSecretKey('no-slash')).toBeNull();
    expect(parseSecretKey('a/b/c')).toBeNull();
    expect(parseSecretKey('%E0%A4%A/x')).toBeNull();
  });
});

describe('createSerialQueue', () => {
  it('runs tasks one at a time in order and survives failures', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      queue.run(async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 10), task('b', 1, true), task('c', 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('createLostSecretLog', () => {
  it('keeps losses until taken and tells listeners, even broken ones', () => {
    const lost = createLostSecretLog();
    lost.record({ reason: 'unreadable-file' });
    const seen: unknown[] = [];
    lost.onLost(() => {
      throw new Error('listener bug');
    });
    const stop = lost.onLost((l) => seen.push(l));
    lost.record({ reason: 'undecryptable', service: 's', account: 'a' });
    stop();
    lost.record({ reason: 'unreadable-file' });
    expect(seen).toEqual([{ reason: 'undecryptable', service: 's', account: 'a' }]);
    expect(lost.takeLostSecrets()).toHaveLength(3);
    expect(lost.takeLostSecrets()).toEqual([]);
  });
});

describe('describeSecretStorage', () => {
  it('only uses known hint keys and none for a keyring', () => {
    const os = describeSecretStorage({
      kind: 'os',
      persistent: true,
      backend: 'kwallet6',
      weakOptIn: false,
      platform: 'linux',
    });
    expect(os.hints).toEqual([]);
    const weak = describeSecretStorage({
      kind: 'weak',
      persistent: true,
      backend: 'basic_text',
      weakOptIn: true,
      platform: 'linux',
    });
    expect(weak.hints.slice(0, 2)).toEqual(['secrets.weak.persisted', 'secrets.weak.offerRevoke']);
    for (const hint of weak.hints) expect(SECRET_STORAGE_HINTS).toContain(hint);
    const mac = describeSecretStorage({
      kind: 'memory',
      persistent: false,
      backend: null,
      weakOptIn: false,
      platform: 'darwin',
    });
    expect(mac.hints).toEqual(['secrets.unavailable']);
  });
});

describe('the fake safeStorage', () => {
  it('really encrypts, rotates keys and reports availability', async () => {
    const fake = createFakeSafeStorage({ backend: 'basic_text' });
    expect(fake.getSelectedStorageBackend?.()).toBe('basic_text');
    const sealed = await fake.encryptStringAsync('hello secret');
    expect(sealed.toString('utf8')).not.toContain('hello secret');
    expect(await fake.decryptStringAsync(sealed)).toEqual({
      shouldReEncrypt: false,
      result: 'hello secret',
    });
    fake.rotateKey({ keepOld: true });
    expect((await fake.decryptStringAsync(sealed)).shouldReEncrypt).toBe(true);
    fake.rotateKey();
    await expect(fake.decryptStringAsync(sealed)).rejects.toThrow('Error while decrypting');
    fake.setAvailable(false);
    expect(await fake.isAsyncEncryptionAvailable()).toBe(false);
    await expect(fake.encryptStringAsync('x')).rejects.toThrow('not available');
  });
});
