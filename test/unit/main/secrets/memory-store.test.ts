import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../main/secrets/memory-store.ts';

describe('createMemorySecretStore', () => {
  it('sets, gets, finds and deletes secrets', async () => {
    const store = createMemorySecretStore();
    expect(await store.getPassword('tracker', 'alice')).toBeNull();
    await store.setPassword('tracker', 'alice', 'a-secret');
    await store.setPassword('tracker', 'bob', 'b-secret');
    await store.setPassword('other', 'alice', 'o-secret');
    expect(await store.getPassword('tracker', 'alice')).toBe('a-secret');
    expect(await store.findCredentials('tracker')).toEqual([
      { account: 'alice', password: 'a-secret' },
      { account: 'bob', password: 'b-secret' },
    ]);
    expect(await store.deletePassword('tracker', 'alice')).toBe(true);
    expect(await store.deletePassword('tracker', 'alice')).toBe(false);
    expect(await store.deletePassword('nobody', 'alice')).toBe(false);
    expect(await store.listAll()).toEqual([
      { service: 'tracker', account: 'bob', password: 'b-secret' },
      { service: 'other', account: 'alice', password: 'o-secret' },
    ]);
    await store.clear();
    expect(await store.listAll()).toEqual([]);
  });

  it('is never persistent and reports the kind it was given', () => {
    expect([createMemorySecretStore().kind(), createMemorySecretStore().persistent()]).toEqual([
      'memory',
      false,
    ]);
    expect(createMemorySecretStore({ kind: 'weak' }).kind()).toBe('weak');
  });

  it('keeps names with special characters apart', async () => {
    const store = createMemorySecretStore();
    await store.setPassword('a/b', 'c', '1');
    await store.setPassword('a', 'b/c', '2');
    await store.setPassword('__proto__', 'toString', '3');
    expect(await store.getPassword('a/b', 'c')).toBe('1');
    expect(await store.getPassword('a', 'b/c')).toBe('2');
    expect(await store.getPassword('__proto__', 'toString')).toBe('3');
    expect(await store.getPassword('a', 'c')).toBeNull();
  });

  it('rejects bad arguments without echoing the secret', async () => {
    const store = createMemorySecretStore();
    await expect(store.getPassword('', 'x')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    const bad = store.setPassword('s', 'a', { toString: () => 'hidden' } as unknown as string);
    await expect(bad).rejects.toThrow('The secret must be a string.');
  });
});
